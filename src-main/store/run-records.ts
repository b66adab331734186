import type Database from 'better-sqlite3';
import { ApiError } from '../../src-core/contract/api-error';
import type { ModelSpec } from '../../src-core/contract/model-spec';
import type { DataSetup, TaskKind, TrainConfig } from '../../src-core/contract/run-config';
import type { RunSearch } from '../../src-core/contract/runs-api';
import type { InputColumnStats, RunDetail, RunStatus, RunSummary } from '../../src-core/contract/training';
import type { PreprocessorState } from '../../src-core/data/preprocess/preprocessor-state';
import type { RunArtefacts } from './run-artefacts';
import { ownerAlive } from './run-owner';
import { interruptedReason, liveStatuses } from './run-ownership';
import { selectRunSummaries, toRunSummary, type RunConfigJson, type RunRow, type StoredTestScore } from './run-rows';
import { runSearchSql } from './run-search';
import type { StoreWrite } from './store-errors';
import { parseStoredRunConfig } from './stored-run-config';

export interface NewRun {
  id: string;
  name: string;
  datasetId: string;
  datasetName: string;
  task: TaskKind;
  spec: ModelSpec;
  train: TrainConfig;
  /** The run's data set-up (split, per-column scaling and imputation), when it had one. */
  data?: DataSetup;
  seed: number;
  createdAt: string;
  parentRunId?: string;
  sweepId?: string;
  datasetHash?: string;
  tags?: string[];
  notes?: string;
  /** The transform fitted on the training rows (imported or CLI data), so the weights can be used on new data. */
  preprocessor?: PreprocessorState;
  /** The statistics of the model's inputs over the training rows, after scaling (tabular data). */
  inputStats?: InputColumnStats[];
}

/** The columns of a run's INSERT that creating and importing set differently (null unless given). */
export interface RunInsertExtra {
  status: RunStatus;
  startedAt?: string | null;
  finishedAt?: string | null;
  error?: string | null;
  /** Why it had paused itself (train.autoPause). */
  pauseReason?: string | null;
  /** JSON StoredTestScore (an imported run's). */
  testScore?: string | null;
  appVersion: string | null;
  durationSeconds?: number | null;
  ownerPid?: number | null;
  ownerToken?: string | null;
  heartbeatAt?: number | null;
}

/** The `runs` table and its tags: a run's row, its status, name, notes and tags, and the summaries read from it. */
export class RunRecords {
  constructor(
    private readonly db: Database.Database,
    private readonly write: StoreWrite,
    private readonly artefacts: RunArtefacts,
    /** Opened read-only (e.g. a full disk): dead owners' runs cannot be marked, only read as interrupted. */
    private readonly readonly: boolean,
  ) {}

