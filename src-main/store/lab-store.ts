import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ApiError } from '../../src-core/contract/api-error';
import type { ModelSpec } from '../../src-core/contract/model-spec';
import type { TaskKind, TrainConfig } from '../../src-core/contract/run-config';
import type { EpochMetrics, RunDetail, RunStatus, RunSummary, TrainedModel } from '../../src-core/contract/training';
import { migrate } from './migrations';
import {
  selectRunSummaries,
  toEpochMetrics,
  toRunSummary,
  type MetricsRow,
  type RunConfigJson,
  type RunRow,
} from './run-rows';
import { decodeWeights, encodeWeights, type TensorLayout } from './weights-codec';

export interface OpenStoreOptions {
  /** Path of a better-sqlite3 native addon built for this runtime (Electron passes its own ABI's build). */
  nativeBinding?: string;
  /**
   * Mark runs left queued/running as interrupted (default true). Right for the app, which is the only
   * process that trains; a reader opening the same file beside a running app (the CLI) passes false.
   */
  markInterrupted?: boolean;
}

export interface NewRun {
  id: string;
  name: string;
  datasetId: string;
  datasetName: string;
  task: TaskKind;
  spec: ModelSpec;
  train: TrainConfig;
  seed: number;
  createdAt: string;
}

export type WeightsKind = 'final' | 'best';

/** How a run ended, written in one transaction with its weights. */
export interface RunEnding {
  status: Extract<RunStatus, 'completed' | 'stopped' | 'failed' | 'diverged' | 'interrupted'>;
  finishedAt: string;
  error?: string;
  weights?: { kind: WeightsKind; epoch: number; model: TrainedModel };
}

/** Statuses that only a live process can be in. */
const liveStatuses: RunStatus[] = ['queued', 'running', 'paused'];

/**
 * The run database: one writer connection (better-sqlite3 is synchronous, so each method is atomic
 * with respect to the event loop). Every write that belongs together is one transaction.
 */
