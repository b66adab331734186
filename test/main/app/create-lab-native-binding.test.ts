import { copyFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src-main/app/create-lab';
import { dispatchRequest } from '../../../src-main/app/dispatch';
import { useTempDir } from '../../support/temp-dir';

/**
 * The desktop app opens better-sqlite3 with its Electron build (`nativeBinding`); the import worker opens the
 * same database file on a connection of its own and must load that same addon, not node_modules' Node build
 * (which a worker inside Electron cannot load, and which a packaged app does not even ship).
 */
const temp = useTempDir('nn-lab-native-binding-');
const nodeBuild = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');

describe('createLab with a nativeBinding', () => {
  it("hands the addon to the import worker's own connection", async () => {
    // A copy of the addon at a path of its own: only code told about this path can load it.
    const binding = join(temp.dir, 'electron-native', 'better_sqlite3.node');
    mkdirSync(dirname(binding));
    copyFileSync(nodeBuild, binding);
    const lab = await createLab({
      databasePath: join(temp.dir, 'lab.db'),
      host: 'electron',
      threads: 1,
      nativeBinding: binding,
      workerFile: join(temp.dir, 'no-train-worker.js'),
    });
    try {
      const csv = join(temp.dir, 'shop.csv');
      writeFileSync(csv, 'price,colour,bought\n1.5,red,yes\n2.5,blue,no\n3,red,yes\n4,green,no\n');
      // The main connection has its addon loaded already; with the file gone, a worker told the path cannot load it.
      renameSync(binding, `${binding}.gone`);
      const refused = await dispatchRequest(lab.handlers, 'datasets.import', { path: csv });
      expect(refused.ok).toBe(false);
      expect(JSON.stringify(refused)).toContain('better_sqlite3.node');
      renameSync(`${binding}.gone`, binding);
      const imported = await dispatchRequest(lab.handlers, 'datasets.import', { path: csv });
      expect(imported).toMatchObject({ ok: true, value: { info: { name: 'shop.csv' } } });
      // Column settings are typed again by the same worker, reading the stored table over its own connection.
      const id = (imported as { value: { info: { id: string } } }).value.info.id;
      renameSync(binding, `${binding}.gone`);
      expect(await dispatchRequest(lab.handlers, 'datasets.update-columns', { id, target: 'price' })).toMatchObject({ ok: false });
      renameSync(`${binding}.gone`, binding);
      expect(await dispatchRequest(lab.handlers, 'datasets.update-columns', { id, target: 'price' })).toMatchObject({ ok: true });
    } finally {
      await lab.close();
    }
  });
});
