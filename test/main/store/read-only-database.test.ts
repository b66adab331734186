import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../src-core/contract/api-error';
import { openStore } from '../../../src-main/store/lab-store';
import { smallRun } from '../../support/small-run';
import { useTempDir } from '../../support/temp-dir';

/**
 * A database file nobody may write. The tests run as root here, for whom permissions do not hold, so the file is
 * made immutable (chattr +i), which binds root too.
 */
const temp = useTempDir('nn-lab-readonly-');
let path: string;
let locked = false;

function canLock(): boolean {
  const probeDir = mkdtempSync(join(tmpdir(), 'nn-lab-chattr-'));
  const probe = join(probeDir, 'probe');
  try {
    execFileSync('sh', ['-c', `touch ${probe} && chattr +i ${probe} && chattr -i ${probe}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probeDir, { recursive: true, force: true });
  }
}

beforeEach(() => {
  path = join(temp.dir, 'lab.db');
});
afterEach(() => {
  if (locked) execFileSync('chattr', ['-i', path]);
  locked = false;
});

describe('a read-only database file', () => {
  it.skipIf(!canLock())('opens for reading with a notice, lists its runs, and refuses a write with a clear message', () => {
    const writer = openStore(path);
    writer.createRun(smallRun('r', { name: 'kept' }));
    writer.finishRun('r', { status: 'completed', finishedAt: new Date().toISOString() });
    writer.close(); // checkpoints the WAL into the file
    execFileSync('chattr', ['+i', path]);
    locked = true;

    const store = openStore(path);
    try {
      expect(store.notices.map((n) => n.kind)).toEqual(['database-read-only']);
      expect(store.notices[0]!.message).toContain(`The run database ${path} is read-only`);
      expect(store.listRuns().map((r) => r.name)).toEqual(['kept']);
      let refused: ApiError | undefined;
      try {
        store.setNotes('r', 'more');
      } catch (error) {
        refused = error as ApiError;
      }
      expect(refused?.toData()).toMatchObject({ code: 'unavailable', file: path, message: expect.stringContaining('is read-only') as unknown });
    } finally {
      store.close();
    }
  });
});

describe('a database opened only to view', () => {
  it('shows a live run whose process died as interrupted, without writing it', () => {
    const writer = openStore(path);
    writer.createRun(smallRun('dead', { name: 'orphan' }));
    writer.connection.prepare(`UPDATE runs SET status = 'running', owner_pid = 999999999 WHERE id = 'dead'`).run();
    writer.createRun(smallRun('mine', { name: 'alive' }));
    writer.close();
    const viewer = openStore(path, { readonly: true });
    try {
      expect(viewer.findRun('dead')).toMatchObject({ status: 'interrupted', error: expect.stringMatching(/ended before the run did/) as unknown });
      expect(viewer.getRun('dead').status).toBe('interrupted');
      // Its own store closed, 'mine' is orphaned too; nothing was written.
      expect(viewer.listRuns().map((r) => r.status)).toEqual(['interrupted', 'interrupted']);
      expect(viewer.connection.prepare(`SELECT status FROM runs WHERE id = 'dead'`).get()).toEqual({ status: 'running' });
    } finally {
      viewer.close();
    }
  });
});