export class LabStore {
  /** Runs a previous process left queued or running, marked `interrupted` when this store opened. */
  readonly interruptedOnOpen: string[];

  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
    markInterrupted: boolean,
  ) {
    this.interruptedOnOpen = markInterrupted ? this.markDeadRunsInterrupted() : [];
  }

  /** Opens (creating if needed) and migrates the database at `path`. */
  static open(path: string, options: OpenStoreOptions = {}): LabStore {
    let db: Database.Database | undefined;
    try {
      mkdirSync(dirname(path), { recursive: true });
      db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      migrate(db, path);
      return new LabStore(path, db, options.markInterrupted ?? true);
    } catch (error) {
      db?.close();
      if (error instanceof ApiError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new ApiError({
        code: 'unavailable',
        message: `Cannot open the run database ${path}: ${reason}`,
        file: path,
      });
    }
  }

  createRun(run: NewRun): RunSummary {
    const config: RunConfigJson = { spec: run.spec, train: run.train };
    this.db
      .prepare(
        `INSERT INTO runs (id, name, status, dataset_id, dataset_name, task, config, seed, epochs, created_at)
         VALUES (@id, @name, 'queued', @datasetId, @datasetName, @task, @config, @seed, @epochs, @createdAt)`,
      )
      .run({
        id: run.id,
        name: run.name,
        datasetId: run.datasetId,
        datasetName: run.datasetName,
        task: run.task,
        config: JSON.stringify(config),
        seed: run.seed,
        epochs: run.train.epochs,
        createdAt: run.createdAt,
      });
    return this.getSummary(run.id);
  }

  markRunning(id: string, startedAt: string): RunSummary {
    this.db.prepare(`UPDATE runs SET status = 'running', started_at = ? WHERE id = ?`).run(startedAt, id);
    return this.getSummary(id);
  }

  /** Commits one epoch's metrics (one transaction: the row is durable when this returns). */
  appendEpoch(id: string, metrics: EpochMetrics): void {
    this.appendEpochs(id, [metrics]);
  }

  /**
   * Commits epochs in one transaction. Used when a fast model reports epochs faster than a commit
   * (an fsync, some milliseconds) takes: they are grouped instead of queueing up without bound.
   */
  appendEpochs(id: string, epochs: readonly EpochMetrics[]): void {
    const insert = this.db.prepare(
      `INSERT INTO epoch_metrics (run_id, epoch, loss, accuracy, val_loss, val_accuracy, lr, seconds)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const m of epochs) {
        insert.run(id, m.epoch, m.loss, m.accuracy ?? null, m.valLoss ?? null, m.valAccuracy ?? null, m.lr, m.seconds);
      }
    })();
  }

  /** Stores a run's ending and its weights together. */
  finishRun(id: string, ending: RunEnding): RunSummary {
    this.db.transaction(() => {
      if (ending.weights) this.saveWeights(id, ending.weights.kind, ending.weights.epoch, ending.weights.model);
      this.db
        .prepare(`UPDATE runs SET status = ?, finished_at = ?, error = ? WHERE id = ?`)
        .run(ending.status, ending.finishedAt, ending.error ?? null, id);
    })();
    return this.getSummary(id);
  }

  saveWeights(id: string, kind: WeightsKind, epoch: number, model: TrainedModel): void {
    const { layout, data } = encodeWeights(model.state);
    this.db
      .prepare(
        `INSERT INTO run_weights (run_id, kind, epoch, spec, layout, data) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (run_id, kind) DO UPDATE SET epoch = excluded.epoch, spec = excluded.spec,
           layout = excluded.layout, data = excluded.data`,
      )
      .run(id, kind, epoch, JSON.stringify(model.spec), JSON.stringify(layout), data);
  }

  getWeights(id: string, kind: WeightsKind = 'final'): (TrainedModel & { epoch: number }) | undefined {
    const row = this.db
      .prepare(`SELECT epoch, spec, layout, data FROM run_weights WHERE run_id = ? AND kind = ?`)
      .get(id, kind) as { epoch: number; spec: string; layout: string; data: Buffer } | undefined;
    if (!row) return undefined;
    const layout = JSON.parse(row.layout) as TensorLayout[];
    return { epoch: row.epoch, spec: JSON.parse(row.spec) as ModelSpec, state: decodeWeights(layout, row.data) };
  }

  /** Every run, newest first. */
  listRuns(): RunSummary[] {
    const rows = this.db.prepare(`${selectRunSummaries} ORDER BY r.created_at DESC, r.rowid DESC`).all() as RunRow[];
    return rows.map(toRunSummary);
  }

  findRun(id: string): RunSummary | undefined {
    const row = this.db.prepare(`${selectRunSummaries} WHERE r.id = ?`).get(id) as RunRow | undefined;
    return row && toRunSummary(row);
  }

  /** The run with its config and every epoch; `not_found` if there is no such run. */
  getRun(id: string): RunDetail & { datasetId: string } {
    const row = this.db.prepare(`${selectRunSummaries} WHERE r.id = ?`).get(id) as RunRow | undefined;
    if (!row) throw notFound(id);
    const config = JSON.parse(row.config) as RunConfigJson;
    const metrics = (
      this.db
        .prepare(
          `SELECT epoch, loss, accuracy, val_loss, val_accuracy, lr, seconds
           FROM epoch_metrics WHERE run_id = ? ORDER BY epoch`,
        )
        .all(id) as MetricsRow[]
    ).map(toEpochMetrics);
    const hasWeights = this.db.prepare(`SELECT 1 FROM run_weights WHERE run_id = ? LIMIT 1`).get(id) !== undefined;
    return {
      ...toRunSummary(row),
      datasetId: row.dataset_id,
      spec: config.spec,
      train: config.train,
      seed: row.seed,
      metrics,
      hasWeights,
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private getSummary(id: string): RunSummary {
    const summary = this.findRun(id);
    if (!summary) throw notFound(id);
    return summary;
  }

  private markDeadRunsInterrupted(): string[] {
    const placeholders = liveStatuses.map(() => '?').join(', ');
    return this.db.transaction(() => {
      const ids = (
        this.db.prepare(`SELECT id FROM runs WHERE status IN (${placeholders})`).all(...liveStatuses) as { id: string }[]
      ).map((row) => row.id);
      this.db
        .prepare(
          `UPDATE runs SET status = 'interrupted', finished_at = ?,
             error = 'The app closed while this run was in progress.'
           WHERE status IN (${placeholders})`,
        )
        .run(new Date().toISOString(), ...liveStatuses);
      return ids;
    })();
  }
}

function notFound(id: string): ApiError {
  return new ApiError({ code: 'not_found', message: `There is no run with id ${JSON.stringify(id)}.`, field: 'id' });
}

/** Opens the run database; see `LabStore.open`. */
export function openStore(path: string, options?: OpenStoreOptions): LabStore {
  return LabStore.open(path, options);
}
