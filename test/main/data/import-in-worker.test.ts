import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findImportWorker, importInWorker } from '../../../src-main/data/import-in-worker';
import type { ImportedTable } from '../../../src-main/store/dataset-store';
import { buildSelfContainedEntry } from '../../support/build-entry';

/**
 * The import worker as electron-vite builds it (one self-contained ES module, out/main/import-worker.js),
 * run on a real worker thread; the service tests run it from the sources.
 */
let dir: string;
let builtWorker: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nn-lab-import-worker-'));
  builtWorker = await buildSelfContainedEntry('src-main/data/import-worker.ts', join(dir, 'built'), 'import-worker.js');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('importInWorker', () => {
  it('reads, hashes, types and diagnoses a file on the built worker, reporting progress', async () => {
    const path = join(dir, 'shop.csv');
    const text = 'price;colour;bought\n1,5;red;yes\n2,5;blue;no\n3;red;yes\n4;blue;no\n';
    writeFileSync(path, text);
    const progress: number[] = [];
    const imported = (await importInWorker({ path, fileName: 'shop.csv' }, (p) => progress.push(p.fraction), { file: builtWorker }).done) as ImportedTable;
    expect(imported.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(imported.fileSize).toBe(text.length);
    expect(imported.table).toMatchObject({ delimiter: ';', decimalComma: true, rows: 4 });
    expect(Array.from(imported.table.columns[0]!.values as Float64Array)).toEqual([1.5, 2.5, 3, 4]);
    expect(imported.stored.plan.target).toMatchObject({ names: ['bought'], task: 'classification', classes: ['no', 'yes'] });
    expect(imported.stored.inputShape).toEqual([3]);
    expect(imported.report.rows).toBe(4);
    expect(progress.at(-1)).toBe(1);
  });

  it('stops after hashing when the bytes are stored already, without parsing them', async () => {
    const path = join(dir, 'again.csv');
    writeFileSync(path, 'a,b,label\n1,2,x\n3,4,y\n');
    const first = (await importInWorker({ path, fileName: 'again.csv' }, () => undefined, { file: builtWorker }).done) as ImportedTable;
    const progress: number[] = [];
    const again = await importInWorker({ path, fileName: 'again.csv' }, (p) => progress.push(p.fraction), { file: builtWorker }, (hash) => hash === first.hash).done;
    expect(again).toEqual({ storedHash: first.hash });
    expect(progress).toEqual([]);
  });

  it('refuses a file that is not there, naming it', async () => {
    await expect(importInWorker({ path: join(dir, 'gone.csv'), fileName: 'gone.csv' }, () => undefined, { file: builtWorker }).done).rejects.toMatchObject({
      code: 'not_found',
      message: 'gone.csv: no such file',
    });
  });

  it('finds the source worker when running unbuilt', () => {
    expect(findImportWorker()).toMatchObject({ typescript: true });
  });
});
