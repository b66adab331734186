import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ApiError } from '../../src-core/contract/api-error';
import type { AppNotice } from '../../src-core/contract/app-api';
import { migrate, schemaVersion } from './migrations';
import { isCorrupt, isReadOnly, readOnlyError } from './store-errors';

export interface OpenDatabaseOptions {
  nativeBinding?: string;
  /** Open for reading only (nothing is migrated or marked). */
  readonly?: boolean;
  /** Cap the file at this many pages (a quota; tests use it to stand in for a full disk). */
  maxPageCount?: number;
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

function connect(path: string, options: OpenDatabaseOptions): Database.Database {
  const db = new Database(path, {
    timeout: openBusyTimeoutMs,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true, fileMustExist: true } : {}),
  });
  try {
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
    const check = db.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') throw new CorruptDatabase(String(check));
    if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.floor(options.maxPageCount)}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** `lab.db.corrupt-2026-11-21T09-30-00-000Z`: a name beside the file that sorts by time and is never reused. */
function setAsideName(path: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let name = `${path}.corrupt-${stamp}`;
  for (let n = 2; existsSync(name); n++) name = `${path}.corrupt-${stamp}-${n}`;
  return name;
}

/**
 * Opens the run database, migrated to the current schema, in WAL mode with synchronous=FULL. A file SQLite
 * cannot read (not a database, truncated, corrupt) is renamed aside (with its -wal and -shm), never deleted,
 * and a fresh database is started; the notice tells the user where the old file went. A newer schema is refused.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  const fail = (error: unknown): ApiError => {
    if (error instanceof ApiError) return error;
    if (isReadOnly(error)) return readOnlyError(path);
    const reason = error instanceof Error ? error.message : String(error);
    return new ApiError({ code: 'unavailable', message: `Cannot open the run database ${path}: ${reason}`, file: path });
  };
  if (!options.readonly) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw fail(error);
    }
  }
  let db: Database.Database;
  let notice: AppNotice | undefined;
  let readonly = options.readonly ?? false;
  try {
    db = connect(path, options);
  } catch (error) {
    if (isReadOnly(error) && !readonly && existsSync(path)) {
      // The file (or its folder) cannot be written: show what it holds, and say why nothing can be recorded.
      try {
        db = connect(path, { ...options, readonly: true });
        readonly = true;
        notice = { kind: 'database-read-only', file: path, message: readOnlyError(path).message };
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
    const aside = setAsideName(path);
    try {
      renameSync(path, aside);
      for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
      db = connect(path, options);
    } catch (second) {
      throw fail(second);
    }
    const reason = error instanceof Error ? error.message : String(error);
    notice = {
      kind: 'database-set-aside',
      file: aside,
      message: `The run database ${path} could not be read (${reason}). It was kept as ${aside} and a new, empty database was started.`,
    };
  }
  try {
    // Read-only, an older schema is refused too: its tables lack columns this version selects.
    if (options.readonly) checkSchema(db, path);
    else migrate(db, path);
  } catch (error) {
    db.close();
    throw fail(error);
  }
  return notice ? { db, readonly, notice } : { db, readonly };
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
