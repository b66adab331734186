import type { Database } from 'better-sqlite3';
import { ApiError } from '../../src-core/contract/api-error';
import { runResumeMigration } from './run-resume-migration';
import { runsV2Migration } from './runs-v2-migration';

/**
 * The schema's history: migration i takes `PRAGMA user_version` from i to i + 1. Append only; never edit a
 * migration that has shipped. Each one runs in its own transaction with the version bump.
 */
export const migrations: readonly string[] = [
  // 1: runs, their per-epoch metrics and their weights.
  `
  CREATE TABLE runs (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN
                   ('queued', 'running', 'paused', 'completed', 'stopped', 'failed', 'diverged', 'interrupted')),
    dataset_id   TEXT NOT NULL,
    dataset_name TEXT NOT NULL,
    task         TEXT NOT NULL,
    config       TEXT NOT NULL, -- JSON { spec: ModelSpec, train: TrainConfig }
    seed         INTEGER NOT NULL,
    epochs       INTEGER NOT NULL, -- planned
    created_at   TEXT NOT NULL, -- ISO 8601
    started_at   TEXT,
    finished_at  TEXT,
    error        TEXT
  );
  CREATE INDEX runs_by_created ON runs (created_at);
  CREATE INDEX runs_by_status ON runs (status);

  CREATE TABLE epoch_metrics (
    run_id       TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    epoch        INTEGER NOT NULL, -- 1-based
    loss         REAL NOT NULL,
    accuracy     REAL,
    val_loss     REAL,
    val_accuracy REAL,
    lr           REAL NOT NULL,
    seconds      REAL NOT NULL,
    PRIMARY KEY (run_id, epoch)
  ) WITHOUT ROWID;

  CREATE TABLE run_weights (
    run_id  TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    kind    TEXT NOT NULL CHECK (kind IN ('final', 'best')),
    epoch   INTEGER NOT NULL, -- the epoch these weights are from (0 = before training)
    spec    TEXT NOT NULL, -- JSON ModelSpec
    layout  TEXT NOT NULL, -- JSON [{ key, shape }] in the order of the tensors in data
    data    BLOB NOT NULL, -- every tensor's values, float32 little-endian, concatenated
    PRIMARY KEY (run_id, kind)
  );
  `,
  // 2: imported datasets, stored once by content hash and never changed; user overrides are derived configs.
  `
  CREATE TABLE datasets (
    id          TEXT PRIMARY KEY, -- 'sha256-' + the first 16 hex digits of hash
    hash        TEXT NOT NULL UNIQUE, -- SHA-256 of the file's bytes, 64 hex digits
    name        TEXT NOT NULL,
    file_name   TEXT NOT NULL, -- as the user chose it (no folder)
    file_size   INTEGER NOT NULL, -- bytes
    encoding    TEXT NOT NULL,
    delimiter   TEXT NOT NULL,
    decimal_comma INTEGER NOT NULL,
    header      INTEGER NOT NULL,
    rows        INTEGER NOT NULL,
    plan        TEXT NOT NULL, -- JSON DatasetPlan: column typing, target and task as inferred
    report      TEXT NOT NULL, -- JSON DatasetReport: the doctor's findings
    created_at  TEXT NOT NULL -- ISO 8601
  );

  CREATE TABLE dataset_columns (
    dataset_id  TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL, -- 0-based column index in the file
    name        TEXT NOT NULL,
    type        TEXT NOT NULL CHECK (type IN ('number', 'text')),
    missing     INTEGER NOT NULL,
    data        BLOB NOT NULL, -- number: float32 or float64 little-endian (rows); text: JSON array of string|null
    precision   TEXT CHECK (precision IN ('float32', 'float64')), -- number columns only
    PRIMARY KEY (dataset_id, position)
  ) WITHOUT ROWID;

  CREATE TABLE dataset_row_lines (
    dataset_id  TEXT PRIMARY KEY REFERENCES datasets (id) ON DELETE CASCADE,
    data        BLOB NOT NULL -- int32 little-endian (rows): the file line where each row starts
  );

  CREATE TABLE dataset_configs (
    id          TEXT PRIMARY KEY,
    dataset_id  TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    overrides   TEXT NOT NULL, -- JSON InferOptions the user chose (kinds, use, target, task, classes)
    plan        TEXT NOT NULL, -- JSON DatasetPlan those overrides give
    created_at  TEXT NOT NULL
  );
  CREATE INDEX dataset_configs_by_dataset ON dataset_configs (dataset_id);
  `,
  // 3: the experiment runner: run owners, tags, notes, lineage, sweeps, extra metrics, diagnostics, confusion matrix.
  runsV2Migration,
  // 4: each run's optimizer and generator state (continue bit-identically) and its fitted preprocessor.
  runResumeMigration,
  // 5: the kernels that trained a run: 'js', 'wasm-simd' or 'wasm-relaxed-simd' (NULL for runs before it).
  `ALTER TABLE runs ADD COLUMN kernels TEXT;`,
  // 6: the first rows of a dataset's numeric columns, row-major, so a preview reads a few KB, not every column blob.
  `
  CREATE TABLE dataset_head_rows (
    dataset_id  TEXT PRIMARY KEY REFERENCES datasets (id) ON DELETE CASCADE,
    rows        INTEGER NOT NULL, -- how many leading rows the blob holds
    positions   TEXT NOT NULL, -- JSON array: the file positions of the numeric columns, in blob order
    data        BLOB NOT NULL -- float64 little-endian, row-major: rows × positions
  ) WITHOUT ROWID;
  `,
  // 7: snapshots of what a run's network computes (docs/FORMATS.md, "Run snapshots"): one frame, one row per epoch.
  `
  CREATE TABLE run_snapshot_frames (
    run_id  TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
    header  TEXT NOT NULL, -- JSON SnapshotFrame, tensors as {"$tensor": {dtype, shape, offset}}
    data    BLOB NOT NULL  -- the tensors' bytes at their offsets
  );
  CREATE TABLE run_snapshots (
    run_id  TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    epoch   INTEGER NOT NULL,
    header  TEXT NOT NULL, -- JSON RunSnapshot, tensors as in run_snapshot_frames
    data    BLOB NOT NULL,
    PRIMARY KEY (run_id, epoch)
  ) WITHOUT ROWID;
  `,
  // 8: why a run paused itself (train.autoPause); cleared when it trains on, kept when it is stopped while paused.
  `ALTER TABLE runs ADD COLUMN pause_reason TEXT;`,
  // 9: the statistics of a run's model inputs (JSON InputColumnStats[], the diagnosis's "unscaled inputs") and the
  // final model's score on the held-out test rows (JSON TestScore with `confusion` for classification).
  `
  ALTER TABLE runs ADD COLUMN input_stats TEXT;
  ALTER TABLE runs ADD COLUMN test_score TEXT;
  `,
  // 10: a sweep's "Pause the rest": its queued runs are held back until Resume.
  `ALTER TABLE sweeps ADD COLUMN held INTEGER NOT NULL DEFAULT 0;`,
  // 11: the threads a run trained on (most of its products; its thread team; NULL for runs before it).
  `ALTER TABLE runs ADD COLUMN threads INTEGER;`,
];

export const schemaVersion = migrations.length;

/**
 * Brings the database up to `schemaVersion`. A database written by a newer app is refused rather than
 * guessed at, so no newer data is damaged.
 */
export function migrate(db: Database, path: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > schemaVersion) {
    throw new ApiError({
      code: 'unavailable',
      message:
        `The run database ${path} was written by a newer version of NN Lab (schema ${current}; ` +
        `this version reads up to schema ${schemaVersion}). Update NN Lab, or pass another database file.`,
      file: path,
    });
  }
  for (let version = current; version < schemaVersion; version++) {
    db.transaction(() => {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
