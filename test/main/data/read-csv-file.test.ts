import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inferColumns } from '../../../src-core/data/columns/infer-columns';
import { buildDataset } from '../../../src-core/data/preprocess/build-dataset';
import { readCsvFile } from '../../../src-main/data/read-csv-file';

const dir = mkdtempSync(join(tmpdir(), 'nn-lab-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readCsvFile', () => {
  it('reads a file relative to the working folder and names it in errors', async () => {
    writeFileSync(join(dir, 'ok.csv'), 'a,b\n1,2\n');
    const table = await readCsvFile('ok.csv', { cwd: dir });
    expect(table.fileName).toBe('ok.csv');
    expect(table.rows).toBe(1);
    await expect(readCsvFile('missing.csv', { cwd: dir })).rejects.toMatchObject({ code: 'not_found', file: 'missing.csv' });
    await expect(readCsvFile('.', { cwd: dir })).rejects.toThrow(/is a folder/);
  });
});

/** Fashion-MNIST as CSV, written by the shared script from Debian's dataset-fashion-mnist (installed when missing). */
const idx = '/usr/share/datasets/fashion-mnist';
const script = '/work/shared/datasets/fashion-mnist-csv.mjs';
let csvPath: string | undefined;
let unavailable = '';
beforeAll(() => {
  try {
    execFileSync(process.execPath, [script, dir], { stdio: 'pipe' });
    csvPath = join(dir, 'fashion-mnist_train.csv');
  } catch (error) {
    unavailable = `Fashion-MNIST could not be written (Debian's dataset-fashion-mnist is not installable here): ${(error as Error).message.split('\n')[0]}`;
  }
}, 600_000);

describe('large import: Fashion-MNIST training CSV (60,000 × 785)', () => {
  it('reads every row and pixel exactly, as 1×28×28 images', async (context) => {
    if (!csvPath || !existsSync(csvPath)) {
      console.warn(unavailable);
      context.skip();
      return;
    }
    const table = await readCsvFile(csvPath, { cwd: dir });
    expect(table.rows).toBe(60_000);
    expect(table.columns).toHaveLength(785);
    expect(table.columns.every((c) => c.type === 'number' && c.missing === 0)).toBe(true);
    expect(table.columns[0]!.name).toBe('label');

    const images = gunzipSync(readFileSync(join(idx, 'train-images-idx3-ubyte.gz')));
    const labels = gunzipSync(readFileSync(join(idx, 'train-labels-idx1-ubyte.gz')));
    // Every cell against the IDX source.
    let mismatches = 0;
    for (let r = 0; r < 60_000; r++) {
      if (table.columns[0]!.values[r] !== labels[8 + r]) mismatches++;
      for (let p = 0; p < 784; p++) if (table.columns[p + 1]!.values[r] !== images[16 + r * 784 + p]) mismatches++;
    }
    expect(mismatches).toBe(0);

    const plan = inferColumns(table);
    expect(plan.image).toEqual({ shape: [1, 28, 28], pixelScale: 255 });
    expect(plan.target.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const built = buildDataset(table, plan, { seed: 1 });
    expect(built.training.train.rows).toBe(60_000);
    expect(built.training.train.x[783]).toBeCloseTo(images[16 + 783]! / 255, 6);
  });
});
