import type Database from 'better-sqlite3';
import { ApiError } from '../../src-core/contract/api-error';
import type { AppNotice } from '../../src-core/contract/app-api';
import type { RunSearch } from '../../src-core/contract/runs-api';
import type { EpochMetrics, FullRun, RunDetail, RunStatus, RunSummary, TrainedModel } from '../../src-core/contract/training';
import type { PreprocessorState } from '../../src-core/data/preprocess/preprocessor-state';
import type { TrainingDiagnostics } from '../../src-core/nn/index';
import { backupDatabase, type BackupOptions } from './backup-database';
import { DatasetStore } from './dataset-store';
import { DiskReserve } from './disk-reserve';
import { openDatabase, readOnlyNotice } from './open-database';
import type { ResumeRow, ResumeState } from './resume-codec';
import type { RunSnapshot, SnapshotFrame } from '../../src-core/contract/snapshots';
import { packTensors, type PackedTensors } from './snapshot-codec';
import { RunArtefacts, type ConfusionMatrix, type WeightsKind, type WeightsRow } from './run-artefacts';
import { heartbeatEveryMs } from './run-owner';
import { liveStatuses, RunOwnership } from './run-ownership';
import { RunRecords, type NewRun } from './run-records';
import type { StoredTestScore } from './run-rows';
import { isDiskFailure, writeError } from './store-errors';
import { SweepRecords, type StoredSweep } from './sweep-records';

export type { NewRun } from './run-records';
export type { StoredSweep } from './sweep-records';
export type { WeightsKind, WeightsRow } from './run-artefacts';

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

/**
 * A run brought in whole from elsewhere (a bundle): stored as it was, its rows as they were, with no owner
 * (nothing trains it here).
 */
export interface ImportedRun extends Omit<NewRun, 'parentRunId' | 'sweepId'> {
  status: RunStatus;
  startedAt?: string;
  finishedAt?: string;
  error?: string;
  pauseReason?: string;
  appVersion?: string;
  metrics: readonly EpochMetrics[];
  weights: readonly WeightsRow[];
  diagnostics: readonly TrainingDiagnostics[];
  resume?: ResumeRow;
  confusion?: ConfusionMatrix;
  /** The final model on the held-out test rows, with its confusion matrix (classification). */
  test?: StoredTestScore;
  /** The run's snapshot frame and snapshots as stored (packed: see snapshot-codec.ts). */
  snapshotFrame?: PackedTensors;
  snapshots?: readonly (PackedTensors & { epoch: number })[];
}

/** How a run ended, written in one transaction with its weights. */
export interface RunEnding {
  status: Extract<RunStatus, 'completed' | 'stopped' | 'failed' | 'diverged' | 'interrupted'>;
  finishedAt: string;
  error?: string;
  weights?: { kind: WeightsKind; epoch: number; model: TrainedModel };
  /** Under early stopping: the best epoch's weights, kept beside the final ones. */
  bestWeights?: { epoch: number; model: TrainedModel };
  confusion?: ConfusionMatrix;
  /** The final model on the held-out test rows (a run with a test split, completed or stopped). */
  test?: StoredTestScore;
  /** The optimizer's and generator's state after the last epoch (completed or stopped), for `runs.continue`. */
  resume?: ResumeState;
  /** The kernel backend that trained the run, and the threads most of its products ran on. */
  kernels?: string;
  threads?: number;
}

/**
 * The run database: one writer connection (better-sqlite3 is synchronous, so each method is atomic
 * with respect to the event loop). Every write that belongs together is one transaction.
 *
 * A facade over the parts, split by what they store: `RunRecords` (the runs table and tags), `RunArtefacts`
 * (epochs, diagnostics, weights, resume state, confusion), `SweepRecords`, `RunOwnership` (which process owns a
 * live run) and the datasets (`DatasetStore`). It owns the connection and the transactions; no service sees the
 * connection.
 */
