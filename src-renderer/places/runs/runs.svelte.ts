import type { LabApi } from '../../../src-core/contract/api';
import type { SweepSummary } from '../../../src-core/contract/sweeps-api';
import type { EpochMetrics, FullRun, RunSummary } from '../../../src-core/contract/training';
import type { LabHub } from '../../shared/hub/event-hub';
import type { RunSeriesCache } from './run-series.svelte';
import { SelectionStore } from '../../lib/stores/selection.svelte';
import { endedNotice, epochProgress, isActive, upsertRun } from '../../lib/stores/run-status';
import { loadRunMetrics } from '../../lib/runs/run-pages';
import { noFilters, searchArgs, type RunFilterFields } from '../../lib/runs/run-search-args';

/** Every stored run, the one being looked at, and its details. */
export class RunsStore {
  /**
   * Deep state: a streamed epoch changes its run's fields in place (`progress`), so only what reads that run
   * (its row, the run shown) updates; a new, changed or removed run replaces the array.
   */
  list = $state<readonly RunSummary[]>([]);
  loaded = $state(false);
  detail = $state.raw<FullRun | null>(null);
  selected: RunSummary | null = $derived(this.list.find((r) => r.id === this.selectedId) ?? null);
  /** Every run queued, running or paused, newest first: any number of them (a sweep queues many). */
  activeRuns: readonly RunSummary[] = $derived(this.list.filter((r) => isActive(r.status)));
  /** The search box and filters; `results` is what `runs.search` answered for them (null: no filter set). */
  filters = $state<RunFilterFields>({ ...noFilters });
  results = $state.raw<readonly RunSummary[] | null>(null);
  searching = $state(false);
  /** What the list shows: the search results (kept current by the same events as `list`), or every run. */
  shown: readonly RunSummary[] = $derived(
    this.results ? this.results.map((r) => this.list.find((l) => l.id === r.id) ?? r) : this.list,
  );
  sweeps = $state.raw<readonly SweepSummary[]>([]);
  /** The last run that ended other than the one shown ("Two moons #1: completed"), for a polite live region. */
  endedElsewhere = $state('');

  constructor(
    private readonly api: Pick<LabApi, 'runs.list' | 'runs.get' | 'runs.metrics' | 'runs.search' | 'sweeps.list' | 'sweeps.control'>,
    /** Where failures go (the toasts listen). */
    private readonly hub: LabHub,
    /** Every run's curve, streamed epochs included (so a run shown late misses none). */
    private readonly curves: RunSeriesCache,
    /** The window's one selection: the run shown is the selected one, if a run is selected. */
    private readonly selection: SelectionStore = new SelectionStore(),
  ) {}

  /** The run picked, or null when a dataset (or nothing) is. */
  get selectedId(): string | null {
    return this.selection.runId;
  }

  async refresh(): Promise<void> {
    try {
      this.list = [...(await this.api['runs.list']())].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      this.loaded = true;
      // On opening the lab, show the newest run, unless the user has picked something already.
      const newest = this.list[0];
      const picked = this.selection.current;
      if (newest && (picked === null || (picked.kind === 'dataset' && picked.auto))) void this.select(newest.id);
      if (this.list.some((r) => this.isNewSweep(r))) void this.loadSweeps();
      if (this.results) void this.search();
    } catch (error) {
      void this.hub.emit('notice.error', { context: 'Could not load the runs', error, persistent: true });
    }
  }

  private loadingSweeps: Promise<void> | null = null;
  /** A sweep came up while `sweeps.list` was on its way (its answer may predate it): ask again after it. */
  private sweepsStale = false;
  /** The sweeps' names, for grouping their runs (one request at a time). */
  loadSweeps(): Promise<void> {
    if (this.loadingSweeps) {
      this.sweepsStale = true;
      return this.loadingSweeps;
    }
    this.loadingSweeps = (async () => {
      try {
        this.sweeps = await this.api['sweeps.list']();
      } catch (error) {
        void this.hub.emit('notice.error', { context: 'Could not load the sweeps', error });
      } finally {
        this.loadingSweeps = null;
        if (this.sweepsStale) {
          this.sweepsStale = false;
          void this.loadSweeps();
        }
      }
    })();
    return this.loadingSweeps;
  }

