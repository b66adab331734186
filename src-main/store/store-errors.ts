import { ApiError } from '../../src-core/contract/api-error';

/** SQLite's result codes that a user can act on, as better-sqlite3 reports them (`SqliteError.code`). */
function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isDiskFull(error: unknown): boolean {
  return sqliteCode(error) === 'SQLITE_FULL';
}

/**
 * The disk refused a write: full (SQLITE_FULL, which SQLite reports for ENOSPC), or failing it outright
 * (SQLITE_IOERR_*: EFBIG past a file-size limit, EIO, a failed fsync). Unlike a lock, waiting does not clear it.
 */
export function isDiskFailure(error: unknown): boolean {
  if (error instanceof DiskFailure) return true;
  const code = sqliteCode(error);
  return code === 'SQLITE_FULL' || code === 'SQLITE_IOERR' || (code?.startsWith('SQLITE_IOERR_') ?? false);
}

/** What the disk said, as a sentence's start: "The disk is full …". */
export function diskRefusal(error: unknown): string {
  if (isDiskFull(error)) return 'The disk is full (or the database reached its size limit)';
  return `The disk refused to write (${error instanceof Error ? error.message : String(error)})`;
}

/** A write the disk refused (see `isDiskFailure`), as the user reads it. */
export class DiskFailure extends ApiError {}

export function isReadOnly(error: unknown): boolean {
  return sqliteCode(error)?.startsWith('SQLITE_READONLY') ?? false;
}

/**
 * Another connection (another program, the CLI, a backup tool) holds the write lock longer than this one waits:
 * SQLite's SQLITE_BUSY, or the store's own error for it. The lock may clear; retry rather than give up.
 */
export function isBusy(error: unknown): boolean {
  return error instanceof DatabaseBusy || (sqliteCode(error)?.startsWith('SQLITE_BUSY') ?? false);
}

/** A write refused because another connection holds the lock (see `isBusy`). */
export class DatabaseBusy extends ApiError {}

export function isCorrupt(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code?.startsWith('SQLITE_CORRUPT_') === true;
}

/**
 * A write that failed, as the user should read it: a full disk or a read-only file says so; anything else keeps
 * SQLite's message. `what` says what was being written ("epoch 12 of run \"moons\"").
 */
export function writeError(path: string, what: string, error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isDiskFailure(error)) {
    return new DiskFailure({
      code: 'unavailable',
      file: path,
      message: `${diskRefusal(error)}: ${what} could not be stored in ${path}. Everything stored before it is kept; free some space and start the run again.`,
    });
  }
  if (isReadOnly(error)) return readOnlyError(path);
  if (isBusy(error)) {
    return new DatabaseBusy({
      code: 'unavailable',
      file: path,
      message: `${what} could not be stored in ${path}: another program is writing to the database (it is locked). Try again once it has finished.`,
    });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new ApiError({ code: 'unavailable', file: path, message: `${what} could not be stored in ${path}: ${reason}` });
}

export function readOnlyError(path: string): ApiError {
  return new ApiError({
    code: 'unavailable',
    file: path,
    message: `The run database ${path} is read-only: NN Lab can show what it holds but cannot record anything in it. Check the file's (and its folder's) permissions, or pass another database file.`,
  });
}

/** Runs a write in one transaction, a failure becoming a clear ApiError naming `what` (see LabStore). */
export type StoreWrite = <T>(what: string, write: () => T) => T;
