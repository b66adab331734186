import type { MessagePort } from 'node:worker_threads';
import type { ModelSpec, ModelState } from '../../src-core/contract/model-spec';
import type { TrainConfig } from '../../src-core/contract/run-config';
import type { RunSnapshot, SnapshotFrame } from '../../src-core/contract/snapshots';
import type { EpochMetrics } from '../../src-core/contract/training';
import type { PreprocessorState } from '../../src-core/data/preprocess/preprocessor-state';
import type { KernelBackend, OptimizerState, RngState, TrainingData, TrainingDiagnostics, TrainingEnding } from '../../src-core/nn/index';

/**
 * What the main thread and a training worker say to each other. Types only: both sides import this.
 */

/**
 * Where the worker gets its rows: a bundled dataset rebuilt from its id, or data whose typed arrays sit on
 * SharedArrayBuffers (structured clone shares them, so every run on one dataset reads the same memory).
 */
export type TrainDataSource = { kind: 'bundled'; id: string } | { kind: 'shared'; data: TrainingData };

/** One training task (structured-cloned; `port` is transferred). */
export interface TrainJob {
  runId: string;
  spec: ModelSpec;
  train: TrainConfig;
  seed: number;
  data: TrainDataSource;
  /** Start from these weights (continuing a run) instead of initializing. */
  initialState?: ModelState;
  /**
   * With `initialState`, continue bit-identically: the optimizer's and generator's state the earlier run ended
   * with. Epochs are then numbered on from `initialOptimizerState.epochs`, and `train.epochs` is the total.
   */
  initialOptimizerState?: OptimizerState;
  initialRngState?: RngState;
  /**
   * End as `stopped` once this many epochs are done (numbered as the run numbers them), with the state and resume
   * state there: a fork re-creates its parent's state at the fork epoch this way, with the parent's whole config.
   */
  stopAfterEpoch?: number;
  /** Post per-layer diagnostics every this many epochs (and after the last); 0 never. Default 5. */
  diagnosticsEvery?: number;
  /**
   * Snapshots of what the network computes (boundary or curve, predictions, hidden projection) at the epochs the
   * snapshot plan picks within `budget` bytes; absent: none. `preprocessor` names the columns and maps them back.
   */
  snapshots?: { budget?: number; classNames?: string[]; preprocessor?: PreprocessorState };
  /**
   * The run's thread team (docs/ARCHITECTURE.md, Threads): at most `max` threads, the worker's own included; the
   * pool writes how many to use now into cell[0] (a SharedArrayBuffer), and the team reads it at every product, so
   * a run lends its helpers to a run that starts beside it and takes them back when that one ends. Absent: one thread.
   */
  threads?: { max: number; cell: Int32Array };
  /** Worker → main: `WorkerMessage`s. Main → worker: `ControlMessage`s. */
  port: MessagePort;
}

export type WorkerMessage =
  | { type: 'started' }
  | { type: 'epoch'; metrics: EpochMetrics }
  | { type: 'diagnostics'; diagnostics: TrainingDiagnostics }
  | { type: 'snapshot-frame'; frame: SnapshotFrame }
  | { type: 'snapshot'; snapshot: RunSnapshot }
  /** `reason`: the run paused itself (train.autoPause), in words the person reads. */
  | { type: 'paused'; reason?: string }
  | { type: 'resumed' }
  /** The weights after epoch `epoch`, as asked by `send-weights`. */
  | { type: 'weights'; epoch: number; state: ModelState };

/**
 * Between epochs the worker reads these. `stop`: finish the epoch in hand and return the weights it has.
 * `pause`: wait (no CPU) until `resume` or `stop`. `send-weights`: post the weights it has (paused too).
 */
export type ControlMessage = { type: 'stop' } | { type: 'pause' } | { type: 'resume' } | { type: 'send-weights' };

/**
 * How the task ended: the training job's ending (src-core's `TrainingEnding`), or `failed` with only the error.
 * Training errors come back as `failed` outcomes rather than thrown, so the epochs reported before them are
 * still counted and stored.
 */
export interface TrainOutcome extends Omit<Partial<TrainingEnding>, 'status'> {
  status: TrainingEnding['status'] | 'failed';
  /** How many `epoch` messages the worker posted, so main can wait for every one before finishing. */
  epochsPosted: number;
  /** How many `snapshot` messages it posted (each after its epoch), so main waits for those too. */
  snapshotsPosted?: number;
  /** How many `diagnostics` messages it posted (the last one after the last epoch), so main waits for those too. */
  diagnosticsPosted?: number;
  /** The kernels that trained (NN_LAB_KERNELS chooses; wasm falls back to js without WebAssembly SIMD). */
  kernels?: KernelBackend;
  /** The threads most of the run's products ran on (1 with js, or with products too small to split; takeThreadsUsed). */
  threads?: number;
}
