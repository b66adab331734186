import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { ApiError } from '../../src-core/contract/api-error';
import type { ModelSpec } from '../../src-core/contract/model-spec';
import type { TaskKind, TrainConfig } from '../../src-core/contract/run-config';
import type { AppNotice } from '../../src-core/contract/app-api';
import type { RunSearch } from '../../src-core/contract/runs-api';
import type { EpochMetrics, FullRun, RunDetail, RunStatus, RunSummary, TrainedModel } from '../../src-core/contract/training';
import type { PreprocessorState } from '../../src-core/data/preprocess/preprocessor-state';
import type { TrainingDiagnostics } from '../../src-core/nn/index';
import { openDatabase } from './open-database';
import { decodeResume, encodeResume, type ResumeRow, type ResumeState } from './resume-codec';
import { heartbeatEveryMs, newOwner, ownerAlive, releaseOwner, type RunOwner } from './run-owner';
import {
  extraMetricsJson,
  selectRunSummaries,
  toEpochMetrics,
  toRunSummary,
  type MetricsRow,
  type RunConfigJson,
  type RunRow,
} from './run-rows';
import { runSearchSql } from './run-search';
import { isDiskFull, writeError } from './store-errors';
import { decodeWeights, encodeWeights, type TensorLayout } from './weights-codec';

export interface OpenStoreOptions {
  /** Path of a better-sqlite3 native addon built for this runtime (Electron passes its own ABI's build). */
  nativeBinding?: string;
  /**
   * Mark runs whose owner process is gone as interrupted (default true). Runs a live process owns are never
   * touched, so the app and the CLI may both open the same file.
   */
  markInterrupted?: boolean;
  /** Open for reading only: nothing is migrated, marked or written. */
  readonly?: boolean;
  /** Cap the database at this many pages (a quota; tests use it to stand in for a full disk). */
  maxPageCount?: number;
  /** Recorded with each new run. */
  appVersion?: string;
  /**
   * How long a write waits for another program's lock before it is refused as busy (default 30 s, as when
   * opening). The app's commits of epochs wait much less and are retried off the event loop (commit-batcher).
   */
  busyTimeoutMs?: number;
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
  parentRunId?: string;
  sweepId?: string;
  datasetHash?: string;
  tags?: string[];
  notes?: string;
  /** The transform fitted on the training rows (imported or CLI data), so the weights can be used on new data. */
  preprocessor?: PreprocessorState;
}

export type WeightsKind = 'final' | 'best';

/** A `run_weights` row as stored: the spec and layout as JSON, the values as float32 little-endian. */
export interface WeightsRow {
  kind: WeightsKind;
  epoch: number;
  spec: string;
  layout: string;
  data: Buffer;
}

/**
 * A run brought in whole from elsewhere (a bundle): stored as it was, its rows as they were, with no owner
 * (nothing trains it here).
 */
export interface ImportedRun extends Omit<NewRun, 'parentRunId' | 'sweepId'> {
  status: RunStatus;
  startedAt?: string;
  finishedAt?: string;
  error?: string;
  appVersion?: string;
  metrics: readonly EpochMetrics[];
  weights: readonly WeightsRow[];
  diagnostics: readonly TrainingDiagnostics[];
  resume?: ResumeRow;
  confusion?: { split: 'train' | 'validation'; matrix: number[][] };
}

/** How a run ended, written in one transaction with its weights. */
export interface RunEnding {
  status: Extract<RunStatus, 'completed' | 'stopped' | 'failed' | 'diverged' | 'interrupted'>;
  finishedAt: string;
  error?: string;
  weights?: { kind: WeightsKind; epoch: number; model: TrainedModel };
  /** Under early stopping: the best epoch's weights, kept beside the final ones. */
  bestWeights?: { epoch: number; model: TrainedModel };
  confusion?: { split: 'train' | 'validation'; matrix: number[][] };
  /** The optimizer's and generator's state after the last epoch (completed or stopped), for `runs.continue`. */
  resume?: ResumeState;
}

export interface StoredSweep {
  id: string;
  name: string;
  config: unknown;
  createdAt: string;
}

