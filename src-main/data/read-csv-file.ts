import { basename, isAbsolute, relative, resolve } from 'node:path';
import type { ParseCsvOptions, ParsedTable } from '../../src-core/data/csv/csv-table';
import { parseCsv } from '../../src-core/data/csv/parse-csv';
import { readCsvBytes } from './read-csv-bytes';

/** A path as the user should see it: relative to the working folder when inside it, else absolute. */
export function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * Reads a CSV file from disk into a ParsedTable: the bytes go straight to the pure parser (no
 * decoding to one big string). A missing or unreadable file is an ApiError naming it.
 */
export async function readCsvFile(path: string, options: Omit<ParseCsvOptions, 'fileName'> & { cwd?: string } = {}): Promise<ParsedTable> {
  const { cwd, ...parseOptions } = options;
  const full = resolve(cwd ?? process.cwd(), path);
  const fileName = cwd ? shownPath(full, cwd) : basename(full);
  const bytes = readCsvBytes(full, fileName);
  return parseCsv(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { ...parseOptions, fileName });
}
