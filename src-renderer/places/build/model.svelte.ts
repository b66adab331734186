import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { RunDraft } from '../../../src-core/contract/runs-api';
import type { LossName, TrainConfig } from '../../../src-core/contract/run-config';
import type { RunDetail, RunSummary } from '../../../src-core/contract/training';
import { describeModel } from '../../lib/model/default-model';
import type { DatasetsStore } from '../data/datasets.svelte';
import type { LabHub } from '../../shared/hub/event-hub';
import type { RunsStore } from '../runs/runs.svelte';
import type { NetworkStore } from './network.svelte';
import type { SettingsSnapshot, SettingsStore } from './settings.svelte';

/**
 * The model panel. With a run selected it shows that run's network and settings (read-only), and Train starts a
 * new run with exactly those; with a dataset selected it shows the dataset's default network (or a duplicated
 * run's, while editing a copy of one on that dataset) and the settings form Train uses.
 */
export class ModelStore {
  /** The duplicated run being edited, if any, and the form as it was before it was loaded (Discard restores it). */
  draft = $state.raw<RunDraft | null>(null);
  private beforeDraft: SettingsSnapshot | null = null;
  private beforeDraftSpec: ModelSpec | null = null;

  /** The selected run, whose network and settings the panel shows. */
  shownRun: RunSummary | null = $derived.by(() => this.runs.selected);
  /** The selected run's stored config, once `runs.get` answered. */
  shownDetail: RunDetail | null = $derived.by(() => (this.shownRun && this.runs.detail?.id === this.shownRun.id ? this.runs.detail : null));
  /** The draft applies while its dataset is the one picked (not when a run is shown). */
  activeDraft: RunDraft | null = $derived.by(() =>
    this.draft && !this.shownRun && this.draft.datasetId === this.datasets.selected?.id ? this.draft : null,
  );
  // The network editor (network.svelte.ts) owns the network being built, the draft's included.
  spec: ModelSpec | null = $derived.by(() => {
    if (this.shownRun) return this.shownDetail?.spec ?? null;
    return this.network.spec;
  });
  /** The loss Train will use (the settings form's), which the network's last layer must fit. */
  loss: LossName | undefined = $derived.by(() => (this.shownRun ? this.shownDetail?.train.loss : this.settings.loss));
  summary = $derived(this.spec ? describeModel(this.spec) : null);
  /** Why Train cannot start what the panel shows (null when it can); the training store adds its own reasons. */
  blocker: string | null = $derived.by(() => {
    const run = this.shownRun;
    if (run) {
      if (!this.datasets.selected) return `${run.datasetName}, the dataset of ${run.name}, is not in the dataset list: import it to train this network again`;
      if (!this.shownDetail) return `Loading ${run.name}…`;
      return null;
    }
    if (!this.spec) return 'Pick a dataset first';
    if (this.network.blocker) return this.network.blocker;
    // The training settings (settings.svelte.ts) say which field is wrong.
    if (this.settings.blocker) return this.settings.blocker;
    return null;
  });

  constructor(
    private readonly hub: LabHub,
    private readonly datasets: Pick<DatasetsStore, 'selected' | 'list' | 'select'>,
    private readonly runs: Pick<RunsStore, 'selected' | 'detail'>,
    private readonly network: Pick<NetworkStore, 'spec' | 'blocker' | 'load'>,
    private readonly settings: Pick<SettingsStore, 'config' | 'blocker' | 'load' | 'snapshot' | 'restore' | 'initialized' | 'loss' | 'dataSetup'>,
  ) {}

  /** The `runs.start` arguments for what the panel shows, or null while it cannot be trained (see `blocker`). */
  runArgs() {
    const dataset = this.datasets.selected;
    if (this.blocker || !dataset || !this.spec) return null;
    const detail = this.shownDetail;
    if (this.shownRun) return detail ? { datasetId: dataset.id, spec: detail.spec, train: detail.train, ...(detail.data ? { data: detail.data } : {}) } : null;
    // Every training option comes from the settings form, which a copy's `load` filled with all of its own.
    const train = this.settings.config;
    if (!train) return null;
    const draft = this.activeDraft;
    const data = this.settings.dataSetup;
    return { datasetId: dataset.id, ...(draft ? { name: draft.name } : {}), spec: this.settings.initialized(this.spec), train, ...(data ? { data } : {}) };
  }

  /**
   * Puts a duplicated run's dataset, network and settings in the panel, to edit and train. When its dataset is not
   * listed nothing changes (the run stays shown) and the user is told, until dismissed, what to import.
   */
  async loadDraft(draft: RunDraft): Promise<boolean> {
    if (!this.datasets.list.some((d) => d.id === draft.datasetId)) {
      void this.hub.emit('notice.error', { context: 'Could not load the copy', error: new Error(`its dataset (${draft.datasetId}) is not in the list; import it first`), persistent: true });
      return false;
    }
    this.beforeDraft ??= this.settings.snapshot();
    await this.datasets.select(draft.datasetId);
    this.beforeDraftSpec ??= this.network.spec;
    this.network.load(draft.datasetId, draft.spec);
    this.draft = draft;
    this.settings.load(draft.train, draft.spec, { ...(draft.data ? { setup: draft.data } : {}) });
    return true;
  }

  /** Back to the network (an undoable step in the editor) and the settings the form had before the copy was loaded. */
  discardDraft(): void {
    if (this.draft && this.beforeDraftSpec) this.network.load(this.draft.datasetId, this.beforeDraftSpec);
    this.beforeDraftSpec = null;
    this.draft = null;
    if (this.beforeDraft) this.settings.restore(this.beforeDraft);
    this.beforeDraft = null;
  }

  /** A preset's settings, the ones it trains well with, into the form (the editor calls it on picking a preset). */
  adoptTraining(train: TrainConfig): void {
    this.settings.load(train);
  }
}

