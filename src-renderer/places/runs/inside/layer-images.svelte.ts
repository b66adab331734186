import type { LabApi } from '../../../../src-core/contract/api';
import type { RunLayerImages } from '../../../../src-core/contract/runs-api';

/**
 * The shown run's weights as images (`runs.layer-images`): asked again when the run, its stored weights or the picked
 * row change; an answer that arrives after another question is dropped.
 */
export class LayerImagesLoader {
  images = $state.raw<RunLayerImages | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  private asked = '';

  constructor(private readonly api: Pick<LabApi, 'runs.layer-images'>) {}

  /** `key` names what the answer depends on besides the run and row (e.g. which weights are stored). */
  async load(runId: string, row: number, key: string): Promise<void> {
    const question = `${runId}:${row}:${key}`;
    if (question === this.asked) return;
    this.asked = question;
    this.loading = true;
    try {
      const answer = await this.api['runs.layer-images']({ id: runId, row });
      if (question !== this.asked) return;
      this.images = answer;
      this.error = null;
    } catch (error) {
      if (question !== this.asked) return;
      this.images = null;
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (question === this.asked) this.loading = false;
    }
  }

  clear(): void {
    this.asked = '';
    this.images = null;
    this.error = null;
  }
}
