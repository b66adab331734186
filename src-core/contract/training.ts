import type { TrainingDiagnostics } from '../nn/diagnostics';
import type { ModelSpec, ModelState } from './model-spec';
import type { DataSetup, TaskKind, TrainConfig } from './run-config';

/** What training reports after each epoch; stored per epoch and streamed to the dashboard. */
export interface EpochMetrics {
  epoch: number; // 1-based
  loss: number;
  accuracy?: number;
  valLoss?: number;
  valAccuracy?: number;
  lr: number;
  /** Wall-clock seconds the epoch took. */
  seconds: number;
}

/** The per-epoch quantities that measure the model: the numeric keys of `EpochMetrics` besides epoch, lr and seconds. */
export const metricNames = ['loss', 'accuracy', 'valLoss', 'valAccuracy'] as const;
export type MetricName = (typeof metricNames)[number];

export const runStatuses = [
  'queued',
  'running',
  'paused',
  'completed',
  'stopped',
  'failed',
  'diverged',
  'interrupted',
] as const;
export type RunStatus = (typeof runStatuses)[number];

/** One row of the run list. */
export interface RunSummary {
  id: string;
  name: string;
  status: RunStatus;
  datasetName: string;
  task: TaskKind;
  epochs: number; // planned
  epochsDone: number;
  lastLoss?: number;
  lastAccuracy?: number;
  createdAt: string; // ISO 8601
  finishedAt?: string;
  error?: string;
  /** Paused by itself (train.autoPause): why, in words (cleared when it trains on). */
  pauseReason?: string;
  /** The experiment runner's fields (issue 5); absent in rows written before it. */
  datasetId?: string;
  startedAt?: string;
  /** Seconds of training stored (the sum of its epochs'). */
  durationSeconds?: number;
  tags?: string[];
  notes?: string;
  /** The run this one continued from (`runs.continue`) or re-ran. */
  parentRunId?: string;
  sweepId?: string;
  /** The final model on the held-out test rows (only a run whose data set-up held some out, once it ended). */
  test?: TestScore;
}

/** The final model's mean loss and (unless regression) accuracy on a run's held-out test rows. */
export interface TestScore {
  rows: number;
  loss: number;
  accuracy?: number;
}

/** Per input column of the model: its mean and standard deviation over the training rows, as the model saw them (after scaling). */
export interface InputColumnStats {
  name: string;
  mean: number;
  std: number;
}

/**
 * A run's summary and config: what `runs.get` returns. Its epochs and diagnostics can be many: they are read in
 * pages (`runs.metrics`, `runs.diagnostics`) and stream in as events while it trains.
 */
export interface RunDetail extends RunSummary {
  spec: ModelSpec;
  train: TrainConfig;
  /** The split and per-column preprocessing it was started with (absent: the app's fixed split, standard scaling). */
  data?: DataSetup;
  seed: number;
  hasWeights: boolean;
  /** Which weights are stored: the last epoch's ('final') and, under early stopping, the best epoch's ('best'). */
  weights?: { kind: 'final' | 'best'; epoch: number }[];
  datasetHash?: string;
  appVersion?: string;
  /** The kernels that trained it: 'wasm-relaxed-simd', 'wasm-simd' or 'js' (absent for older runs). */
  kernels?: string;
  /** The threads most of its products ran on (a thread team, wasm only; 1 if none was large enough to split; absent for older runs). */
  threads?: number;
  /** The confusion matrix at the end (classification): matrix[actual][predicted]. */
  confusion?: { split: 'train' | 'validation'; matrix: number[][] };
  /** Classification with a test split: the final model's confusion matrix on the test rows, matrix[actual][predicted]. */
  testConfusion?: number[][];
  /** The statistics of the model's inputs (tabular data), for the diagnosis's "unscaled inputs". */
  inputStats?: InputColumnStats[];
}

/** A run with every epoch and diagnostics snapshot, as main reads it for exports, bundles and comparisons. */
export interface FullRun extends RunDetail {
  metrics: EpochMetrics[];
  /** Per-layer weight and gradient norms and weight histograms, every few epochs and after the last. */
  diagnostics?: TrainingDiagnostics[];
}

/** A trained network's weights, as stored with its run. */
export interface TrainedModel {
  spec: ModelSpec;
  state: ModelState;
}
