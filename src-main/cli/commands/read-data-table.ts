import { resolve } from 'node:path';
import { ApiError } from '../../../src-core/contract/api-error';
import type { ParsedTable } from '../../../src-core/data/csv/csv-table';
import { parseCsv } from '../../../src-core/data/csv/parse-csv';
import { MAX_CSV_BYTES } from '../../data/read-regular-file';
import { displayPath, readUserFile } from './read-input-file';

export interface DataTable {
  table: ParsedTable;
  /** The file as shown in messages. */
  shownAs: string;
  /** The file's bytes (hashed when the run is recorded). */
  bytes: Uint8Array;
}

/**
 * Reads a CSV data file with the app's reader (src-core/data/csv: encodings, delimiters, quoting, missing
 * values, typed columns). Errors name the file, line and column once: the CLI prints `file:line:column:`
 * before the reason, so the reader's own "file: line N, column M:" prefix is dropped from the message.
 */
export function readDataTable(path: string, cwd: string): DataTable {
  const full = resolve(cwd, path);
  const shownAs = displayPath(full, cwd);
  const bytes = readUserFile(full, shownAs, 'data file', MAX_CSV_BYTES);
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    return { table: parseCsv(view, { fileName: shownAs }), shownAs, bytes: view };
  } catch (error) {
    throw withoutPlacePrefix(error);
  }
}

/** The same error with "file: line N, column M: " taken off its message (the CLI prints the place itself). */
export function withoutPlacePrefix(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.file === undefined) return error;
  const prefix = `${error.file}: `;
  if (!error.message.startsWith(prefix)) return error;
  const message = error.message.slice(prefix.length).replace(/^line \d+(, column \d+)?: /, '');
  return new ApiError({ ...error.toData(), message });
}
