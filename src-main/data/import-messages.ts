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
}

/** Types a stored table again with the user's overrides, and runs the doctor on the result. */
export interface PlanJob {
  kind: 'plan';
  /** Its numeric columns' buffers are transferred to the worker. */
  table: ParsedTable;
  overrides: ColumnOverrides;
}

export type ImportWorkerMessage =
  | { type: 'progress'; fraction: number; rows: number }
  /** The file's SHA-256, before parsing: main stops the worker when these bytes are stored already. */
  | { type: 'hashed'; hash: string; fileSize: number }
  | { type: 'done'; imported: ImportedTable }
  | { type: 'planned'; stored: Required<StoredPlan> }
  | { type: 'failed'; error: ApiErrorData };
