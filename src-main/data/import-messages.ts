import type { ApiErrorData } from '../../src-core/contract/api-error';
import type { ColumnOverrides } from '../../src-core/contract/datasets';
import type { ParsedTable } from '../../src-core/data/csv/csv-table';
import type { ImportedTable, StoredPlan } from '../store/dataset-store';

/**
 * What the main thread and an import worker say to each other. Types only: both sides import this.
 * The worker reads the file, hashes it, parses it straight into typed arrays, types the columns and
 * runs the doctor; the columns come back moved (transferred), not copied.
 */
export interface ImportJob {
  kind: 'import';
  /** The file to read (absolute). */
  path: string;
  /** The name shown in messages and stored with the dataset. */
  fileName: string;
  /** Int32Array(1) on a SharedArrayBuffer: main sets it to 1 to cancel. The worker polls it while parsing. */
  cancel: SharedArrayBuffer;
  /**
   * The (WAL) database file: the worker stores the dataset itself over a connection of its own, in one
   * transaction, so the main thread never blocks on the 100+ MB write. Absent: the table comes back to main.
   */
  databasePath?: string;
  /** better-sqlite3's addon for this runtime, for that connection (Electron's ABI in the app; Node's when absent). */
  nativeBinding?: string;
}

/** A dataset's table in the database file, and the better-sqlite3 addon to open it with (see `ImportJob`). */
export interface StoredTable {
  databasePath: string;
  datasetId: string;
  nativeBinding?: string;
}

/** Types a stored table again with the user's overrides, and runs the doctor on the result. */
export interface PlanJob {
  kind: 'plan';
  /** Its numeric columns' buffers are transferred to the worker; or, with `stored`, the worker reads the table itself. */
  table?: ParsedTable;
  /** The dataset's table in the database file, read by the worker over a read-only connection of its own. */
  stored?: StoredTable;
  overrides: ColumnOverrides;
}

export type ImportWorkerMessage =
  | { type: 'progress'; fraction: number; rows: number }
  /** The file's SHA-256, before parsing: main stops the worker when these bytes are stored already. */
  | { type: 'hashed'; hash: string; fileSize: number }
  | { type: 'done'; imported: ImportedTable }
  /** The worker stored the dataset itself (`reused`: these bytes were stored already). */
  | { type: 'stored'; datasetId: string; reused: boolean }
  /** Parsing is over: the worker types the columns, runs the doctor, then stores the rows. */
  | { type: 'phase'; phase: 'typing' | 'doctor' | 'storing' }
  | { type: 'planned'; stored: Required<StoredPlan> }
  | { type: 'failed'; error: ApiErrorData };
