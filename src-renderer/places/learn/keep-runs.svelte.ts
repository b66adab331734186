import type { LabApi } from '../../../src-core/contract/api';
import type { RunSummary } from '../../../src-core/contract/training';
import type { WorkbenchSetup } from '../../../src-core/learn/explainer';

/** The tag an explorer's stored runs carry, so Runs can find them ("explorer:batch-size"). */
export function explorerTag(explorerId: string): string {
  return `explorer:${explorerId}`;
}

/**
 * "Keep as runs": an explorer's set-ups started as ordinary runs (queued on the pool, stored in the database like
 * any run) and tagged with the explorer's name, so they can be compared and exported with the rest.
 */
export class KeepRunsStore {
  keeping = $state(false);
  /** The runs kept by the last press, or the error that stopped it. */
  kept = $state.raw<RunSummary[]>([]);
  error = $state<string | null>(null);

  constructor(
    private readonly api: Pick<LabApi, 'runs.start' | 'runs.tag'>,
    private readonly runs: { update(run: RunSummary): void },
  ) {}

  async keep(explorerId: string, setups: readonly WorkbenchSetup[]): Promise<void> {
    this.keeping = true;
    this.error = null;
    const kept: RunSummary[] = [];
    try {
      for (const setup of setups) {
        const started = await this.api['runs.start'](setup);
        const tagged = await this.api['runs.tag']({ id: started.id, tags: [...(started.tags ?? []), explorerTag(explorerId)] });
        this.runs.update(tagged);
        kept.push(tagged);
      }
    } catch (error) {
      this.error = `Could not keep the runs: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.kept = kept;
      this.keeping = false;
    }
  }
}
