import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src-main/store/lab-store';
import { smallRun } from '../../support/small-run';
import { useTempDir } from '../../support/temp-dir';

const temp = useTempDir('nn-lab-stray-wal-');
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

function addRuns(path: string, prefix: string, count: number, epochs: number, keepLog = false): string | undefined {
  const store = openStore(path);
  store.connection.pragma('wal_autocheckpoint = 0');
  for (let r = 0; r < count; r++) {
    store.createRun(smallRun(`${prefix}-${r}`));
    for (let e = 1; e <= epochs; e++) store.appendEpoch(`${prefix}-${r}`, { epoch: e, loss: 1 / e, lr: 0.1, seconds: 0.01 });
  }
  let log: string | undefined;
  if (keepLog) {
    log = join(temp.dir, 'old.wal');
    copyFileSync(`${path}-wal`, log);
  }
  store.close();
  return log;
}

describe('a stray -wal beside a healthy database', () => {
  it('sets the files aside exactly as found and keeps the database itself with every run', () => {
    const path = join(temp.dir, 'lab.db');
    addRuns(path, 'first', 2, 50);
    const oldLog = addRuns(path, 'old', 3, 400, true)!;
    const db = new Database(path);
    db.exec(`DELETE FROM runs WHERE id LIKE 'old-%'`);
    db.exec('VACUUM');
    db.close();
    addRuns(path, 'kept', 6, 300);
    expect(existsSync(`${path}-wal`)).toBe(false);
    copyFileSync(oldLog, `${path}-wal`);
    const found = { main: sha(path), wal: sha(`${path}-wal`) };

    const store = openStore(path);
    try {
      const aside = store.notices[0]?.file;
      expect(aside).toBeDefined();
      expect({ main: sha(aside!), wal: sha(`${aside}-wal`) }).toEqual(found);
      expect(store.listRuns().map((r) => r.id).sort()).toEqual([...['first-0', 'first-1'], ...Array.from({ length: 6 }, (_, i) => `kept-${i}`)].sort());
      expect(store.notices[0]!.message).toMatch(/opened without the log/);
    } finally {
      store.close();
    }
  });
});
