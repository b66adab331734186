import type { ModelSpec, ModelState } from '../contract/model-spec';
import type { OptimizerConfig, TrainConfig } from '../contract/run-config';
import type { TensorData, TrainingData } from '../data/training-data';
import type { EpochMetrics } from '../contract/training';
import type { TrainingDiagnostics } from './diagnostics';
import type { EarlyStopping } from './early-stopping';

/**
 * The engine's entry point for whoever trains (a pool worker, the CLI, a test):
 * build a session, call `runEpoch()` until `finished`, read the weights.
 */

/** The data shapes are the data layer's (src-core/data depends on nothing in nn). */
export type { TensorData, TrainingData } from '../data/training-data';

export interface TrainingSessionOptions {
  spec: ModelSpec;
  train: TrainConfig;
  data: TrainingData;
  /** Drives initialization, shuffling and dropout masks. */
  seed: number;
  /** Start from these weights instead of initializing (continue a run, load a model file). */
  initialState?: ModelState;
  /**
   * Continue from this optimizer state (a session's `optimizerState()`): the moments, the step count, the
   * learning-rate schedule and the epochs done, so epochs are numbered on from `epochs` and the session runs
   * until `train.epochs` in all. Give `initialState` with it (the weights of the same moment).
   */
  initialOptimizerState?: OptimizerState;
  /** Continue the generator and the shuffled row order from a session's `rngState()`. */
  initialRngState?: RngState;
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
  /** Mean loss (without the l1/l2 penalty) and, unless regression, accuracy of a set in eval mode. */
  evaluate(set: TensorData): { loss: number; accuracy?: number };
  /** Network outputs in eval mode, (rows, outputWidth). */
  predict(x: Float32Array, rows: number): Float32Array;
  /** The outputs of the given layers in eval mode, one (rows, ...output shape) array each (a Predictor's `activations`). */
  activations?(x: Float32Array, rows: number, layers: readonly number[]): Float32Array[];
  /** Per-layer norms, histograms, dead and saturated units, read after the last epoch; undefined before one. */
  diagnostics?(): TrainingDiagnostics | undefined;
  /** Under `train.earlyStopping`: what it watches and its best epoch and value so far; undefined without. */
  readonly earlyStopping: Pick<EarlyStopping, 'bestEpoch' | 'bestValue' | 'watching'> | undefined;
  /** Under `train.earlyStopping`: the best epoch's weights (a copy); undefined before a best epoch or without. */
  bestState(): ModelState | undefined;
  /** A copy of the optimizer's state now, for `initialOptimizerState`. */
  optimizerState(): OptimizerState;
  /** A copy of the generator's state and the row order now, for `initialRngState`. */
  rngState(): RngState;
}

/**
 * Everything besides the weights that the next epoch depends on, as plain values and typed arrays (a
 * store can keep each array as a blob). Early stopping's patience counter is not part of it: a continued
 * run starts watching afresh.
 */
export interface OptimizerState {
  /** The optimizer it was taken from; restoring into another type is refused. */
  type: OptimizerConfig['type'];
  /** Optimizer steps (batches) taken: Adam's bias-correction t; SGD's momentum starts after the first. */
  steps: number;
  /** Epochs completed. */
  epochs: number;
  /** The learning rate of the next epoch; reduce_on_plateau's best monitored value (null before one) and bad epochs. */
  schedule: { lr: number; best: number | null; badEpochs: number };
  /**
   * Per parameter (state_dict key, "0.weight"), per buffer in PyTorch's names (sgd: momentum_buffer;
   * adagrad: sum; rmsprop: square_avg, momentum_buffer; adam/adamw: exp_avg, exp_avg_sq), the values flat
   * in the parameter's shape. A perceptron has none.
   */
  tensors: Record<string, Record<string, Float32Array>>;
}

/** The generator's uint32 state and the training rows' current order (each epoch reshuffles the last order). */
export interface RngState {
  generator: number;
  order: Int32Array; // (train rows)
}
