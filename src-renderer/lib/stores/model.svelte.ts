import type { ModelSpec } from '../../../src-core/contract/model-spec';
import { defaultLoss, defaultModelSpec, describeModel, trainConfig } from '../model/default-model';
import { validateTrainForm, type OptimizerChoice } from '../model/train-form';
import { datasets } from './datasets.svelte';

/** The model panel: the network for the picked dataset and the training settings form. */
class ModelStore {
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
  spec: ModelSpec | null = $derived(datasets.selected ? defaultModelSpec(datasets.selected) : null);
  summary = $derived(this.spec ? describeModel(this.spec) : null);

  /** The `runs.start` arguments, or null while the form has an error or no dataset is picked. */
  runArgs() {
    const dataset = datasets.selected;
    const values = this.validation.values;
    if (!dataset || !values || !this.spec) return null;
    return { datasetId: dataset.id, spec: this.spec, train: trainConfig(values, defaultLoss(dataset)) };
  }
}

export const model = new ModelStore();
