import { readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { ApiError } from '../../src-core/contract/api-error';
import type { ParseCsvOptions, ParsedTable } from '../../src-core/data/csv/csv-table';
import { parseCsv } from '../../src-core/data/csv/parse-csv';

/** Files above this size are refused before reading: Node's Buffer and the typed columns would not fit. */
const MAX_BYTES = 1.5 * 1024 ** 3;

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
  let bytes: Buffer;
  try {
    const info = await stat(full);
    if (info.isDirectory()) throw new ApiError({ code: 'bad_input', message: `${fileName}: is a folder, not a CSV file`, file: fileName });
    if (info.size > MAX_BYTES) {
      throw new ApiError({ code: 'bad_input', message: `${fileName}: ${(info.size / 1024 ** 3).toFixed(1)} GB is more than the 1.5 GB a CSV file may have`, file: fileName });
    }
    bytes = await readFile(full);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ApiError({
      code: code === 'ENOENT' ? 'not_found' : 'bad_input',
      message: code === 'ENOENT' ? `${fileName}: no such file` : `${fileName}: cannot be read (${code ?? (error as Error).message})`,
      file: fileName,
    });
  }
  return parseCsv(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { ...parseOptions, fileName });
}