export class LabStore {
  /** Runs a process that died left queued, running or paused, marked `interrupted` when this store opened. */
  readonly interruptedOnOpen: string[];
  /** What the user should be told about the database (a corrupt file set aside). */
  readonly notices: AppNotice[];
  /** Imported datasets, in the same file (a dataset and the runs that use it live in one file, one writer). */
  readonly datasets: DatasetStore;
  private readonly runs: RunRecords;
  private readonly artefacts: RunArtefacts;
  private readonly sweeps: SweepRecords;
  private readonly ownership: RunOwnership;
  private readonly heartbeatTimer: NodeJS.Timeout | undefined;
  /** Room on the disk for a run's ending once the disk is full (writable stores only). */
  private readonly reserve: DiskReserve | undefined;

  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
    private readonly options: OpenStoreOptions,
    notice: AppNotice | undefined,
  ) {
    this.notices = notice ? [notice] : [];
    const write = this.write.bind(this) as <T>(what: string, write: () => T) => T;
    this.artefacts = new RunArtefacts(db, write);
    this.runs = new RunRecords(db, write, this.artefacts, options.readonly ?? false);
    this.sweeps = new SweepRecords(db, write);
    this.ownership = new RunOwnership(db);
    this.datasets = new DatasetStore(db);
    this.interruptedOnOpen = !options.readonly && (options.markInterrupted ?? true) ? this.ownership.markDeadRunsInterrupted() : [];
    // Opening waited as long as `openBusyTimeoutMs`; from here on, the caller's patience.
    if (options.busyTimeoutMs !== undefined) db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
    if (!options.readonly) {
      this.heartbeatTimer = setInterval(() => this.heartbeat(), heartbeatEveryMs);
      this.heartbeatTimer.unref();
      this.reserve = new DiskReserve(`${path}-reserve`);
      this.reserve.fill();
    }
  }

  /** Opens (creating if needed) and migrates the database at `path`; see `openDatabase`. */
  static open(path: string, options: OpenStoreOptions = {}): LabStore {
    const { db, notice, readonly } = openDatabase(path, options);
    try {
      return new LabStore(path, db, { ...options, readonly }, notice);
    } catch (error) {
      db.close();
      if (readonly || !isDiskFailure(error)) throw writeError(path, 'marking interrupted runs', error);
      // A full disk cannot take even the interrupted marks: the database is shown as it is, for reading.
      const viewing = openDatabase(path, { ...options, readonly: true, privateIndex: true });
      return new LabStore(path, viewing.db, { ...options, readonly: true }, readOnlyNotice(path, error));
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
      this.runs.insertRun(run, {
        status: 'queued',
        appVersion: this.options.appVersion ?? null,
        ownerPid: this.ownership.owner.pid,
        ownerToken: this.ownership.owner.token,
        heartbeatAt: Date.now(),
      });
      if (run.tags) this.runs.replaceTags(run.id, run.tags);
    });
    return this.runs.getSummary(run.id);
  }

  /** Stores a run brought from elsewhere with all its rows, in one transaction; errors are SQLite's own. */
  importRun(run: ImportedRun): RunSummary {
    this.db.transaction(() => {
      this.runs.insertRun(run, {
        status: run.status,
        startedAt: run.startedAt ?? null,
        finishedAt: run.finishedAt ?? null,
        error: run.error ?? null,
        pauseReason: run.pauseReason ?? null,
        testScore: run.test ? JSON.stringify(run.test) : null,
        appVersion: run.appVersion ?? null,
        durationSeconds: run.metrics.reduce((sum, m) => sum + m.seconds, 0),
      });
      if (run.tags) this.runs.replaceTags(run.id, run.tags);
      this.artefacts.insertEpochs(run.id, run.metrics);
      for (const w of run.weights) this.artefacts.writeWeightsRow(run.id, w);
      for (const d of run.diagnostics) this.artefacts.writeDiagnostics(run.id, d);
      if (run.resume) this.artefacts.writeResumeRow(run.id, run.resume);
      if (run.confusion) this.artefacts.writeConfusion(run.id, run.confusion);
      if (run.snapshotFrame) this.artefacts.writeSnapshotFrame(run.id, run.snapshotFrame);
      for (const s of run.snapshots ?? []) this.artefacts.writeSnapshot(run.id, s.epoch, s);
    })();
    return this.runs.getSummary(run.id);
  }

  markRunning(id: string, startedAt: string): RunSummary {
    return this.runs.markRunning(id, startedAt);
  }

  /** Paused (the worker waits between epochs; `reason`: it paused itself) or running again. */
  setPaused(id: string, paused: boolean, reason?: string): RunSummary {
    return this.runs.setPaused(id, paused, reason);
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
      this.artefacts.insertEpochs(id, epochs);
      this.ownership.touch(id);
    });
  }

  saveDiagnostics(id: string, diagnostics: TrainingDiagnostics): void {
    this.artefacts.saveDiagnostics(id, diagnostics);
  }

  getDiagnostics(id: string): TrainingDiagnostics[] {
    return this.artefacts.getDiagnostics(id);
  }

  /** Up to `limit` diagnostics snapshots from epoch `from` on; `next` is where the next page starts, if any. */
  pageDiagnostics(id: string, from: number, limit: number): { diagnostics: TrainingDiagnostics[]; next?: number } {
    this.runs.getSummary(id);
    return this.artefacts.pageDiagnostics(id, from, limit);
  }

  /** Stores the frame every snapshot of the run is read against (the rows, the plane; see snapshots.ts). */
  saveSnapshotFrame(id: string, frame: SnapshotFrame): void {
    const packed = packTensors(frame);
    this.write(`the snapshot frame of run ${id}`, () => this.artefacts.writeSnapshotFrame(id, packed));
  }

  saveSnapshot(id: string, snapshot: RunSnapshot): void {
    const packed = packTensors(snapshot);
    this.write(`the snapshot of epoch ${snapshot.epoch}`, () => this.artefacts.writeSnapshot(id, snapshot.epoch, packed));
  }

  /** The run's snapshot frame; undefined for runs without snapshots. `not_found` if there is no such run. */
  getSnapshotFrame(id: string): SnapshotFrame | undefined {
    this.runs.getSummary(id);
    return this.artefacts.getSnapshotFrame(id);
  }

  /** Up to `limit` snapshots from epoch `from` on; `next` is where the next page starts, if any. */
  pageSnapshots(id: string, from: number, limit: number): { snapshots: RunSnapshot[]; next?: number } {
    this.runs.getSummary(id);
    return this.artefacts.pageSnapshots(id, from, limit);
  }

  /** The run's frame and snapshots as stored, for a bundle. */
  snapshotRows(id: string): { frame?: PackedTensors; snapshots: (PackedTensors & { epoch: number })[] } {
    const frame = this.artefacts.snapshotFrameRow(id);
    return { ...(frame ? { frame } : {}), snapshots: this.artefacts.snapshotRows(id, 1, Number.MAX_SAFE_INTEGER).rows };
  }

  /** Bytes the run's snapshots take in the database. */
  snapshotBytes(id: string): number {
    return this.artefacts.snapshotBytes(id);
  }

  /** Up to `limit` epochs from epoch `from` on; `next` is where the next page starts, if any. */
  pageMetrics(id: string, from: number, limit: number): { metrics: EpochMetrics[]; next?: number } {
    this.runs.getSummary(id);
    return this.artefacts.pageMetrics(id, from, limit);
  }

  /**
   * Stores a run's ending with its weights, best weights and confusion matrix in one transaction. When the
   * disk is full the ending is stored without them (the status and the reason matter more than the weights).
   */
  finishRun(id: string, ending: RunEnding): RunSummary {
    const store = (withData: boolean, error: string | undefined): void => {
      if (withData && ending.weights) this.artefacts.saveWeights(id, ending.weights.kind, ending.weights.epoch, ending.weights.model);
      if (withData && ending.bestWeights) this.artefacts.saveWeights(id, 'best', ending.bestWeights.epoch, ending.bestWeights.model);
      if (withData && ending.resume) this.artefacts.saveResume(id, ending.resume);
      if (withData && ending.confusion) this.artefacts.writeConfusion(id, ending.confusion);
      this.runs.writeEnding(id, ending.status, ending.finishedAt, error, ending.kernels, ending.threads, withData ? ending.test : undefined);
    };
    /** Undefined once stored; the disk's refusal otherwise (any other error is thrown). */
    const attempt = (withData: boolean, error: string | undefined): unknown => {
      try {
        this.db.transaction(() => store(withData, error))();
        return undefined;
      } catch (failure) {
        if (!isDiskFailure(failure)) throw writeError(this.path, `the end of run ${id}`, failure);
        return failure;
      }
    };
    const withoutData = (full: unknown): string | undefined =>
      ending.status === 'failed' ? ending.error : [ending.error, writeError(this.path, 'the weights', full).message].filter(Boolean).join(' ');
    let full = attempt(true, ending.error);
    if (full === undefined) return this.runs.getSummary(id);
    if (attempt(false, withoutData(full)) === undefined) return this.runs.getSummary(id);
    // A checkpoint lets the next write reuse the WAL's room from its start instead of growing the file; the
    // reserve gives the disk the room the ending needs.
    this.checkpoint();
    const released = this.reserve?.release() ?? false;
    full = attempt(true, ending.error);
    if (full !== undefined) full = attempt(false, withoutData(full));
    if (released) this.reserve?.fill();
    if (full !== undefined) throw writeError(this.path, `the end of run ${id}`, full);
    return this.runs.getSummary(id);
  }

  /** Copies the WAL into the main file where it can (errors ignored: it is only a chance to free room). */
  private checkpoint(): void {
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // The disk cannot take the main file's growth either.
    }
  }

  saveWeights(id: string, kind: WeightsKind, epoch: number, model: TrainedModel): void {
    this.artefacts.saveWeights(id, kind, epoch, model);
  }

  /** The run's stored weights as rows (final first), for a bundle. */
  weightsRows(id: string): WeightsRow[] {
    return this.artefacts.weightsRows(id);
  }

  /** Replaces the run's resume state (see `RunEnding.resume`). */
  saveResume(id: string, resume: ResumeState): void {
    this.artefacts.saveResume(id, resume);
  }

  /** The run's resume row as stored, for a bundle; undefined for runs that left none. */
  resumeRow(id: string): ResumeRow | undefined {
    return this.artefacts.resumeRow(id);
  }

  /** The optimizer and generator state a run ended with; undefined for runs that left none (failed, diverged, older). */
  getResume(id: string): ResumeState | undefined {
    return this.artefacts.getResume(id);
  }

  /** The transform fitted on the run's training rows; undefined for bundled data (used as generated). */
  getPreprocessor(id: string): PreprocessorState | undefined {
    return this.runs.getPreprocessor(id);
  }

  getWeights(id: string, kind: WeightsKind = 'final'): (TrainedModel & { epoch: number }) | undefined {
    return this.artefacts.getWeights(id, kind);
  }

  /** Every run, newest first. */
  listRuns(): RunSummary[] {
    return this.runs.listRuns();
  }

  /** Runs matching every filter, newest first (SQL over indexed columns). */
  searchRuns(search: RunSearch): RunSummary[] {
    return this.runs.searchRuns(search);
  }

  findRun(id: string): RunSummary | undefined {
    return this.runs.findRun(id);
  }

  /** The run with its config, every epoch and every diagnostics snapshot; `not_found` if there is no such run. */
  getRun(id: string): FullRun & { datasetId: string } {
    const detail: FullRun & { datasetId: string } = { ...this.runs.getRunDetail(id), metrics: this.artefacts.pageMetrics(id, 1, Number.MAX_SAFE_INTEGER).metrics };
    const diagnostics = this.artefacts.getDiagnostics(id);
    if (diagnostics.length) detail.diagnostics = diagnostics;
    return detail;
  }

  /** The run's summary and config (what `runs.get` answers); `not_found` if there is no such run. */
  getRunDetail(id: string): RunDetail & { datasetId: string } {
    return this.runs.getRunDetail(id);
  }

  /** Deletes a run with its epochs, weights, diagnostics, snapshots and tags (its children keep living, parentless). */
  deleteRun(id: string): void {
    const run = this.runs.getSummary(id);
    if (liveStatuses.includes(run.status) && this.ownership.ownedByLiveProcess(id)) {
      throw new ApiError({ code: 'conflict', field: 'id', message: `Run "${run.name}" is ${run.status}; stop it before deleting it.` });
    }
    this.runs.deleteRun(id, run.name);
  }

  /** Replaces the run's tags (trimmed, duplicates dropped). */
  setTags(id: string, tags: readonly string[]): RunSummary {
    return this.runs.setTags(id, tags);
  }

  setNotes(id: string, notes: string): RunSummary {
    return this.runs.setNotes(id, notes);
  }

  createSweep(sweep: StoredSweep): void {
    this.sweeps.createSweep(sweep);
  }

  /** Holds a sweep's queued runs back ("Pause the rest") or lets them go; false when there is no such sweep. */
  setSweepHeld(id: string, held: boolean): boolean {
    return this.sweeps.setSweepHeld(id, held);
  }

  /** Every sweep, newest first, with its runs' ids and statuses. */
  listSweeps(): (StoredSweep & { runs: { id: string; status: RunStatus }[] })[] {
    return this.sweeps.listSweeps();
  }

  /** A consistent copy of the whole database at `destination` (see backupDatabase: never over the database, never creating folders). */
  backup(destination: string, options: BackupOptions = {}): Promise<{ path: string; bytes: number }> {
    return backupDatabase(this.db, this.path, destination, options);
  }

  /** Refreshes the heartbeat of every live run this store owns (see run-owner.ts). */
  heartbeat(): void {
    if (!this.db.open) return;
    try {
      // Not waiting for another program's lock: the event loop keeps serving, and the next beat comes soon.
      this.waitingAtMost(0, () => this.ownership.beat());
    } catch {
      // A busy or full database: the next beat tries again; a missed beat only matters after staleAfterMs.
    }
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  /** The database file worker threads may open for themselves; undefined for an in-memory or read-only one. */
  get workerDatabasePath(): string | undefined {
    return this.db.memory || this.db.readonly ? undefined : this.db.name;
  }

  /** The connection, for tests that inspect SQLite directly; services go through the store's methods. */
  get connection(): Database.Database {
    return this.db;
  }

  close(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.ownership.release();
    if (this.db.open) this.db.close();
    this.reserve?.release();
  }

  /**
   * Marks live runs whose owner has died since (a CLI killed with SIGKILL) `interrupted`, as opening does;
   * returns them as they now read. Runs this store owns are alive while it is open.
   */
  interruptDeadRuns(waitMs?: number): RunSummary[] {
    if (this.options.readonly || !this.db.open) return [];
    return this.waitingAtMost(waitMs, () => this.ownership.markDeadRunsInterrupted()).map((id) => this.runs.getSummary(id));
  }
}

/** Opens the run database; see `LabStore.open`. */
export function openStore(path: string, options?: OpenStoreOptions): LabStore {
  return LabStore.open(path, options);
}