  /** The one INSERT of a run: `NewRun`'s fields plus what only creating or importing knows. */
  insertRun(run: Omit<NewRun, 'tags'>, extra: RunInsertExtra): void {
    this.db
      .prepare(
        `INSERT INTO runs (id, name, status, dataset_id, dataset_name, task, config, seed, epochs, created_at, started_at,
           finished_at, error, notes, parent_run_id, sweep_id, dataset_hash, app_version, duration_seconds, owner_pid,
           owner_token, heartbeat_at, preprocessor, pause_reason, input_stats, test_score)
         VALUES (@id, @name, @status, @datasetId, @datasetName, @task, @config, @seed, @epochs, @createdAt, @startedAt,
           @finishedAt, @error, @notes, @parentRunId, @sweepId, @datasetHash, @appVersion, @durationSeconds, @ownerPid,
           @ownerToken, @heartbeatAt, @preprocessor, @pauseReason, @inputStats, @testScore)`,
      )
      .run({
        id: run.id,
        name: run.name,
        datasetId: run.datasetId,
        datasetName: run.datasetName,
        task: run.task,
        config: JSON.stringify({ spec: run.spec, train: run.train, ...(run.data ? { data: run.data } : {}) } satisfies RunConfigJson),
        seed: run.seed,
        epochs: run.train.epochs,
        createdAt: run.createdAt,
        notes: run.notes ?? '',
        parentRunId: run.parentRunId ?? null,
        sweepId: run.sweepId ?? null,
        datasetHash: run.datasetHash ?? null,
        preprocessor: run.preprocessor ? JSON.stringify(run.preprocessor) : null,
        inputStats: run.inputStats ? JSON.stringify(run.inputStats) : null,
        testScore: null,
        startedAt: null,
        finishedAt: null,
        error: null,
        pauseReason: null,
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

  /** Paused (the worker waits between epochs; `reason`: it paused itself) or running again (the reason cleared). */
  setPaused(id: string, paused: boolean, reason?: string): RunSummary {
    this.write('the pause', () => {
      this.db
        .prepare(`UPDATE runs SET status = ?, pause_reason = ? WHERE id = ? AND status IN ('running', 'paused')`)
        .run(paused ? 'paused' : 'running', paused ? (reason ?? null) : null, id);
    });
    return this.getSummary(id);
  }

  /** A run's ending status, with its duration summed from its epochs (and its test score, when it has one). */
  writeEnding(id: string, status: RunStatus, finishedAt: string, error: string | undefined, kernels?: string, threads?: number, test?: StoredTestScore): void {
    this.db
      .prepare(
        `UPDATE runs SET status = ?, finished_at = ?, error = ?, kernels = coalesce(?, kernels), threads = coalesce(?, threads),
           test_score = coalesce(?, test_score), duration_seconds = (SELECT sum(seconds) FROM epoch_metrics WHERE run_id = ?) WHERE id = ?`,
      )
      .run(status, finishedAt, error ?? null, kernels ?? null, threads ?? null, test ? JSON.stringify(test) : null, id, id);
  }

  /** The transform fitted on the run's training rows; undefined for bundled data (used as generated). */
  getPreprocessor(id: string): PreprocessorState | undefined {
    const row = this.db.prepare(`SELECT preprocessor FROM runs WHERE id = ?`).get(id) as { preprocessor: string | null } | undefined;
    return row?.preprocessor ? (JSON.parse(row.preprocessor) as PreprocessorState) : undefined;
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
    return rows.map((row) => this.summaryOf(row));
  }

  /**
   * A row as the user reads it. Opened read-only (a full disk), a live run whose process has died cannot be
   * marked interrupted, but reads so: it is not training.
   */
  private summaryOf(row: RunRow): RunSummary {
    const summary = toRunSummary(row);
    if (!this.readonly || !liveStatuses.includes(row.status) || ownerAlive(row.owner_pid, row.owner_token, row.heartbeat_at)) return summary;
    return { ...summary, status: 'interrupted', error: interruptedReason };
  }

  findRun(id: string): RunSummary | undefined {
    const row = this.db.prepare(`${selectRunSummaries} WHERE r.id = ?`).get(id) as RunRow | undefined;
    return row && this.summaryOf(row);
  }

  getSummary(id: string): RunSummary {
    const summary = this.findRun(id);
    if (!summary) throw notFound(id);
    return summary;
  }

  /** The run's summary and config (what `runs.get` answers); `not_found` if there is no such run. */
  getRunDetail(id: string): RunDetail & { datasetId: string } {
    const row = this.db.prepare(`${selectRunSummaries} WHERE r.id = ?`).get(id) as RunRow | undefined;
    if (!row) throw notFound(id);
    const config = parseStoredRunConfig(id, row.config);
    const weights = this.artefacts.weightsKinds(id);
    const confusion = this.artefacts.getConfusion(id);
    const detail: RunDetail & { datasetId: string } = {
      ...this.summaryOf(row),
      datasetId: row.dataset_id,
      spec: config.spec,
      train: config.train,
      ...(config.data ? { data: config.data } : {}),
      seed: row.seed,
      hasWeights: weights.length > 0,
      weights,
    };
    if (row.dataset_hash !== null) detail.datasetHash = row.dataset_hash;
    if (row.app_version !== null) detail.appVersion = row.app_version;
    if (row.kernels !== null) detail.kernels = row.kernels;
    if (row.threads !== null) detail.threads = row.threads;
    if (confusion) detail.confusion = confusion;
    const test = row.test_score !== null ? (JSON.parse(row.test_score) as StoredTestScore) : undefined;
    if (test?.confusion) detail.testConfusion = test.confusion;
    if (row.input_stats !== null) detail.inputStats = JSON.parse(row.input_stats) as InputColumnStats[];
    return detail;
  }

  /** Deletes a run's row; its epochs, weights, diagnostics and tags go with it (its children keep living, parentless). */
  deleteRun(id: string, name: string): void {
    this.write(`deleting run "${name}"`, () => this.db.prepare(`DELETE FROM runs WHERE id = ?`).run(id));
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

  replaceTags(id: string, tags: readonly string[]): void {
    this.db.prepare(`DELETE FROM run_tags WHERE run_id = ?`).run(id);
    const insert = this.db.prepare(`INSERT OR IGNORE INTO run_tags (run_id, tag) VALUES (?, ?)`);
    for (const tag of tags) if (tag.trim()) insert.run(id, tag.trim());
  }
}

export function notFound(id: string): ApiError {
  return new ApiError({ code: 'not_found', message: `There is no run with id ${JSON.stringify(id)}.`, field: 'id' });
}
