import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import type { Lab } from '../../../src-main/app/create-lab';
import { createBackupHandler } from '../../../src-main/electron/backup-dialog';
import { openStore } from '../../../src-main/store/lab-store';
import { callRequest } from '../../support/call-request';
import { smallRun } from '../../support/small-run';
import { useTempLabs } from '../../support/temp-lab';
import { nnLab } from '../cli/cli-harness';

const temp = useTempLabs('nn-lab-backup-');
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A lab on lab.db holding one run, 'kept'. */
async function labWithRun(): Promise<Lab> {
  const store = openStore(join(temp.dir, 'lab.db'));
  store.createRun(smallRun('kept'));
  store.close();
  return temp.openLab();
}

function runIds(path: string): string[] {
  const store = openStore(path, { readonly: true });
  try {
    return store.listRuns().map((r) => r.id);
  } finally {
    store.close();
  }
}

function otherDatabase(name: string): string {
  const path = join(temp.dir, name);
  const db = new Database(path);
  db.exec(`CREATE TABLE precious (x); INSERT INTO precious VALUES ('do not lose me')`);
  db.close();
  return path;
}

describe('app.backup over the API never destroys', () => {
  it('refuses an existing file (an SQLite file of another program here) and leaves it byte for byte', async () => {
    const lab = await labWithRun();
    const precious = otherDatabase('precious.db');
    const before = sha(precious);
    await expect(callRequest(lab.handlers, 'app.backup', { path: precious })).rejects.toMatchObject({ field: 'path', message: expect.stringMatching(/exists already; NN Lab never overwrites/) });
    expect(sha(precious)).toBe(before);
  });

  it.each(['//lab.db', '/./lab.db', '/x/../lab.db', '/missing/../lab.db', '/lab.db-wal', '/link.db'])('refuses the database itself spelt as …%s', async (spelling) => {
    const lab = await labWithRun();
    mkdirSync(join(temp.dir, 'x'));
    symlinkSync(join(temp.dir, 'lab.db'), join(temp.dir, 'link.db'));
    await expect(callRequest(lab.handlers, 'app.backup', { path: temp.dir + spelling })).rejects.toMatchObject({
      field: 'path',
      message: expect.stringMatching(/that is the run database('s -wal file)? itself|folder does not exist/),
    });
    await lab.close();
    expect(runIds(join(temp.dir, 'lab.db'))).toEqual(['kept']);
  });

  it('creates no folder: a backup under a missing folder is refused', async () => {
    const lab = await labWithRun();
    await expect(callRequest(lab.handlers, 'app.backup', { path: join(temp.dir, 'missing', 'deeper', 'copy.db') })).rejects.toMatchObject({ message: expect.stringMatching(/its folder does not exist/) });
    expect(existsSync(join(temp.dir, 'missing'))).toBe(false);
    await expect(callRequest(lab.handlers, 'app.backup', { path: '/nn-lab-no-such-folder/copy.db' })).rejects.toMatchObject({ field: 'path' });
    expect(existsSync('/nn-lab-no-such-folder')).toBe(false);
  });

  it('backs up to a new file that opens with every run, and asks for a path outside the desktop app', async () => {
    const lab = await labWithRun();
    const result = await callRequest(lab.handlers, 'app.backup', { path: join(temp.dir, 'copy.db') });
    expect(result).toMatchObject({ path: join(temp.dir, 'copy.db') });
    expect(runIds(join(temp.dir, 'copy.db'))).toEqual(['kept']);
    await expect(callRequest(lab.handlers, 'app.backup', {})).rejects.toMatchObject({ code: 'unavailable', field: 'path' });
  });
});

describe("app.backup in the desktop app: the save dialog's action", () => {
  function dialogAnswering(answer: SaveDialogReturnValue): { dialog: { showSaveDialog: (...args: unknown[]) => Promise<SaveDialogReturnValue> }; asked: SaveDialogOptions[] } {
    const asked: SaveDialogOptions[] = [];
    return { asked, dialog: { showSaveDialog: async (...args: unknown[]) => (asked.push(args.at(-1) as SaveDialogOptions), answer) } };
  }

  it('overwrites only the file the person confirmed in the native dialog; a page cannot name one', async () => {
    const lab = await labWithRun();
    const precious = otherDatabase('replace-me.db');
    const { dialog, asked } = dialogAnswering({ canceled: false, filePath: precious });
    const handler = createBackupHandler({ dialog, parent: () => undefined, backup: lab.backup, defaultFolder: () => temp.dir });
    await expect(handler({ path: precious })).rejects.toMatchObject({ field: 'path' });
    expect(asked).toEqual([]);
    expect(await handler({})).toMatchObject({ path: precious });
    expect(asked[0]!.properties).toContain('showOverwriteConfirmation');
    expect(runIds(precious)).toEqual(['kept']);
    const cancelled = createBackupHandler({ dialog: dialogAnswering({ canceled: true, filePath: '' }).dialog, parent: () => undefined, backup: lab.backup, defaultFolder: () => temp.dir });
    expect(await cancelled({})).toBeNull();
  });
});

describe('nn-lab backup', () => {
  it('refuses an existing --out unless --force', async () => {
    const lab = await labWithRun();
    await lab.close();
    const precious = otherDatabase('out.db');
    const before = sha(precious);
    const refused = await nnLab(temp.dir, 'backup', '--db', 'lab.db', '--out', 'out.db');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/exists already.*--force/);
    expect(sha(precious)).toBe(before);
    const forced = await nnLab(temp.dir, 'backup', '--db', 'lab.db', '--out', 'out.db', '--force');
    expect(forced.code).toBe(0);
    expect(runIds(precious)).toEqual(['kept']);
    const itself = await nnLab(temp.dir, 'backup', '--db', 'lab.db', '--out', './/lab.db', '--force');
    expect(itself.code).toBe(1);
    expect(itself.err).toMatch(/the run database itself/);
  });
});
