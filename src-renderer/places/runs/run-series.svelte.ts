import type { LabApi } from '../../../src-core/contract/api';
import { addLiveThin, emptyLiveThin, type LiveThin } from '../../../src-core/compare/live-thin';
import { addRunStats, emptyRunStats, type RunStats } from '../../../src-core/compare/run-stats';
import { metricNames, type EpochMetrics, type MetricName } from '../../../src-core/contract/training';
import { loadRunMetrics } from '../../lib/runs/run-pages';
import { mergeEpochs, newerEpochs } from '../../lib/stores/metrics-series';
import { MAX_DRAWN_POINTS } from './metrics-option';

/**
 * One run's curve as last written: its epochs, its tiles' stats and each metric thinned for drawing, all brought up
 * to date per arriving epoch in O(new epochs + points drawn). A new object at each write; `metrics` is the run's one
 * array, appended in place (never copied on a live event): read its first `length` epochs.
 */
export interface RunCurve {
  readonly metrics: readonly EpochMetrics[];
  readonly length: number;
  readonly stats: RunStats;
  readonly thin: Readonly<Record<MetricName, LiveThin>>;
}

const emptyThins = (): Record<MetricName, LiveThin> =>
  Object.fromEntries(metricNames.map((key) => [key, emptyLiveThin(MAX_DRAWN_POINTS)])) as Record<MetricName, LiveThin>;

export const emptyRunCurve: RunCurve = { metrics: [], length: 0, stats: emptyRunStats, thin: emptyThins() };

/** `curve` with `added` (epochs after its last, in order) pushed onto its array and counted. */
function grow(curve: RunCurve, owned: EpochMetrics[], added: readonly EpochMetrics[]): RunCurve {
  for (const m of added) owned.push(m);
  const thin = Object.fromEntries(
    metricNames.map((key) => [key, addLiveThin(curve.thin[key], added.map((m) => [m.epoch, m[key]] as const))]),
  ) as Record<MetricName, LiveThin>;
  return { metrics: owned, length: owned.length, stats: addRunStats(curve.stats, added), thin };
}

/**
 * Every run's curve the window holds, keyed by run id: stored epochs loaded on demand, merged with the epochs that
 * `run.progress` streams in (for any run, shown or not, so one opened late misses none). Any number of runs can be
 * drawn at once; past `capacity` runs, the one written least recently is dropped (and loaded again when asked for).
 */
export class RunSeriesCache {
  // One map replaced on each write (built fresh, then published whole): chart data is replaced, never mutated.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private series = $state.raw<ReadonlyMap<string, RunCurve>>(new Map());
  // Each run's one growing array of epochs (appended in place); its copies for `seriesOf`, made when asked.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly owned = new Map<string, EpochMetrics[]>();
  private readonly copies = new WeakMap<RunCurve, readonly EpochMetrics[]>();
  // Runs whose stored epochs are in (the rest hold only what streamed). Never rendered.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly stored = new Set<string>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly loading = new Map<string, Promise<void>>();

  constructor(
    private readonly api: Pick<LabApi, 'runs.metrics'> | null = null,
    readonly capacity = 50,
  ) {}

  /** A run's curve: its epochs so far, stats and thinned metrics (empty until loaded or streamed). */
  curveOf(runId: string): RunCurve {
    return this.series.get(runId) ?? emptyRunCurve;
  }

  /** A run's epochs known so far, in order (empty until loaded or streamed): a copy made once per write, when asked. */
  seriesOf(runId: string): readonly EpochMetrics[] {
    const curve = this.series.get(runId);
    if (!curve) return [];
    let copy = this.copies.get(curve);
    if (!copy) this.copies.set(curve, (copy = curve.metrics.slice(0, curve.length)));
    return copy;
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
    const owned: EpochMetrics[] = [];
    this.owned.set(runId, owned);
    this.write(runId, grow(emptyRunCurve, owned, mergeEpochs(stored, this.seriesOf(runId))));
  }

  /** Epochs from `run.progress`, in order; ones already held are ignored. */
  append(runId: string, epochs: readonly EpochMetrics[]): void {
    const curve = this.curveOf(runId);
    const added = newerEpochs(curve.stats.last?.epoch, epochs);
    if (added.length === 0) return;
    let owned = this.owned.get(runId);
    if (!owned) this.owned.set(runId, (owned = []));
    this.write(runId, grow(curve, owned, added));
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
    this.owned.delete(runId);
    this.series = next;
  }

  private write(runId: string, curve: RunCurve): void {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a fresh copy, published whole
    const next = new Map(this.series);
    next.delete(runId); // re-inserted last: the most recently written
    next.set(runId, curve);
    for (const oldest of next.keys()) {
      if (next.size <= this.capacity) break;
      next.delete(oldest);
      this.stored.delete(oldest);
      this.owned.delete(oldest);
    }
    this.series = next;
  }
}

