import type { DatasetInfo } from '../../src-core/contract/datasets';
import type { DataSetup, TaskKind } from '../../src-core/contract/run-config';
import { importedTrainingData } from '../../src-core/data/datasets/imported-training';
import type { PreprocessorState } from '../../src-core/data/preprocess/preprocessor-state';
import type { TensorData, TrainingData } from '../../src-core/nn/training-session';
import type { DatasetStore } from '../store/dataset-store';

/** An imported dataset ready for a training worker: its tensors live on SharedArrayBuffers, so no run copies them. */
export interface SharedTrainingData extends TrainingData {
  info: DatasetInfo;
  task: TaskKind;
  classes?: string[];
  /** Fitted on the training rows only; stored with the run or the model so prediction applies the same transform. */
  preprocessor: PreprocessorState;
  train: TensorData;
  validation?: TensorData;
  test?: TensorData;
}

/** A Float32Array's values on a SharedArrayBuffer (one copy, made once per dataset load). */
export function toShared(values: Float32Array): Float32Array {
  const shared = new Float32Array(new SharedArrayBuffer(values.byteLength));
  shared.set(values);
  return shared;
}

/** A split's tensors on SharedArrayBuffers. */
export function shareTensors(data: TensorData): TensorData {
  return { x: toShared(data.x), y: toShared(data.y), rows: data.rows };
}

/**
 * Reads a stored dataset (or a derived config) and builds its training, validation and held-out test tensors with the
 * app's fixed split or the run's data set-up, the preprocessor fitted on the training rows. Posting the result to a worker shares
 * the arrays (structured clone keeps SharedArrayBuffers shared).
 */
export function loadDatasetForTraining(store: DatasetStore, id: string, setup?: DataSetup): SharedTrainingData {
  const dataset = store.get(id);
  const table = store.loadTable(id);
  const built = importedTrainingData(table, dataset.stored.plan, setup);
  const { training } = built;
  return {
    info: dataset.info,
    inputShape: training.inputShape,
    task: training.task,
    ...(training.classCount !== undefined ? { classCount: training.classCount } : {}),
    ...(dataset.stored.plan.target.classes ? { classes: dataset.stored.plan.target.classes } : {}),
    preprocessor: built.preprocessor,
    train: shareTensors(training.train),
    ...(training.validation ? { validation: shareTensors(training.validation) } : {}),
    ...(training.test ? { test: shareTensors(training.test) } : {}),
  };
}
