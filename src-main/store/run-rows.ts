import type { ModelSpec } from '../../src-core/contract/model-spec';
import type { TaskKind, TrainConfig } from '../../src-core/contract/run-config';
import type { EpochMetrics, RunStatus, RunSummary } from '../../src-core/contract/training';

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
}

/** The stored `config` column. */
export interface RunConfigJson {
  spec: ModelSpec;
  train: TrainConfig;
}

/** Selects runs with their last epoch's numbers; append a WHERE on `r` and an ORDER BY. */
export const selectRunSummaries = `
  SELECT r.*, m.epoch AS last_epoch, m.loss AS last_loss, m.accuracy AS last_accuracy
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
  return summary;
}

export function toEpochMetrics(row: MetricsRow): EpochMetrics {
  const metrics: EpochMetrics = { epoch: row.epoch, loss: row.loss, lr: row.lr, seconds: row.seconds };
  if (row.accuracy !== null) metrics.accuracy = row.accuracy;
  if (row.val_loss !== null) metrics.valLoss = row.val_loss;
  if (row.val_accuracy !== null) metrics.valAccuracy = row.val_accuracy;
  return metrics;
}