/** The columns of a run's INSERT that creating and importing set differently (null unless given). */
interface RunInsertExtra {
  status: RunStatus;
  startedAt?: string | null;
  finishedAt?: string | null;
  error?: string | null;
  appVersion: string | null;
  durationSeconds?: number | null;
  ownerPid?: number | null;
  ownerToken?: string | null;
  heartbeatAt?: number | null;
}

/** Statuses that only a live process can be in. */
const liveStatuses: RunStatus[] = ['queued', 'running', 'paused'];

/**
 * The run database: one writer connection (better-sqlite3 is synchronous, so each method is atomic
 * with respect to the event loop). Every write that belongs together is one transaction.
 */
export class LabStore {
  /** Runs a process that died left queued, running or paused, marked `interrupted` when this store opened. */
  readonly interruptedOnOpen: string[];
  /** What the user should be told about the database (a corrupt file set aside). */
  readonly notices: AppNotice[];
  /** This store as the owner of the runs it creates. */
  private readonly owner: RunOwner;
  private readonly heartbeatTimer: NodeJS.Timeout | undefined;

  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
    private readonly options: OpenStoreOptions,
    notice: AppNotice | undefined,
  ) {
    this.notices = notice ? [notice] : [];
    this.owner = newOwner();
    this.interruptedOnOpen = !options.readonly && (options.markInterrupted ?? true) ? this.markDeadRunsInterrupted() : [];
    // Opening waited as long as `openBusyTimeoutMs`; from here on, the caller's patience.
    if (options.busyTimeoutMs !== undefined) db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
    if (!options.readonly) {
      this.heartbeatTimer = setInterval(() => this.heartbeat(), heartbeatEveryMs);
      this.heartbeatTimer.unref();
    }
  }

  /** Opens (creating if needed) and migrates the database at `path`; see `openDatabase`. */
  static open(path: string, options: OpenStoreOptions = {}): LabStore {
    const { db, notice, readonly } = openDatabase(path, options);
    try {
      return new LabStore(path, db, { ...options, readonly }, notice);
    } catch (error) {
      db.close();
      throw writeError(path, 'marking interrupted runs', error);
    }
  }

  /** Runs `write` in one transaction; a failure becomes a clear ApiError (disk full, read-only). */
  private write<T>(what: string, write: () => T): T {
    try {
      return this.db.transaction(write)();
    } catch (error) {
      throw writeError(this.path, what, error);
    }
  }

  /**
   * Runs `writes` in one transaction (one fsync); the store's own writes inside it become savepoints, so one
   * that fails is undone alone while the rest commit together.
   */
  batch<T>(writes: () => T, waitMs?: number): T {
    try {
      // IMMEDIATE: the write lock is taken (or refused as busy) before any write runs, so a lock held by another
      // program refuses the whole group at once instead of failing one of its writes.
      return this.waitingAtMost(waitMs, () => this.db.transaction(writes).immediate());
    } catch (error) {
      throw writeError(this.path, 'a group of writes', error);
    }
  }

  /** Runs `work` with another wait for locks than the store's own (`busyTimeoutMs`), when `waitMs` is given. */
  private waitingAtMost<T>(waitMs: number | undefined, work: () => T): T {
    if (waitMs === undefined || this.db.inTransaction) return work();
    const before = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(waitMs))}`);
    try {
      return work();
    } finally {
      this.db.pragma(`busy_timeout = ${before}`);
    }
  }

  createRun(run: NewRun): RunSummary {
    this.write(`run "${run.name}"`, () => {
      this.insertRun(run, {
        status: 'queued',
        appVersion: this.options.appVersion ?? null,
        ownerPid: this.owner.pid,
        ownerToken: this.owner.token,
        heartbeatAt: Date.now(),
      });
      if (run.tags) this.replaceTags(run.id, run.tags);
    });
    return this.getSummary(run.id);
  }

  /** Stores a run brought from elsewhere with all its rows, in one transaction; errors are SQLite's own. */
  importRun(run: ImportedRun): RunSummary {
    this.db.transaction(() => {
      this.insertRun(run, {
        status: run.status,
        startedAt: run.startedAt ?? null,
        finishedAt: run.finishedAt ?? null,
        error: run.error ?? null,
        appVersion: run.appVersion ?? null,
        durationSeconds: run.metrics.reduce((sum, m) => sum + m.seconds, 0),
      });
      if (run.tags) this.replaceTags(run.id, run.tags);
      this.insertEpochs(run.id, run.metrics);
      for (const w of run.weights) this.writeWeightsRow(run.id, w);
      for (const d of run.diagnostics) this.writeDiagnostics(run.id, d);
      if (run.resume) this.writeResumeRow(run.id, run.resume);
      if (run.confusion) this.writeConfusion(run.id, run.confusion);
    })();
    return this.getSummary(run.id);
  }

  /** The one INSERT of a run: `NewRun`'s fields plus what only creating or importing knows. */
  private insertRun(run: Omit<NewRun, 'tags'>, extra: RunInsertExtra): void {
    this.db
      .prepare(
        `INSERT INTO runs (id, name, status, dataset_id, dataset_name, task, config, seed, epochs, created_at, started_at,
           finished_at, error, notes, parent_run_id, sweep_id, dataset_hash, app_version, duration_seconds, owner_pid,
           owner_token, heartbeat_at, preprocessor)
         VALUES (@id, @name, @status, @datasetId, @datasetName, @task, @config, @seed, @epochs, @createdAt, @startedAt,
           @finishedAt, @error, @notes, @parentRunId, @sweepId, @datasetHash, @appVersion, @durationSeconds, @ownerPid,
           @ownerToken, @heartbeatAt, @preprocessor)`,
      )
      .run({
        id: run.id,
        name: run.name,
        datasetId: run.datasetId,
        datasetName: run.datasetName,
        task: run.task,
        config: JSON.stringify({ spec: run.spec, train: run.train } satisfies RunConfigJson),
        seed: run.seed,
        epochs: run.train.epochs,
        createdAt: run.createdAt,
        notes: run.notes ?? '',
        parentRunId: run.parentRunId ?? null,
        sweepId: run.sweepId ?? null,
        datasetHash: run.datasetHash ?? null,
        preprocessor: run.preprocessor ? JSON.stringify(run.preprocessor) : null,
        startedAt: null,
        finishedAt: null,
        error: null,
        durationSeconds: null,
        ownerPid: null,
        ownerToken: null,
        heartbeatAt: null,
        ...extra,
      });
  }

  markRunning(id: string, startedAt: string): RunSummary {
    this.write('the run start', () => {
      this.db
        .prepare(`UPDATE runs SET status = 'running', started_at = coalesce(started_at, ?), heartbeat_at = ? WHERE id = ?`)
        .run(startedAt, Date.now(), id);
    });
    return this.getSummary(id);
  }

  /** Paused (the worker waits between epochs) or running again. */
  setPaused(id: string, paused: boolean): RunSummary {
    this.write('the pause', () => {
      this.db.prepare(`UPDATE runs SET status = ? WHERE id = ? AND status IN ('running', 'paused')`).run(paused ? 'paused' : 'running', id);
    });
    return this.getSummary(id);
  }

  /** Commits one epoch's metrics (one transaction: the row is durable when this returns). */
  appendEpoch(id: string, metrics: EpochMetrics): void {
    this.appendEpochs(id, [metrics]);
  }

  /**
   * Commits epochs that arrived together in one transaction: one fsync for the group (a commit costs
   * milliseconds, and two threads of a fast model report faster than that). All or nothing: when it
   * throws, none of the group is stored, and everything committed before stays.
   */
  appendEpochs(id: string, epochs: readonly EpochMetrics[]): void {
    const first = epochs[0]?.epoch;
    const last = epochs[epochs.length - 1]?.epoch;
    this.write(first === last ? `epoch ${first} of run ${id}` : `epochs ${first}-${last} of run ${id}`, () => {
      this.insertEpochs(id, epochs);
      this.db.prepare(`UPDATE runs SET heartbeat_at = ? WHERE id = ?`).run(Date.now(), id);
    });
  }

  private insertEpochs(id: string, epochs: readonly EpochMetrics[]): void {
    const insert = this.db.prepare(
      `INSERT INTO epoch_metrics (run_id, epoch, loss, accuracy, val_loss, val_accuracy, lr, seconds, extra)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const m of epochs) {
      insert.run(id, m.epoch, m.loss, m.accuracy ?? null, m.valLoss ?? null, m.valAccuracy ?? null, m.lr, m.seconds, extraMetricsJson(m));
    }
  }

  saveDiagnostics(id: string, diagnostics: TrainingDiagnostics): void {
    this.write(`diagnostics of epoch ${diagnostics.epoch}`, () => this.writeDiagnostics(id, diagnostics));
  }

  private writeDiagnostics(id: string, diagnostics: TrainingDiagnostics): void {
    this.db.prepare(`INSERT OR REPLACE INTO run_diagnostics (run_id, epoch, data) VALUES (?, ?, ?)`).run(id, diagnostics.epoch, JSON.stringify(diagnostics));
  }

  getDiagnostics(id: string): TrainingDiagnostics[] {
    const rows = this.db.prepare(`SELECT data FROM run_diagnostics WHERE run_id = ? ORDER BY epoch`).all(id) as { data: string }[];
    return rows.map((row) => JSON.parse(row.data) as TrainingDiagnostics);
  }

  /** Up to `limit` diagnostics snapshots from epoch `from` on; `next` is where the next page starts, if any. */
  pageDiagnostics(id: string, from: number, limit: number): { diagnostics: TrainingDiagnostics[]; next?: number } {
    this.getSummary(id);
    const rows = this.db
      .prepare(`SELECT epoch, data FROM run_diagnostics WHERE run_id = ? AND epoch >= ? ORDER BY epoch LIMIT ?`)
      .all(id, from, limit + 1) as { epoch: number; data: string }[];
    const more = rows.length > limit ? rows.pop() : undefined;
    const diagnostics = rows.map((row) => JSON.parse(row.data) as TrainingDiagnostics);
    return more ? { diagnostics, next: more.epoch } : { diagnostics };
  }

  /** Up to `limit` epochs from epoch `from` on; `next` is where the next page starts, if any. */
  pageMetrics(id: string, from: number, limit: number): { metrics: EpochMetrics[]; next?: number } {
    this.getSummary(id);
    const rows = this.db
      .prepare(
        `SELECT epoch, loss, accuracy, val_loss, val_accuracy, lr, seconds, extra
         FROM epoch_metrics WHERE run_id = ? AND epoch >= ? ORDER BY epoch LIMIT ?`,
      )
      .all(id, from, limit + 1) as MetricsRow[];
    const more = rows.length > limit ? rows.pop() : undefined;
    const metrics = rows.map(toEpochMetrics);
    return more ? { metrics, next: more.epoch } : { metrics };
  }

  /**
   * Stores a run's ending with its weights, best weights and confusion matrix in one transaction. When the
   * disk is full the ending is stored without them (the status and the reason matter more than the weights).
   */
  finishRun(id: string, ending: RunEnding): RunSummary {
    const store = (withData: boolean, error: string | undefined): void => {
      if (withData && ending.weights) this.saveWeights(id, ending.weights.kind, ending.weights.epoch, ending.weights.model);
      if (withData && ending.bestWeights) this.saveWeights(id, 'best', ending.bestWeights.epoch, ending.bestWeights.model);
      if (withData && ending.resume) this.saveResume(id, ending.resume);
      if (withData && ending.confusion) this.writeConfusion(id, ending.confusion);
      this.db
        .prepare(
          `UPDATE runs SET status = ?, finished_at = ?, error = ?,
             duration_seconds = (SELECT sum(seconds) FROM epoch_metrics WHERE run_id = ?) WHERE id = ?`,
        )
        .run(ending.status, ending.finishedAt, error ?? null, id, id);
    };
    try {
      this.db.transaction(() => store(true, ending.error))();
    } catch (error) {
      if (!isDiskFull(error)) throw writeError(this.path, `the end of run ${id}`, error);
      const full = writeError(this.path, 'the weights', error).message;
      this.write(`the end of run ${id}`, () => store(false, ending.status === 'failed' ? ending.error : [ending.error, full].filter(Boolean).join(' ')));
    }
    return this.getSummary(id);
  }

  saveWeights(id: string, kind: WeightsKind, epoch: number, model: TrainedModel): void {
    const { layout, data } = encodeWeights(model.state);
    this.writeWeightsRow(id, { kind, epoch, spec: JSON.stringify(model.spec), layout: JSON.stringify(layout), data });
  }

  private writeWeightsRow(id: string, row: WeightsRow): void {
    this.db
      .prepare(
        `INSERT INTO run_weights (run_id, kind, epoch, spec, layout, data) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (run_id, kind) DO UPDATE SET epoch = excluded.epoch, spec = excluded.spec,
           layout = excluded.layout, data = excluded.data`,
      )
      .run(id, row.kind, row.epoch, row.spec, row.layout, row.data);
  }

  /** The run's stored weights as rows (final first), for a bundle. */
  weightsRows(id: string): WeightsRow[] {
    return this.db.prepare(`SELECT kind, epoch, spec, layout, data FROM run_weights WHERE run_id = ? ORDER BY kind DESC`).all(id) as WeightsRow[];
  }

  /** Replaces the run's resume state (see `RunEnding.resume`). */
  saveResume(id: string, resume: ResumeState): void {
    this.writeResumeRow(id, { epoch: resume.optimizer.epochs, ...encodeResume(resume) });
  }

  private writeResumeRow(id: string, row: ResumeRow): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO run_resume (run_id, epoch, optimizer, moments, generator, row_order)
         VALUES (@id, @epoch, @optimizer, @moments, @generator, @row_order)`,
      )
      .run({ id, ...row });
  }

  /** The run's resume row as stored, for a bundle; undefined for runs that left none. */
  resumeRow(id: string): ResumeRow | undefined {
    return this.db.prepare(`SELECT epoch, optimizer, moments, generator, row_order FROM run_resume WHERE run_id = ?`).get(id) as ResumeRow | undefined;
  }

  /** The optimizer and generator state a run ended with; undefined for runs that left none (failed, diverged, older). */
  getResume(id: string): ResumeState | undefined {
    const row = this.resumeRow(id);
    return row && decodeResume(row);
  }

  private writeConfusion(id: string, confusion: NonNullable<RunEnding['confusion']>): void {
    this.db
      .prepare(`INSERT OR REPLACE INTO run_confusion (run_id, split, classes, matrix) VALUES (?, ?, ?, ?)`)
      .run(id, confusion.split, confusion.matrix.length, JSON.stringify(confusion.matrix));
  }

  /** The transform fitted on the run's training rows; undefined for bundled data (used as generated). */
  getPreprocessor(id: string): PreprocessorState | undefined {
    const row = this.db.prepare(`SELECT preprocessor FROM runs WHERE id = ?`).get(id) as { preprocessor: string | null } | undefined;
    return row?.preprocessor ? (JSON.parse(row.preprocessor) as PreprocessorState) : undefined;
  }

  getWeights(id: string, kind: WeightsKind = 'final'): (TrainedModel & { epoch: number }) | undefined {
    const row = this.weightsRows(id).find((w) => w.kind === kind);
    if (!row) return undefined;
    const layout = JSON.parse(row.layout) as TensorLayout[];
    return { epoch: row.epoch, spec: JSON.parse(row.spec) as ModelSpec, state: decodeWeights(layout, row.data) };
  }

  /** Every run, newest first. */
  listRuns(): RunSummary[] {
    return this.searchRuns({});
  }

  /** Runs matching every filter, newest first (SQL over indexed columns). */
  searchRuns(search: RunSearch): RunSummary[] {
    const { where, params, limit } = runSearchSql(search);
    const rows = this.db
      .prepare(`${selectRunSummaries} ${where} ORDER BY r.created_at DESC, r.rowid DESC ${limit}`)
      .all(...params) as RunRow[];
    return rows.map(toRunSummary);
  }

  findRun(id: string): RunSummary | undefined {
    const row = this.db.prepare(`${selectRunSummaries} WHERE r.id = ?`).get(id) as RunRow | undefined;
    return row && toRunSummary(row);
  }

  /** The run with its config, every epoch and every diagnostics snapshot; `not_found` if there is no such run. */
  getRun(id: string): FullRun & { datasetId: string } {
    const detail: FullRun & { datasetId: string } = { ...this.getRunDetail(id), metrics: this.pageMetrics(id, 1, Number.MAX_SAFE_INTEGER).metrics };
    const diagnostics = this.getDiagnostics(id);
    if (diagnostics.length) detail.diagnostics = diagnostics;
    return detail;
  }

  /** The run's summary and config (what `runs.get` answers); `not_found` if there is no such run. */
  getRunDetail(id: string): RunDetail & { datasetId: string } {
    const row = this.db.prepare(`${selectRunSummaries} WHERE r.id = ?`).get(id) as RunRow | undefined;
    if (!row) throw notFound(id);
    const config = JSON.parse(row.config) as RunConfigJson;
    const weights = this.db
      .prepare(`SELECT kind, epoch FROM run_weights WHERE run_id = ? ORDER BY kind DESC`)
      .all(id) as { kind: WeightsKind; epoch: number }[];
    const confusion = this.db.prepare(`SELECT split, matrix FROM run_confusion WHERE run_id = ?`).get(id) as
      | { split: 'train' | 'validation'; matrix: string }
      | undefined;
    const detail: RunDetail & { datasetId: string } = {
      ...toRunSummary(row),
      datasetId: row.dataset_id,
      spec: config.spec,
      train: config.train,
      seed: row.seed,
      hasWeights: weights.length > 0,
      weights,
    };
    if (row.dataset_hash !== null) detail.datasetHash = row.dataset_hash;
    if (row.app_version !== null) detail.appVersion = row.app_version;
    if (confusion) detail.confusion = { split: confusion.split, matrix: JSON.parse(confusion.matrix) as number[][] };
    return detail;
  }

  /** Deletes a run with its epochs, weights, diagnostics and tags (its children keep living, parentless). */
  deleteRun(id: string): void {
    const run = this.getSummary(id);
    if (liveStatuses.includes(run.status) && this.ownedByLiveProcess(id)) {
      throw new ApiError({ code: 'conflict', field: 'id', message: `Run "${run.name}" is ${run.status}; stop it before deleting it.` });
    }
    this.write(`deleting run "${run.name}"`, () => this.db.prepare(`DELETE FROM runs WHERE id = ?`).run(id));
  }

  /** Replaces the run's tags (trimmed, duplicates dropped). */
  setTags(id: string, tags: readonly string[]): RunSummary {
    this.getSummary(id);
    this.write('the tags', () => this.replaceTags(id, tags));
    return this.getSummary(id);
  }

  setNotes(id: string, notes: string): RunSummary {
    this.getSummary(id);
    this.write('the notes', () => this.db.prepare(`UPDATE runs SET notes = ? WHERE id = ?`).run(notes, id));
    return this.getSummary(id);
  }

  createSweep(sweep: StoredSweep): void {
    this.write(`sweep "${sweep.name}"`, () => {
      this.db
        .prepare(`INSERT INTO sweeps (id, name, config, created_at) VALUES (?, ?, ?, ?)`)
        .run(sweep.id, sweep.name, JSON.stringify(sweep.config), sweep.createdAt);
    });
  }

  /** Every sweep, newest first, with its runs' ids and statuses. */
  listSweeps(): (StoredSweep & { runs: { id: string; status: RunStatus }[] })[] {
    const sweeps = this.db.prepare(`SELECT id, name, config, created_at FROM sweeps ORDER BY created_at DESC, rowid DESC`).all() as {
      id: string;
      name: string;
      config: string;
      created_at: string;
    }[];
    const runsOf = this.db.prepare(`SELECT id, status FROM runs WHERE sweep_id = ? ORDER BY rowid`);
    return sweeps.map((s) => ({
      id: s.id,
      name: s.name,
      config: JSON.parse(s.config) as unknown,
      createdAt: s.created_at,
      runs: runsOf.all(s.id) as { id: string; status: RunStatus }[],
    }));
  }

  /** A consistent copy of the whole database at `destination` (SQLite's online backup API). */
  async backup(destination: string): Promise<{ path: string; bytes: number }> {
    try {
      mkdirSync(dirname(destination), { recursive: true });
      await this.db.backup(destination);
    } catch (error) {
      throw new ApiError({
        code: 'unavailable',
        file: destination,
        message: `The backup to ${destination} failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
    return { path: destination, bytes: statSync(destination).size };
  }

  /** Refreshes the heartbeat of every live run this store owns (see run-owner.ts). */
  heartbeat(): void {
    if (!this.db.open) return;
    try {
      // Not waiting for another program's lock: the event loop keeps serving, and the next beat comes soon.
      this.waitingAtMost(0, () =>
        this.db
          .prepare(`UPDATE runs SET heartbeat_at = ? WHERE owner_token = ? AND status IN ('queued', 'running', 'paused')`)
          .run(Date.now(), this.owner.token),
      );
    } catch {
      // A busy or full database: the next beat tries again; a missed beat only matters after staleAfterMs.
    }
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  /** The connection, for the store's own helpers (bundles) and tests that inspect SQLite directly. */
  get connection(): Database.Database {
    return this.db;
  }

  close(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    releaseOwner(this.owner);
    if (this.db.open) this.db.close();
  }

  private replaceTags(id: string, tags: readonly string[]): void {
    this.db.prepare(`DELETE FROM run_tags WHERE run_id = ?`).run(id);
    const insert = this.db.prepare(`INSERT OR IGNORE INTO run_tags (run_id, tag) VALUES (?, ?)`);
    for (const tag of tags) if (tag.trim()) insert.run(id, tag.trim());
  }

  private ownedByLiveProcess(id: string): boolean {
    const row = this.db.prepare(`SELECT owner_pid, owner_token, heartbeat_at FROM runs WHERE id = ?`).get(id) as
      | Pick<RunRow, 'owner_pid' | 'owner_token' | 'heartbeat_at'>
      | undefined;
    return row !== undefined && ownerAlive(row.owner_pid, row.owner_token, row.heartbeat_at);
  }

  private getSummary(id: string): RunSummary {
    const summary = this.findRun(id);
    if (!summary) throw notFound(id);
    return summary;
  }

  /**
   * Marks live runs whose owner has died since (a CLI killed with SIGKILL) `interrupted`, as opening does;
   * returns them as they now read. Runs this store owns are alive while it is open.
   */
  interruptDeadRuns(waitMs?: number): RunSummary[] {
    if (this.options.readonly || !this.db.open) return [];
    return this.waitingAtMost(waitMs, () => this.markDeadRunsInterrupted()).map((id) => this.getSummary(id));
  }

  /** Marks live runs whose owner is gone `interrupted`; a run a live process owns is left alone. */
  private markDeadRunsInterrupted(): string[] {
    const placeholders = liveStatuses.map(() => '?').join(', ');
    const deadRuns = (): string[] =>
      (
        this.db
          .prepare(`SELECT id, owner_pid, owner_token, heartbeat_at FROM runs WHERE status IN (${placeholders})`)
          .all(...liveStatuses) as { id: string; owner_pid: number | null; owner_token: string | null; heartbeat_at: number | null }[]
      )
        .filter((row) => !ownerAlive(row.owner_pid, row.owner_token, row.heartbeat_at))
        .map((row) => row.id);
    // Read first, without a lock (the common case, checked often by a running app, finds none).
    if (deadRuns().length === 0) return [];
    return this.db.transaction(() => {
      const dead = deadRuns();
      const mark = this.db.prepare(
        `UPDATE runs SET status = 'interrupted', finished_at = ?,
           error = 'The process training this run ended before the run did (the app or the CLI closed or crashed).',
           duration_seconds = (SELECT sum(seconds) FROM epoch_metrics WHERE run_id = runs.id)
         WHERE id = ?`,
      );
      const now = new Date().toISOString();
      for (const id of dead) mark.run(now, id);
      return dead;
    }).immediate();
  }
}

function notFound(id: string): ApiError {
  return new ApiError({ code: 'not_found', message: `There is no run with id ${JSON.stringify(id)}.`, field: 'id' });
}

/** Opens the run database; see `LabStore.open`. */
export function openStore(path: string, options?: OpenStoreOptions): LabStore {
  return LabStore.open(path, options);
}
