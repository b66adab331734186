import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RequestName, RequestResult } from '../../../src-core/contract/api';
import type { Lab } from '../../../src-main/app/create-lab';
import { callRequest } from '../../support/call-request';
import { useTempLabs } from '../../support/temp-lab';

const temp = useTempLabs('nn-lab-preview-samples-');
let lab: Lab;

beforeEach(async () => {
  lab = await temp.openLab();
});

const call = <K extends RequestName>(name: K, args?: unknown): Promise<RequestResult<K>> => callRequest(lab.handlers, name, args);

describe('datasets.preview of an image dataset', () => {
  it('returns a few sample images per class, pixels in [0, 1] in (C, H, W) order', async () => {
    // 30 rows of 8×8 grey images (MNIST-style: label first, 64 pixel columns 0..255); class k has pixel k lit.
    const header = ['label', ...Array.from({ length: 64 }, (_, i) => `pixel${i}`)].join(',');
    const rows = Array.from({ length: 30 }, (_, r) => {
      const label = r % 3;
      return [label, ...Array.from({ length: 64 }, (_, i) => (i === label ? 255 : i === 63 ? 51 : i === 62 ? 1 : 0))].join(',');
    });
    const path = join(temp.dir, 'digits.csv');
    writeFileSync(path, `${header}\n${rows.join('\n')}\n`);
    const imported = await call('datasets.import', { path });
    expect(imported.plan.image?.shape).toEqual([1, 8, 8]);

    const preview = await call('datasets.preview', { id: imported.info.id });
    expect(preview.points).toEqual([]);
    const samples = preview.samples!;
    expect(samples).toHaveLength(12);
    expect(samples.filter((s) => s.label === '0')).toHaveLength(4);
    expect(samples.filter((s) => s.label === '2')).toHaveLength(4);
    for (const sample of samples) {
      expect(sample.image.shape).toEqual([1, 8, 8]);
      expect(sample.image.data).toBeInstanceOf(Float32Array);
      expect(sample.image.data).toHaveLength(64);
      expect(sample.image.data[Number(sample.label)]).toBe(1);
      expect(sample.image.data[63]).toBe(Math.fround(0.2));
      // Not rounded to keep a JSON message small: 1/255 is itself, not 0.004.
      expect(sample.image.data[62]).toBe(Math.fround(1 / 255));
    }
  });

  it('reads its samples from the stored head rows, from the columns beyond them, and fills the head rows of an older database', async () => {
    // 300 rows of 8×8 images: classes 0 and 1 alternate for 200 rows, then class 2 (its samples lie beyond the 128
    // head rows). Pixel `class` is lit; pixels 63 and 62 hold the row number (low byte, high byte).
    const header = ['label', ...Array.from({ length: 64 }, (_, i) => `pixel${i}`)].join(',');
    const label = (r: number): number => (r < 200 ? r % 2 : 2);
    const rows = Array.from({ length: 300 }, (_, r) => [label(r), ...Array.from({ length: 64 }, (_, i) => (i === label(r) ? 255 : i === 63 ? r % 256 : i === 62 ? r >> 8 : 0))].join(','));
    const path = join(temp.dir, 'sorted.csv');
    writeFileSync(path, `${header}\n${rows.join('\n')}\n`);
    const imported = await call('datasets.import', { path });
    const databasePath = join(temp.dir, 'lab.db');
    const headRows = (): number => (new Database(databasePath, { readonly: true }).prepare('SELECT COUNT(*) AS n FROM dataset_head_rows').get() as { n: number }).n;
    expect(headRows()).toBe(1);

    const expected = [0, 1, 2, 3, 4, 5, 6, 7, 200, 201, 202, 203];
    const check = async (): Promise<void> => {
      const samples = (await call('datasets.preview', { id: imported.info.id })).samples!;
      expect(samples.map((s) => Math.round(s.image.data[63]! * 255) + 256 * Math.round(s.image.data[62]! * 255))).toEqual(expected);
      expect(samples.map((s) => s.label)).toEqual(expected.map((r) => String(label(r))));
      expect(samples.every((s) => s.image.data[Number(s.label)] === 1)).toBe(true);
    };
    await check();

    // As a database written before the head rows were kept: the preview is the same, and it stores them for next time.
    const db = new Database(databasePath);
    db.prepare('DELETE FROM dataset_head_rows').run();
    db.close();
    expect(headRows()).toBe(0);
    await check();
    expect(headRows()).toBe(1);

    await call('datasets.delete', { id: imported.info.id });
    expect(headRows()).toBe(0);
  });

  it('still refuses a table that is neither two features nor images', async () => {
    const path = join(temp.dir, 'three.csv');
    writeFileSync(path, `a,b,c,label\n${Array.from({ length: 10 }, (_, i) => `${i},${i * 2},${i % 3},${i % 2 ? 'x' : 'y'}`).join('\n')}\n`);
    const imported = await call('datasets.import', { path });
    await expect(call('datasets.preview', { id: imported.info.id })).rejects.toMatchObject({ code: 'bad_input', message: /a scatter preview needs 2/ });
  });
});
