import type { LabApi } from '../../../../src-core/contract/api';
import type { RunLayerImages } from '../../../../src-core/contract/runs-api';

/**
 * The shown run's weights as images (`runs.layer-images`): asked again when the run, the picked row or `key` (its
 * weights: new snapshots while it trains, its ending) change. One question at a time: while one is out, only the
 * newest wish is kept and asked next, so a fast run never piles up requests; the answer for the run and row shown
 * is kept even when a newer one is on its way.
 */
export class LayerImagesLoader {
  images = $state.raw<RunLayerImages | null>(null);
  error = $state<string | null>(null);
  private wanted: { runId: string; row: number; key: string } | null = null;
  private asked = '';
  private busy = false;

  constructor(private readonly api: Pick<LabApi, 'runs.layer-images'>) {}

  load(runId: string, row: number, key: string): void {
    if (this.wanted && (this.wanted.runId !== runId || this.wanted.row !== row)) this.images = null;
    this.wanted = { runId, row, key };
    void this.next();
  }

  clear(): void {
    this.wanted = null;
    this.asked = '';
    this.images = null;
    this.error = null;
  }

  private async next(): Promise<void> {
    const wish = this.wanted;
    if (this.busy || !wish) return;
    const question = `${wish.runId}:${wish.row}:${wish.key}`;
    if (question === this.asked) return;
    this.asked = question;
    this.busy = true;
    try {
      const answer = await this.api['runs.layer-images']({ id: wish.runId, row: wish.row });
      if (this.wanted?.runId === wish.runId && this.wanted.row === wish.row) {
        this.images = answer;
        this.error = null;
      }
    } catch (error) {
      if (this.wanted?.runId === wish.runId && this.wanted.row === wish.row) {
        this.images = null;
        this.error = error instanceof Error ? error.message : String(error);
      }
    } finally {
      this.busy = false;
    }
    void this.next();
  }
}
