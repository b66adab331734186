import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { RunDraft } from '../../../src-core/contract/runs-api';
import { defaultLoss, defaultModelSpec, describeModel, trainConfig } from '../model/default-model';
import { draftTrainConfig, optimizerChoiceOf } from '../model/run-draft';
import { validateTrainForm, type OptimizerChoice } from '../model/train-form';
import { datasets } from './datasets.svelte';
import { notices } from './notices.svelte';

/**
 * The model panel: the network for the picked dataset and the training settings form. A run duplicated for
 * editing (`runs.duplicate`) brings its own network and settings while its dataset stays picked.
 */
export class ModelStore {
  epochs = $state('200');
  learningRate = $state('0.01');
  batchSize = $state('32');
  optimizer = $state<OptimizerChoice>('adam');

  validation = $derived(
    validateTrainForm({
      epochs: this.epochs,
      learningRate: this.learningRate,
      batchSize: this.batchSize,
      optimizer: this.optimizer,
    }),
  );
  /** The duplicated run being edited, if any. */
  draft = $state.raw<RunDraft | null>(null);
  /** The draft applies while its dataset is the one picked. */
  activeDraft: RunDraft | null = $derived(this.draft && this.draft.datasetId === datasets.selected?.id ? this.draft : null);
  spec: ModelSpec | null = $derived(
    this.activeDraft ? this.activeDraft.spec : datasets.selected ? defaultModelSpec(datasets.selected) : null,
  );
  summary = $derived(this.spec ? describeModel(this.spec) : null);

  /** The `runs.start` arguments, or null while the form has an error or no dataset is picked. */
  runArgs() {
    const dataset = datasets.selected;
    const values = this.validation.values;
    if (!dataset || !values || !this.spec) return null;
    const draft = this.activeDraft;
    if (draft) return { datasetId: dataset.id, name: draft.name, spec: draft.spec, train: draftTrainConfig(draft.train, values) };
    return { datasetId: dataset.id, spec: this.spec, train: trainConfig(values, defaultLoss(dataset)) };
  }

  /** Puts a duplicated run's dataset, network and settings in the panel, to edit and train. */
  async loadDraft(draft: RunDraft): Promise<void> {
    if (!datasets.list.some((d) => d.id === draft.datasetId)) {
      notices.error('Could not load the copy', new Error(`its dataset (${draft.datasetId}) is not in the list`));
      return;
    }
    await datasets.select(draft.datasetId);
    this.draft = draft;
    this.epochs = String(draft.train.epochs);
    this.batchSize = String(draft.train.batchSize);
    if (draft.train.optimizer.lr !== undefined) this.learningRate = String(draft.train.optimizer.lr);
    this.optimizer = optimizerChoiceOf(draft.train.optimizer, this.optimizer);
  }

  /** Back to the dataset's default network. */
  discardDraft(): void {
    this.draft = null;
  }
}

export const model = new ModelStore();
