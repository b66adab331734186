import type { LabApi } from '../../../src-core/contract/api';
import type { SweepSummary } from '../../../src-core/contract/sweeps-api';
import type { EpochMetrics, FullRun, RunSummary } from '../../../src-core/contract/training';
import { api } from '../api/client';
import { notices } from './notices.svelte';
import { runMetrics, type RunMetricsStore } from './run-metrics.svelte';
import { appendEpochs } from './metrics-series';
import { isActive, upsertRun, withEpoch } from './run-status';
import { loadRunMetrics } from '../runs/run-pages';
import { noFilters, searchArgs, type RunFilterFields } from '../runs/run-search-args';

/** Every stored run, the one being looked at, and its details. */
export class RunsStore {
  list = $state.raw<readonly RunSummary[]>([]);
  loaded = $state(false);
  selectedId = $state<string | null>(null);
  detail = $state.raw<FullRun | null>(null);
  selected: RunSummary | null = $derived(this.list.find((r) => r.id === this.selectedId) ?? null);
  active: RunSummary | null = $derived(this.list.find((r) => isActive(r.status)) ?? null);
  /** The search box and filters; `results` is what `runs.search` answered for them (null: no filter set). */
  filters = $state<RunFilterFields>({ ...noFilters });
  results = $state.raw<readonly RunSummary[] | null>(null);
  searching = $state(false);
  /** What the list shows: the search results (kept current by the same events as `list`), or every run. */
  shown: readonly RunSummary[] = $derived(
    this.results ? this.results.map((r) => this.list.find((l) => l.id === r.id) ?? r) : this.list,
  );
  sweeps = $state.raw<readonly SweepSummary[]>([]);
  /** Epochs streamed for runs still training, so a run shown late (or before `runs.start` answered) misses none. */
  // A buffer that is never rendered, so it is deliberately not reactive.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly live = new Map<string, readonly EpochMetrics[]>();

  constructor(
    private readonly api: Pick<LabApi, 'runs.list' | 'runs.get' | 'runs.metrics' | 'runs.search' | 'sweeps.list'>,
    /** The chart's curve, which follows the selected run. */
    private readonly curve: RunMetricsStore,
  ) {}

  async refresh(): Promise<void> {
    try {
      this.list = [...(await this.api['runs.list']())].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      this.loaded = true;
      // On opening the lab, show the newest run's curve.
      const newest = this.list[0];
      if (this.selectedId === null && newest) void this.select(newest.id);
      if (this.list.some((r) => this.isNewSweep(r))) void this.loadSweeps();
      if (this.results) void this.search();
    } catch (error) {
      notices.error('Could not load the runs', error);
    }
  }

  private loadingSweeps: Promise<void> | null = null;
  /** The sweeps' names, for grouping their runs (one request at a time). */
  loadSweeps(): Promise<void> {
    this.loadingSweeps ??= (async () => {
      try {
        this.sweeps = await this.api['sweeps.list']();
      } catch (error) {
        notices.error('Could not load the sweeps', error);
      } finally {
        this.loadingSweeps = null;
      }
    })();
    return this.loadingSweeps;
  }

  private isNewSweep(run: RunSummary): boolean {
    return !!run.sweepId && !this.sweeps.some((s) => s.id === run.sweepId);
  }

  private searchSeq = 0;
  /** Runs `runs.search` for the current filters (the server filters); an older answer never replaces a newer one. */
  async search(): Promise<void> {
    const args = searchArgs(this.filters);
    const seq = ++this.searchSeq;
    if (!args) {
      this.results = null;
      this.searching = false;
      return;
    }
    this.searching = true;
    try {
      const found = await this.api['runs.search'](args);
      if (seq === this.searchSeq) this.results = found;
    } catch (error) {
      if (seq === this.searchSeq) notices.error('Could not search the runs', error);
    } finally {
      if (seq === this.searchSeq) this.searching = false;
    }
  }

  /** A run deleted: gone from the list; the selection moves to the next run shown. */
  remove(id: string): void {
    const shown = this.shown;
    const at = shown.findIndex((r) => r.id === id);
    this.list = this.list.filter((r) => r.id !== id);
    if (this.results) this.results = this.results.filter((r) => r.id !== id);
    this.live.delete(id);
    if (this.selectedId !== id) return;
    const next = shown[at + 1] ?? shown[at - 1];
    this.selectedId = null;
    this.detail = null;
    if (next && next.id !== id) void this.select(next.id);
    else this.curve.show(null);
  }

  /** A run's new status (from `run.status` or a request's answer). */
  update(run: RunSummary): void {
    const isNew = !this.list.some((r) => r.id === run.id);
    this.list = upsertRun(this.list, run);
    if (this.isNewSweep(run) && !this.loadingSweeps) void this.loadSweeps();
    // A new run may match the search shown: ask again rather than guess in the renderer.
    if (isNew && this.results) void this.search();
    if (this.results?.some((r) => r.id === run.id)) this.results = this.results.map((r) => (r.id === run.id ? run : r));
    if (this.detail?.id === run.id) this.detail = { ...this.detail, ...run };
    if (!isActive(run.status)) this.live.delete(run.id);
  }

  /** Epochs from `run.progress` (a batch of them, in order). */
  progress(runId: string, epochs: readonly EpochMetrics[]): void {
    const last = epochs[epochs.length - 1];
    if (!last) return;
    this.list = withEpoch(this.list, runId, last);
    const known = this.list.find((r) => r.id === runId);
    if (!known || isActive(known.status)) this.live.set(runId, appendEpochs(this.live.get(runId) ?? [], epochs));
    this.curve.append(runId, ...epochs);
  }

  /** Shows a run's curve: what is stored, and whatever streams in from now on. */
  async select(id: string): Promise<void> {
    this.selectedId = id;
    if (this.detail?.id !== id) this.detail = null;
    if (this.curve.runId !== id) this.curve.show(id, this.live.get(id) ?? []);
    try {
      const [detail, metrics] = await Promise.all([this.api['runs.get']({ id }), loadRunMetrics(this.api, id)]);
      if (this.selectedId !== id) return;
      this.detail = { ...detail, metrics };
      this.curve.load(id, metrics);
    } catch (error) {
      notices.error('Could not open the run', error);
    }
  }
}

export const runs = new RunsStore(api, runMetrics);
