import { randomBytes } from 'node:crypto';
import { constants, copyFileSync, linkSync, realpathSync, renameSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { ApiError } from '../../src-core/contract/api-error';

export interface BackupOptions {
  /**
   * Replace an existing file. Only for a target the person confirmed in the native save dialog (which asks
   * before overwriting); the API and the CLI without --force never overwrite.
   */
  overwrite?: boolean;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Where a backup to `destination` may go, or an ApiError: its folder must exist (none is created); it must not be
 * the database or its -wal/-shm/-journal, however the path is spelt (`…//lab.db`, `…/./lab.db`, `…/x/../lab.db`, a
 * link: real paths, and device+inode where the file exists); an existing file only with `overwrite`.
 */
function checkDestination(databasePath: string, destination: string, options: BackupOptions): string {
  const refuse = (message: string): ApiError => new ApiError({ code: 'bad_input', field: 'path', file: destination, message: `The backup to ${destination}: ${message}` });
  let folder: string;
  try {
    folder = realpathSync(dirname(destination));
  } catch {
    throw refuse('its folder does not exist (NN Lab does not create folders for a backup).');
  }
  if (!statSync(folder).isDirectory()) throw refuse('its folder is not a folder.');
  const target = join(folder, basename(destination));
  const database = realpathSync(databasePath);
  const existing = statOrUndefined(target);
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    const own = statOrUndefined(database + suffix);
    const same = target === database + suffix || (existing !== undefined && own !== undefined && existing.dev === own.dev && existing.ino === own.ino);
    if (same) throw refuse(`that is the run database${suffix ? `'s ${suffix} file` : ''} itself; choose another file.`);
  }
  if (existing?.isDirectory()) throw refuse('that is a folder; choose a file name.');
  if (existing && !options.overwrite) throw refuse('the file exists already; NN Lab never overwrites a file with a backup: choose a new name.');
  return target;
}

/**
 * A consistent copy of the whole database (SQLite's online backup API) at `destination`, whole or not at all: it is
 * written to a temporary file beside the target, then linked to the target's name (which fails if a file appeared
 * there meanwhile) or, when overwriting was confirmed, renamed over it.
 */
export async function backupDatabase(db: Database.Database, databasePath: string, destination: string, options: BackupOptions = {}): Promise<{ path: string; bytes: number }> {
  const target = checkDestination(databasePath, destination, options);
  const temporary = join(dirname(target), `.${basename(target)}.nn-lab-backup-${randomBytes(6).toString('hex')}`);
  try {
    await db.backup(temporary);
    if (options.overwrite) renameSync(temporary, target);
    else {
      try {
        linkSync(temporary, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error;
        copyFileSync(temporary, target, constants.COPYFILE_EXCL); // a file system without hard links
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new ApiError({ code: 'conflict', field: 'path', file: destination, message: `The backup to ${destination}: a file appeared there meanwhile; it was left as it is.` });
    }
    throw new ApiError({ code: 'unavailable', file: destination, message: `The backup to ${destination} failed: ${error instanceof Error ? error.message : String(error)}` });
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // renamed, or never written
    }
  }
  return { path: target, bytes: statSync(target).size };
}
