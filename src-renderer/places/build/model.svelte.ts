import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { RunDraft } from '../../../src-core/contract/runs-api';
import type { RunDetail, RunSummary } from '../../../src-core/contract/training';
import { defaultLoss, defaultModelSpec, describeModel, trainConfig } from '../../lib/model/default-model';
import { draftTrainConfig, optimizerChoiceOf, withAutoPause } from '../../lib/model/run-draft';
import { validateTrainForm, type OptimizerChoice, type TrainFormFields } from '../../lib/model/train-form';
import type { DatasetsStore } from '../data/datasets.svelte';
import type { LabHub } from '../../shared/hub/event-hub';
import type { RunsStore } from '../runs/runs.svelte';

/** The form's fields as a selected run had them (read-only while the run is shown). */
export function runFormFields(train: RunDetail['train'], current: OptimizerChoice): TrainFormFields {
  return {
    epochs: String(train.epochs),
    learningRate: train.optimizer.lr !== undefined ? String(train.optimizer.lr) : '',
    batchSize: String(train.batchSize),
    optimizer: optimizerChoiceOf(train.optimizer, current),
  };
}

/**
 * The model panel. With a run selected it shows that run's network and settings (read-only), and Train starts a
 * new run with exactly those; with a dataset selected it shows the dataset's default network (or a duplicated
 * run's, while editing a copy of one on that dataset) and the settings form Train uses.
 */
export class ModelStore {
  epochs = $state('200');
  learningRate = $state('0.01');
  batchSize = $state('32');
  optimizer = $state<OptimizerChoice>('adam');
  /** Runs pause themselves when training goes bad (train.autoPause). */
  autoPause = $state(true);

  validation = $derived(
    validateTrainForm({
      epochs: this.epochs,
      learningRate: this.learningRate,
      batchSize: this.batchSize,
      optimizer: this.optimizer,
    }),
  );
  /** The duplicated run being edited, if any, and the form as it was before it was loaded (Discard restores it). */
  draft = $state.raw<RunDraft | null>(null);
  private beforeDraft: TrainFormFields | null = null;

  /** The selected run, whose network and settings the panel shows. */
  shownRun: RunSummary | null = $derived.by(() => this.runs.selected);
  /** The selected run's stored config, once `runs.get` answered. */
  shownDetail: RunDetail | null = $derived.by(() => (this.shownRun && this.runs.detail?.id === this.shownRun.id ? this.runs.detail : null));
  /** The run's settings as the form would show them. */
  shownFields: TrainFormFields | null = $derived(this.shownDetail ? runFormFields(this.shownDetail.train, this.optimizer) : null);
  /** The draft applies while its dataset is the one picked (not when a run is shown). */
  activeDraft: RunDraft | null = $derived.by(() =>
    this.draft && !this.shownRun && this.draft.datasetId === this.datasets.selected?.id ? this.draft : null,
  );
  spec: ModelSpec | null = $derived.by(() => {
    if (this.shownRun) return this.shownDetail?.spec ?? null;
    if (this.activeDraft) return this.activeDraft.spec;
    return this.datasets.selected ? defaultModelSpec(this.datasets.selected) : null;
  });
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
    if (!this.validation.values) return 'Fix the training settings first';
    return null;
  });

  constructor(
    private readonly hub: LabHub,
    private readonly datasets: Pick<DatasetsStore, 'selected' | 'list' | 'select'>,
    private readonly runs: Pick<RunsStore, 'selected' | 'detail'>,
  ) {}

  /** The `runs.start` arguments for what the panel shows, or null while it cannot be trained (see `blocker`). */
  runArgs() {
    const dataset = this.datasets.selected;
    if (this.blocker || !dataset || !this.spec) return null;
    const detail = this.shownDetail;
    if (this.shownRun) return detail ? { datasetId: dataset.id, spec: detail.spec, train: detail.train } : null;
    const values = this.validation.values;
    if (!values) return null;
    const draft = this.activeDraft;
    if (draft) return { datasetId: dataset.id, name: draft.name, spec: draft.spec, train: withAutoPause(draftTrainConfig(draft.train, values), this.autoPause) };
    return { datasetId: dataset.id, spec: this.spec, train: withAutoPause(trainConfig(values, defaultLoss(dataset)), this.autoPause) };
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
    this.beforeDraft ??= this.fields();
    await this.datasets.select(draft.datasetId);
    this.draft = draft;
    this.setFields(runFormFields(draft.train, this.optimizer));
    this.autoPause = draft.train.autoPause !== false;
    return true;
  }

  /** Back to the dataset's default network and the settings the form had before the copy was loaded. */
  discardDraft(): void {
    this.draft = null;
    if (this.beforeDraft) this.setFields(this.beforeDraft);
    this.beforeDraft = null;
  }

  private fields(): TrainFormFields {
    return { epochs: this.epochs, learningRate: this.learningRate, batchSize: this.batchSize, optimizer: this.optimizer };
  }

  private setFields(fields: TrainFormFields): void {
    this.epochs = fields.epochs;
    if (fields.learningRate !== '') this.learningRate = fields.learningRate;
    this.batchSize = fields.batchSize;
    this.optimizer = fields.optimizer;
  }
}

