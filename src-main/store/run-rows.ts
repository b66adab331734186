import type { ModelSpec } from '../../src-core/contract/model-spec';
import type { DataSetup, TaskKind, TrainConfig } from '../../src-core/contract/run-config';
import { metricNames, type EpochMetrics, type RunStatus, type RunSummary, type TestScore } from '../../src-core/contract/training';

/** The `test_score` column: the final model on the held-out test rows, and for classification its confusion matrix. */
export type StoredTestScore = TestScore & { confusion?: number[][] };

/** A row of `runs` joined with its last epoch, as SQLite returns it. */
export interface RunRow {
  id: string;
  name: string;
  status: RunStatus;
  dataset_id: string;
  dataset_name: string;
  task: TaskKind;
  config: string;
  seed: number;
  epochs: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  notes: string;
  parent_run_id: string | null;
  sweep_id: string | null;
  dataset_hash: string | null;
  app_version: string | null;
  duration_seconds: number | null;
  owner_pid: number | null;
  owner_token: string | null;
  heartbeat_at: number | null;
  /** JSON PreprocessorState (migration 4). */
  preprocessor: string | null;
  /** The kernel backend that trained the run (migration 5). */
  kernels: string | null;
  /** Why the run paused itself (migration 8). */
  pause_reason: string | null;
  /** JSON InputColumnStats[] (migration 9). */
  input_stats: string | null;
  /** JSON StoredTestScore (migration 9). */
  test_score: string | null;
  /** The threads the run trained on (migration 11). */
  threads: number | null;
  /** Tags joined by U+001F (a separator no tag holds), or null. */
  tag_list: string | null;
  last_epoch: number | null;
  last_loss: number | null;
  last_accuracy: number | null;
}

export interface MetricsRow {
  epoch: number;
  loss: number;
  accuracy: number | null;
  val_loss: number | null;
  val_accuracy: number | null;
  lr: number;
  seconds: number;
  extra: string | null;
}

/** The stored `config` column. */
export interface RunConfigJson {
  spec: ModelSpec;
  train: TrainConfig;
  data?: DataSetup;
}

/** What joins a run's tags in `tag_list`. */
export const tagSeparator = '\u001f';

/** Selects runs with their last epoch's numbers and their tags; append a WHERE on `r` and an ORDER BY. */
export const selectRunSummaries = `
  SELECT r.*, m.epoch AS last_epoch, m.loss AS last_loss, m.accuracy AS last_accuracy,
    (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM run_tags WHERE run_id = r.id ORDER BY tag)) AS tag_list
  FROM runs r
  LEFT JOIN epoch_metrics m
    ON m.run_id = r.id AND m.epoch = (SELECT MAX(epoch) FROM epoch_metrics WHERE run_id = r.id)
`;

export function toRunSummary(row: RunRow): RunSummary {
  const summary: RunSummary = {
    id: row.id,
    name: row.name,
    status: row.status,
    datasetName: row.dataset_name,
    task: row.task,
    epochs: row.epochs,
    epochsDone: row.last_epoch ?? 0,
    createdAt: row.created_at,
  };
  if (row.last_loss !== null) summary.lastLoss = row.last_loss;
  if (row.last_accuracy !== null) summary.lastAccuracy = row.last_accuracy;
  if (row.finished_at !== null) summary.finishedAt = row.finished_at;
  if (row.error !== null) summary.error = row.error;
  if (row.pause_reason !== null) summary.pauseReason = row.pause_reason;
  summary.datasetId = row.dataset_id;
  if (row.started_at !== null) summary.startedAt = row.started_at;
  if (row.duration_seconds !== null) summary.durationSeconds = row.duration_seconds;
  summary.tags = row.tag_list ? row.tag_list.split(tagSeparator) : [];
  summary.notes = row.notes;
  if (row.parent_run_id !== null) summary.parentRunId = row.parent_run_id;
  if (row.sweep_id !== null) summary.sweepId = row.sweep_id;
  if (row.test_score !== null) {
    const { rows, loss, accuracy } = JSON.parse(row.test_score) as StoredTestScore;
    summary.test = { rows, loss, ...(accuracy !== undefined ? { accuracy } : {}) };
  }
  return summary;
}

export function toEpochMetrics(row: MetricsRow): EpochMetrics {
  const metrics: EpochMetrics = { epoch: row.epoch, loss: row.loss, lr: row.lr, seconds: row.seconds };
  if (row.accuracy !== null) metrics.accuracy = row.accuracy;
  if (row.val_loss !== null) metrics.valLoss = row.val_loss;
  if (row.val_accuracy !== null) metrics.valAccuracy = row.val_accuracy;
  if (row.extra !== null) Object.assign(metrics, JSON.parse(row.extra) as Record<string, number>);
  return metrics;
}

/** The metrics stored in their own columns; any other numeric field of an epoch goes to `extra`. */
const columnMetrics = new Set<string>(['epoch', ...metricNames, 'lr', 'seconds']);

/** An epoch's metrics beyond the fixed columns, as JSON, or null when it has none. */
export function extraMetricsJson(metrics: EpochMetrics): string | null {
  const extra: Record<string, number> = {};
  let any = false;
  for (const [key, value] of Object.entries(metrics)) {
    if (!columnMetrics.has(key) && typeof value === 'number') {
      extra[key] = value;
      any = true;
    }
  }
  return any ? JSON.stringify(extra) : null;
}
