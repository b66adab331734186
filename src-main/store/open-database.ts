import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ApiError } from '../../src-core/contract/api-error';
import type { AppNotice } from '../../src-core/contract/app-api';
import { examineDatabaseFile, markDatabase } from './database-marker';
import { migrate, schemaVersion } from './migrations';
import { setAsideDatabase } from './set-aside-database';
import { diskRefusal, isCorrupt, isDiskFailure, isReadOnly, readOnlyError } from './store-errors';

export interface OpenDatabaseOptions {
  nativeBinding?: string;
  /** Open for reading only (nothing is migrated or marked). */
  readonly?: boolean;
  /** Cap the file at this many pages (a quota; tests use it to stand in for a full disk). */
  maxPageCount?: number;
  /**
   * With `readonly`: keep the WAL index in this process's memory (SQLite's exclusive locking mode) rather than in
   * `-shm`, which a full disk may not let SQLite create or grow. The file is opened for writing (exclusive locks
   * need it) but nothing is written; other connections wait until this one closes. Only to view a database on a
   * disk that cannot take a write.
   */
  privateIndex?: boolean;
}

/** How long opening waits for another program's write lock (the header check below writes). */
export const openBusyTimeoutMs = 30_000;

export interface OpenedDatabase {
  db: Database.Database;
  /** Opened for reading only: asked for, or the file cannot be written (the notice says so). */
  readonly: boolean;
  /** Set when a corrupt file was set aside and a fresh database started in its place. */
  notice?: AppNotice;
}

/** Thrown inside `connect` when the file opens but fails SQLite's own check. */
class CorruptDatabase extends Error {
  readonly code = 'SQLITE_CORRUPT';
}

/** `checked`: examineDatabaseFile has just run quick_check on the file (on a large file it takes seconds). */
function connect(path: string, options: OpenDatabaseOptions, checked = false): Database.Database {
  const db = new Database(path, {
    timeout: openBusyTimeoutMs,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: !options.privateIndex, fileMustExist: true } : {}),
  });
  try {
    if (options.privateIndex) db.pragma('locking_mode = EXCLUSIVE'); // before the first read: no -shm at all
    if (!options.readonly) {
      // SQLite silently opens a file it cannot write read-only: find out now (a header write, rolled back)
      // rather than at the first epoch.
      db.exec('BEGIN IMMEDIATE');
      try {
        db.pragma(`user_version = ${Number(db.pragma('user_version', { simple: true }))}`);
      } finally {
        db.exec('ROLLBACK');
      }
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL'); // a commit is on disk when it returns, power loss included
      db.pragma('foreign_keys = ON');
    }
    db.pragma(`busy_timeout = ${openBusyTimeoutMs}`);
    // quick_check reads every page's structure (not index contents): a truncated or overwritten file fails here.
    const check = checked ? 'ok' : db.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') throw new CorruptDatabase(String(check));
    if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.floor(options.maxPageCount)}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens the run database, migrated to the current schema, in WAL mode with synchronous=FULL. The file is first
 * examined read-only: another program's database is refused and left byte for byte as it was; a file SQLite
 * cannot read (not a database, truncated, corrupt, or a -wal that does not fit it) is renamed aside (with its -wal
 * and -shm, as found), never deleted, and the file alone or a fresh database is started; the notice tells the
 * user where the old file went. A newer schema is refused. NN Lab's marker (application_id) is set on every
 * database it writes.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  const fail = (error: unknown): ApiError => {
    if (error instanceof ApiError) return error;
    if (isReadOnly(error)) return readOnlyError(path);
    const reason = error instanceof Error ? error.message : String(error);
    return new ApiError({ code: 'unavailable', message: `Cannot open the run database ${path}: ${reason}`, file: path });
  };
  const found = examineDatabaseFile(path, options.nativeBinding);
  if (found.kind === 'foreign') throw found.error;
  let notice: AppNotice | undefined;
  if (found.kind === 'damaged') {
    if (options.readonly) throw fail(new Error(found.reason));
    try {
      notice = setAsideDatabase(path, found.reason, options.nativeBinding);
    } catch (error) {
      throw fail(error);
    }
  }
  if (!options.readonly) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw fail(error);
    }
  }
  let db: Database.Database;
  let readonly = options.readonly ?? false;
  try {
    db = connect(path, options, found.kind !== 'unknown');
  } catch (error) {
    if ((isReadOnly(error) || isDiskFailure(error)) && !readonly && existsSync(path)) {
      // The file (or its folder, or its disk) cannot be written: show what it holds, and say why nothing can be recorded.
      try {
        db = connect(path, { ...options, readonly: true, privateIndex: isDiskFailure(error) });
        readonly = true;
        notice = readOnlyNotice(path, error);
      } catch {
        throw fail(error);
      }
      try {
        checkSchema(db, path);
      } catch (schemaError) {
        db.close();
        throw fail(schemaError);
      }
      return { db, readonly, notice };
    }
    if (!isCorrupt(error) && !(error instanceof CorruptDatabase)) throw fail(error);
    if (options.readonly) throw fail(error);
    try {
      notice = setAsideDatabase(path, error instanceof Error ? error.message : String(error), options.nativeBinding);
      db = connect(path, options);
    } catch (second) {
      throw fail(second);
    }
  }
  try {
    // Read-only, an older schema is refused too: its tables lack columns this version selects.
    if (options.readonly) checkSchema(db, path);
    else {
      migrate(db, path);
      markDatabase(db);
    }
  } catch (error) {
    db.close();
    throw fail(error);
  }
  return notice ? { db, readonly, notice } : { db, readonly };
}

/** Why a database that exists opened for reading only: its file cannot be written, or its disk is full. */
export function readOnlyNotice(path: string, error: unknown): AppNotice {
  if (!isDiskFailure(error)) return { kind: 'database-read-only', file: path, message: readOnlyError(path).message };
  return {
    kind: 'database-read-only',
    file: path,
    message: `${diskRefusal(error)}: the run database ${path} is open for viewing only; nothing can be recorded in it until there is room again.`,
  };
}

function checkSchema(db: Database.Database, path: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current !== schemaVersion) {
    throw new ApiError({
      code: 'unavailable',
      file: path,
      message: `The run database ${path} has schema ${current} and this version of NN Lab reads schema ${schemaVersion}; it cannot be upgraded while opened read-only.`,
    });
  }
}
