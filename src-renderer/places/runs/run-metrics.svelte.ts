import type { EpochMetrics } from '../../../src-core/contract/training';
import { appendEpochs, mergeEpochs } from '../../lib/stores/metrics-series';

/** The curve on the training chart: the shown run's epochs, stored ones plus those streaming in. */
export class RunMetricsStore {
  runId = $state<string | null>(null);
  metrics = $state.raw<readonly EpochMetrics[]>([]);

  /** Shows a run; `metrics` are what is known so far (often none until `runs.get` answers). */
  show(runId: string | null, metrics: readonly EpochMetrics[] = []): void {
    this.runId = runId;
    this.metrics = metrics;
  }

  /** Adds a run's stored epochs to what streamed in while they were being fetched. */
  load(runId: string, stored: readonly EpochMetrics[]): void {
    if (runId !== this.runId) return;
    this.metrics = mergeEpochs(stored, this.metrics);
  }

  /** Epochs from `run.progress`, in order; ignored unless they belong to the shown run. */
  append(runId: string, ...epochs: EpochMetrics[]): void {
    if (runId !== this.runId) return;
    const next = appendEpochs(this.metrics, epochs);
    if (next !== this.metrics) this.metrics = next;
  }

  get last(): EpochMetrics | undefined {
    return this.metrics[this.metrics.length - 1];
  }
}

export const runMetrics = new RunMetricsStore();
