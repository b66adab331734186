import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ApiError } from '../../src-core/contract/api-error';
import { isCorrupt } from './store-errors';

/** `PRAGMA application_id` of every NN Lab database: "NNLB" in ASCII. Never change it. */
export const nnLabApplicationId = 0x4e4e4c42;

/** The tables the first schema made: a database without the marker that has them was written by NN Lab before it. */
const firstSchemaTables = ['runs', 'epoch_metrics', 'run_weights'];

/**
 * What a database file is, found over a read-only connection before anything could write to it:
 * - `new`: no file, an empty file, or an SQLite file with nothing in it (NN Lab may make it its own);
 * - `ours`: NN Lab's marker, or (written before the marker existed) a schema version with NN Lab's tables;
 * - `foreign`: another program's database, never to be written (`error` says so);
 * - `damaged`: SQLite cannot read it as it is (with its -wal); `reason` is SQLite's;
 * - `unknown`: it could not be opened at all (permissions...): the caller's own open reports why.
 */
export type DatabaseFileKind =
  | { kind: 'new' | 'ours' | 'unknown' }
  | { kind: 'foreign'; error: ApiError }
  | { kind: 'damaged'; reason: string };

export function examineDatabaseFile(path: string, nativeBinding?: string): DatabaseFileKind {
  try {
    if (statSync(path).size === 0) return { kind: 'new' };
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? { kind: 'new' } : { kind: 'unknown' };
  }
  // SQLite reads a file shorter than its header as an empty database, and would write over it.
  const header = readHeader(path);
  if (header !== undefined && !header.equals(sqliteHeader)) return { kind: 'damaged', reason: 'file is not a database' };
  let db: Database.Database;
  try {
    // Read-only: SQLite cannot change the file (nor checkpoint a -wal into it, even on close).
    db = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch {
    return { kind: 'unknown' };
  }
  try {
    const check = db.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') return { kind: 'damaged', reason: String(check) };
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    if (applicationId === nnLabApplicationId) return { kind: 'ours' };
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as Array<{ name: string }>).map((t) => t.name);
    const objects = (db.prepare(`SELECT COUNT(*) AS n FROM sqlite_master`).get() as { n: number }).n;
    if (applicationId === 0 && version === 0 && objects === 0) return { kind: 'new' };
    if (applicationId === 0 && version > 0 && firstSchemaTables.every((t) => tables.includes(t))) return { kind: 'ours' };
    return { kind: 'foreign', error: foreignDatabaseError(path, tables) };
  } catch (error) {
    if (isCorrupt(error)) return { kind: 'damaged', reason: error instanceof Error ? error.message : String(error) };
    return { kind: 'unknown' };
  } finally {
    db.close();
  }
}

/** The first 16 bytes of every SQLite 3 database. */
const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');

/** The file's first 16 bytes (fewer when it is shorter), or undefined when it cannot be read. */
function readHeader(path: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(sqliteHeader.length);
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function foreignDatabaseError(path: string, tables: readonly string[]): ApiError {
  const shown = tables.length > 5 ? `${tables.slice(0, 5).join(', ')}, …` : tables.join(', ');
  return new ApiError({
    code: 'bad_input',
    file: path,
    message:
      `the file is an SQLite database of another program${tables.length ? ` (tables: ${shown})` : ''}, not an NN Lab run database. ` +
      'NN Lab left it unchanged; pass a new file or an NN Lab database.',
  });
}

/** Puts NN Lab's marker in a database it has just created or migrated (a database from before the marker gets it here). */
export function markDatabase(db: Database.Database): void {
  if (db.pragma('application_id', { simple: true }) !== nnLabApplicationId) db.pragma(`application_id = ${nnLabApplicationId}`);
}
