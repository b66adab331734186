import type { LabApi } from '../../../src-core/contract/api';
import type { EpochMetrics } from '../../../src-core/contract/training';
import { loadRunMetrics } from '../../lib/runs/run-pages';
import { appendEpochs, mergeEpochs } from '../../lib/stores/metrics-series';

/**
 * Every run's curve the window holds, keyed by run id: stored epochs loaded on demand, merged with the epochs that
 * `run.progress` streams in (for any run, shown or not, so one opened late misses none). Any number of runs can be
 * drawn at once; past `capacity` runs, the one written least recently is dropped (and loaded again when asked for).
 */
export class RunSeriesCache {
  // One map replaced on each write (built fresh, then published whole): chart data is replaced, never mutated.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private series = $state.raw<ReadonlyMap<string, readonly EpochMetrics[]>>(new Map());
  // Runs whose stored epochs are in (the rest hold only what streamed). Never rendered.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly stored = new Set<string>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly loading = new Map<string, Promise<void>>();

  constructor(
    private readonly api: Pick<LabApi, 'runs.metrics'> | null = null,
    readonly capacity = 50,
  ) {}

  /** A run's epochs known so far, in order (empty until loaded or streamed). */
  seriesOf(runId: string): readonly EpochMetrics[] {
    return this.series.get(runId) ?? [];
  }

  /** The runs held, least recently written first. */
  get runIds(): readonly string[] {
    return [...this.series.keys()];
  }

  /** Whether a run's stored epochs are in. */
  isLoaded(runId: string): boolean {
    return this.stored.has(runId);
  }

  /** Adds a run's stored epochs to whatever streamed in while they were being fetched. */
  load(runId: string, stored: readonly EpochMetrics[]): void {
    this.stored.add(runId);
    this.write(runId, mergeEpochs(stored, this.seriesOf(runId)));
  }

  /** Epochs from `run.progress`, in order; ones already held are ignored. */
  append(runId: string, epochs: readonly EpochMetrics[]): void {
    const held = this.seriesOf(runId);
    const next = appendEpochs(held, epochs);
    if (next !== held) this.write(runId, next);
  }

  /** Loads a run's stored epochs (`runs.metrics`, page by page) unless they are in (or on the way). */
  ensure(runId: string): Promise<void> {
    if (this.stored.has(runId) || !this.api) return Promise.resolve();
    let pending = this.loading.get(runId);
    if (!pending) {
      pending = loadRunMetrics(this.api, runId)
        .then((metrics) => this.load(runId, metrics))
        .finally(() => this.loading.delete(runId));
      this.loading.set(runId, pending);
    }
    return pending;
  }

  /** A run deleted: its curve goes too. */
  forget(runId: string): void {
    if (!this.series.has(runId)) return;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a fresh copy, published whole
    const next = new Map(this.series);
    next.delete(runId);
    this.stored.delete(runId);
    this.series = next;
  }

  private write(runId: string, metrics: readonly EpochMetrics[]): void {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a fresh copy, published whole
    const next = new Map(this.series);
    next.delete(runId); // re-inserted last: the most recently written
    next.set(runId, metrics);
    for (const oldest of next.keys()) {
      if (next.size <= this.capacity) break;
      next.delete(oldest);
      this.stored.delete(oldest);
    }
    this.series = next;
  }
}

