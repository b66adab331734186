/**
 * The experiment-runner migration: run ownership (for telling a dead owner from a live one), tags, notes,
 * lineage (parent run, sweep), provenance (dataset hash, app version), timing, every extra metric, per-layer
 * diagnostics and the final confusion matrix. Listed in `migrations` (migrations.ts); never edit once shipped.
 */
export const runsV2Migration = `
  CREATE TABLE sweeps (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    config      TEXT NOT NULL, -- JSON SweepConfig as the user gave it
    created_at  TEXT NOT NULL -- ISO 8601
  );

  ALTER TABLE runs ADD COLUMN notes TEXT NOT NULL DEFAULT '';
  ALTER TABLE runs ADD COLUMN parent_run_id TEXT REFERENCES runs (id) ON DELETE SET NULL;
  ALTER TABLE runs ADD COLUMN sweep_id TEXT REFERENCES sweeps (id) ON DELETE SET NULL;
  ALTER TABLE runs ADD COLUMN dataset_hash TEXT; -- what the run trained on, for comparing across installations
  ALTER TABLE runs ADD COLUMN app_version TEXT;
  ALTER TABLE runs ADD COLUMN duration_seconds REAL; -- sum of the stored epochs' seconds, set at the end
  ALTER TABLE runs ADD COLUMN owner_pid INTEGER; -- the process training it (queued, running, paused)
  ALTER TABLE runs ADD COLUMN owner_token TEXT; -- see run-owner.ts: tells that process from a later one with its pid
  ALTER TABLE runs ADD COLUMN heartbeat_at INTEGER; -- ms since 1970, refreshed by the owner while it lives
  CREATE INDEX runs_by_name ON runs (name COLLATE NOCASE);
  CREATE INDEX runs_by_dataset ON runs (dataset_id);
  CREATE INDEX runs_by_sweep ON runs (sweep_id);
  CREATE INDEX runs_by_parent ON runs (parent_run_id);

  CREATE TABLE run_tags (
    run_id  TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    tag     TEXT NOT NULL,
    PRIMARY KEY (tag, run_id)
  ) WITHOUT ROWID;
  CREATE INDEX run_tags_by_run ON run_tags (run_id);

  -- Metrics beyond the fixed columns, as JSON {name: number}; NULL when there are none.
  ALTER TABLE epoch_metrics ADD COLUMN extra TEXT;

  CREATE TABLE run_diagnostics (
    run_id  TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    epoch   INTEGER NOT NULL,
    data    TEXT NOT NULL, -- JSON TrainingDiagnostics: per layer weight/grad norms, weight histogram
    PRIMARY KEY (run_id, epoch)
  ) WITHOUT ROWID;

  CREATE TABLE run_confusion (
    run_id  TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
    split   TEXT NOT NULL CHECK (split IN ('train', 'validation')),
    classes INTEGER NOT NULL,
    matrix  TEXT NOT NULL -- JSON number[][]: matrix[actual][predicted], counts
  );
`;