  /** A sweep's new summary (`sweep.status`, or a control's answer): held back or let go. */
  updateSweep(sweep: SweepSummary): void {
    this.sweeps = this.sweeps.some((s) => s.id === sweep.id) ? this.sweeps.map((s) => (s.id === sweep.id ? sweep : s)) : [sweep, ...this.sweeps];
  }

  /** The sweep control in flight (its buttons wait meanwhile). */
  controlling = $state<string | null>(null);
  /** Pause the rest (queued runs held back, running ones finish), resume, or cancel the rest of a sweep. */
  async controlSweep(id: string, action: 'pause' | 'resume' | 'cancel'): Promise<void> {
    this.controlling = id;
    try {
      this.updateSweep(await this.api['sweeps.control']({ id, action }));
    } catch (error) {
      void this.hub.emit('notice.error', { context: 'Could not change the sweep', error });
    } finally {
      this.controlling = null;
    }
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
      if (seq === this.searchSeq) void this.hub.emit('notice.error', { context: 'Could not search the runs', error });
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
    this.curves.forget(id);
    if (this.selectedId !== id) return;
    const next = shown[at + 1] ?? shown[at - 1];
    this.selection.clear();
    this.detail = null;
    if (next && next.id !== id) void this.select(next.id);
  }

  /** A run's new status (from `run.status` or a request's answer). */
  update(run: RunSummary): void {
    const known = this.list.find((r) => r.id === run.id);
    const isNew = !known;
    this.list = upsertRun(this.list, run);
    // The run shown announces its own ending (RunProgress); any other is told here.
    const notice = run.id === this.selectedId ? null : endedNotice(known, run);
    if (notice) this.endedElsewhere = notice;
    if (this.isNewSweep(run)) void this.loadSweeps();
    // A new run may match the search shown: ask again rather than guess in the renderer.
    if (isNew && this.results) void this.search();
    if (this.results?.some((r) => r.id === run.id)) this.results = this.results.map((r) => (r.id === run.id ? run : r));
    if (this.detail?.id === run.id) {
      this.detail = { ...this.detail, ...run };
      // It ended with a test score: its test confusion matrix is read with the run's detail.
      if (run.test && run.task === 'classification' && !this.detail.testConfusion) void this.reload(run.id);
    }
  }

  /** Epochs from `run.progress` (a batch of them, in order). */
  progress(runId: string, epochs: readonly EpochMetrics[]): void {
    const last = epochs[epochs.length - 1];
    if (!last) return;
    const run = this.list.find((r) => r.id === runId);
    const moved = run && epochProgress(run, last);
    if (moved) Object.assign(run, moved);
    this.curves.append(runId, epochs);
  }

  /** Shows a run's curve: what is stored, and whatever streams in from now on. */
  async select(id: string): Promise<void> {
    this.selection.pickRun(id);
    if (this.detail?.id !== id) this.detail = null;
    try {
      const [detail, metrics] = await Promise.all([this.api['runs.get']({ id }), loadRunMetrics(this.api, id)]);
      if (this.selectedId !== id) return;
      this.detail = { ...detail, metrics };
      this.curves.load(id, metrics);
    } catch (error) {
      void this.hub.emit('notice.error', { context: 'Could not open the run', error });
    }
  }

  /** Reads one run's summary again (a request about it was refused: another window may have changed it). */
  async reload(id: string): Promise<void> {
    try {
      const detail = await this.api['runs.get']({ id });
      this.update(detail);
      if (this.selectedId === id && this.detail?.id === id) this.detail = { ...this.detail, ...detail };
    } catch {
      // Deleted meanwhile: the list follows on the next refresh.
    }
  }
}

