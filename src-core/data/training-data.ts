import type { TaskKind } from '../contract/run-config';

/** Rows of samples and targets in flat typed arrays: what a dataset becomes for training. */
export interface TensorData {
  /** (rows, ...inputShape), row-major; images are C, H, W. */
  x: Float32Array;
  /**
   * (rows, targetWidth): for classification a class index per row (width 1); for multilabel
   * 0/1 per label; for regression the target values.
   */
  y: Float32Array;
  rows: number;
}

export interface TrainingData {
  inputShape: number[];
  task: TaskKind;
  /** Number of classes for classification (2 for a binary sigmoid output). */
  classCount?: number;
  train: TensorData;
  validation?: TensorData;
  /** Held out: never trained on nor watched (early stopping reads validation); the job scores the final model on it. */
  test?: TensorData;
}
