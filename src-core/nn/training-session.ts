import type { ModelSpec, ModelState } from '../contract/model-spec';
import type { TaskKind, TrainConfig } from '../contract/run-config';
import type { EpochMetrics } from '../contract/training';
import type { TrainingDiagnostics } from './diagnostics';

/**
 * The engine's entry point for whoever trains (a pool worker, the CLI, a test):
 * build a session, call `runEpoch()` until `finished`, read the weights.
 */

/** Rows of samples and targets in flat typed arrays. */
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
}

export interface TrainingSessionOptions {
  spec: ModelSpec;
  train: TrainConfig;
  data: TrainingData;
  /** Drives initialization, shuffling and dropout masks. */
  seed: number;
  /** Start from these weights instead of initializing (continue a run, load a model file). */
  initialState?: ModelState;
  /** The engine's buffer type: Float32Array (the default) to train, Float64Array for exact checks. */
  dtype?: Float32ArrayConstructor | Float64ArrayConstructor;
}

export interface TrainingSession {
  /** Epochs completed so far. */
  readonly epoch: number;
  /** True when the planned epochs are done or early stopping fired. */
  readonly finished: boolean;
  /** Trains one epoch and evaluates; throws DivergedError on a NaN or infinite loss or gradient. */
  runEpoch(): EpochMetrics;
  /** The current weights (a copy), keyed like PyTorch's state_dict. */
  state(): ModelState;
  /** Network outputs in eval mode, (rows, outputWidth). */
  predict(x: Float32Array, rows: number): Float32Array;
  /** Per-layer norms, histograms, dead and saturated units, read after the last epoch; undefined before one. */
  diagnostics?(): TrainingDiagnostics | undefined;
}
