import { copyFileSync, existsSync, renameSync, unlinkSync } from 'node:fs';
import type { AppNotice } from '../../src-core/contract/app-api';
import { examineDatabaseFile } from './database-marker';

/** `lab.db.corrupt-2026-11-21T09-30-00-000Z`: a name beside the file that sorts by time and is never reused. */
function setAsideName(path: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let name = `${path}.corrupt-${stamp}`;
  for (let n = 2; existsSync(name); n++) name = `${path}.corrupt-${stamp}-${n}`;
  return name;
}

/**
 * Sets a database SQLite cannot read aside: the file and its -wal and -shm are renamed exactly as found (the
 * caller has opened no connection that could write them; a closing one would checkpoint the log into the file).
 * When there was a log, the file alone may be whole (a -wal left over from another copy of it is the usual
 * culprit): a copy of it alone is tried, and kept as the database when SQLite reads it. Else the path is left
 * free for a new, empty database. The notice says which, and where the files went.
 */
export function setAsideDatabase(path: string, reason: string, nativeBinding?: string): AppNotice {
  const aside = setAsideName(path);
  const hadLog = existsSync(`${path}-wal`);
  renameSync(path, aside);
  for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
  if (hadLog) {
    copyFileSync(aside, path);
    if (examineDatabaseFile(path, nativeBinding).kind === 'ours') {
      return {
        kind: 'database-set-aside',
        file: aside,
        message:
          `The run database ${path} could not be read with its write-ahead log (${reason}). The files were kept as ${aside} ` +
          `(with ${aside}-wal), and the database was opened without the log: what was written since its last checkpoint is not in it.`,
      };
    }
    unlinkSync(path);
  }
  return {
    kind: 'database-set-aside',
    file: aside,
    message: `The run database ${path} could not be read (${reason}). It was kept as ${aside} and a new, empty database was started.`,
  };
}
