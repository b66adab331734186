/**
 * Migration 4: what continuing a run needs besides its weights, and what using its weights on new data needs.
 * `run_resume` holds the optimizer's state and the generator's state at the run's end (completed or stopped),
 * so `runs.continue` trains on bit-identically; `runs.preprocessor` the transform fitted on the training rows.
 * Listed in `migrations` (migrations.ts); never edit once shipped.
 */
export const runResumeMigration = `
  ALTER TABLE runs ADD COLUMN preprocessor TEXT; -- JSON PreprocessorState; NULL for bundled (unprocessed) data

  CREATE TABLE run_resume (
    run_id      TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
    epoch       INTEGER NOT NULL, -- epochs done when the state was taken
    optimizer   TEXT NOT NULL, -- JSON { type, steps, epochs, schedule, layout: [{ key: param, buffer, shape }] }
    moments     BLOB NOT NULL, -- every optimizer buffer, float32 little-endian, in layout order
    generator   INTEGER NOT NULL, -- the session generator's uint32 state
    row_order   BLOB NOT NULL -- int32 little-endian (train rows): the shuffled order the next epoch reshuffles
  );
`;
