import { execFileSync } from 'node:child_process';
import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EventPayloads, RequestName, RequestResult } from '../../../src-core/contract/api';
import { ApiError } from '../../../src-core/contract/api-error';
import type { Lab } from '../../../src-main/app/create-lab';
import { dispatchRequest } from '../../../src-main/app/dispatch';
import { callRequest } from '../../support/call-request';
import { useTempLabs } from '../../support/temp-lab';

// No run trains here: the training pool starts no thread until a run is queued.
const temp = useTempLabs('nn-lab-dataset-service-');
let databasePath: string;
let lab: Lab;

beforeEach(async () => {
  databasePath = join(temp.dir, 'lab.db');
  lab = await temp.openLab();
});

const call = <K extends RequestName>(name: K, args?: unknown): Promise<RequestResult<K>> => callRequest(lab.handlers, name, args);

async function refusal(name: RequestName, args: unknown): Promise<ApiError> {
  const response = await dispatchRequest(lab.handlers, name, args);
  if (response.ok) throw new Error(`${name} was not refused`);
  return new ApiError(response.error);
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(temp.dir, name);
  writeFileSync(path, content);
  return path;
}

/** Rows in every dataset table, read through a connection of its own (what another process would see). */
function tableCounts(): Record<string, number> {
  const db = new Database(databasePath, { readonly: true });
  try {
    const counts: Record<string, number> = {};
    for (const table of ['datasets', 'dataset_columns', 'dataset_row_lines', 'dataset_configs']) {
      counts[table] = (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    }
    return counts;
  } finally {
    db.close();
  }
}
const empty = { datasets: 0, dataset_columns: 0, dataset_row_lines: 0, dataset_configs: 0 };

function progressOf(importId: string): Array<EventPayloads['dataset.import-progress']> {
  const seen: Array<EventPayloads['dataset.import-progress']> = [];
  lab.bus.subscribe((name, payload) => {
    const progress = payload as EventPayloads['dataset.import-progress'];
    if (name === 'dataset.import-progress' && progress.importId === importId) seen.push(progress);
  });
  return seen;
}

const shop = 'price,colour,bought\n1.5,red,yes\n2.5,blue,no\n3,red,yes\n4,green,no\n5,red,yes\n6,blue,no\n7,red,yes\n8,green,no\n';

describe('datasets.import', () => {
  it('imports a file on a worker thread, reports progress and lists, inspects and previews it', async () => {
    const progress = progressOf('shop-1');
    const result = await call('datasets.import', { path: file('shop.csv', shop), importId: 'shop-1' });
    expect(result.reused).toBe(false);
    expect(result.info).toMatchObject({ name: 'shop.csv', task: 'classification', rows: 8, classes: ['no', 'yes'], inputShape: [4] });
    expect(result.info.source).toMatchObject({ kind: 'imported', fileName: 'shop.csv', fileSize: shop.length, encoding: 'utf-8', delimiter: ',' });
    expect(result.info.source?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.plan.columns.map((c) => [c.name, c.kind, c.use])).toEqual([
      ['price', 'numeric', 'feature'],
      ['colour', 'categorical', 'feature'],
      ['bought', 'boolean', 'target'],
    ]);
    expect(progress.filter((p) => !p.phase).at(-1)).toEqual({ importId: 'shop-1', fraction: 1, rows: 8 });
    // After parsing, the steps under way are named (the worker stores the rows itself, beside main's connection).
    expect(progress.filter((p) => p.phase).map((p) => p.phase)).toEqual(['typing', 'doctor', 'storing']);

    const listed = await call('datasets.list');
    expect(listed.map((d) => d.id)).toContain('two-moons');
    expect(listed.find((d) => d.id === result.info.id)).toEqual(result.info);
    const inspected = await call('datasets.inspect', { id: result.info.id });
    expect(inspected.report.rows).toBe(8);
    expect(inspected.plan.target.names).toEqual(['bought']);
    expect(tableCounts()).toEqual({ ...empty, datasets: 1, dataset_columns: 3, dataset_row_lines: 1 });
  });

  it('reuses the stored dataset for the same bytes and keeps the data when the file changes or goes', async () => {
    const path = file('shop.csv', shop);
    const first = await call('datasets.import', { path });
    const again = await call('datasets.import', { path });
    expect(again.reused).toBe(true);
    expect(again.info.id).toBe(first.info.id);

    writeFileSync(path, shop.replace('1.5,red,yes', '100,red,yes'));
    const changed = await call('datasets.import', { path });
    expect(changed.reused).toBe(false);
    expect(changed.info.id).not.toBe(first.info.id);
    unlinkSync(path);
    const kept = await call('datasets.inspect', { id: first.info.id });
    expect(kept.report.columns[0]).toMatchObject({ name: 'price', min: 1.5, max: 8 });
    expect(tableCounts().datasets).toBe(2);
  });

  it.each([
    ['empty.csv', '', /^empty\.csv: the file is empty$/, {}],
    ['header-only.csv', 'a,b,label\n', /^header-only\.csv: line 2: the file has a header but no data rows$/, { line: 2 }],
    ['ragged.csv', 'a,b,label\n1,2,x\n3,4\n5,6,y\n', /^ragged\.csv: line 3, column 3: this row has 2 fields, the header has 3$/, { line: 3, column: 3 }],
    ['quote.csv', 'a,b,label\n1,2,x\n3,"4,y\n5,6,y\n', /^quote\.csv: line 3, column 2: .*quote/, { line: 3, column: 2 }],
    ['image.csv', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), /^image\.csv: line 3: the file is binary, not CSV text \(it contains a NUL byte\)$/, { line: 3 }],
    ['one-class.csv', 'a,b,label\n1,2,x\n3,4,x\n5,6,x\n', /^one-class\.csv: the target 'label' has one class \('x'\)/, { column: 3 }],
  ] as const)('refuses %s naming the file, the place and the reason, and stores nothing', async (name, content, message, where) => {
    const error = await refusal('datasets.import', { path: file(name, content) });
    expect(error.code).toBe('bad_input');
    expect(error.message).toMatch(message);
    expect(error.file).toBe(name);
    expect({ line: error.line, column: error.column }).toMatchObject(where);
    expect(tableCounts()).toEqual(empty);
  });

  it.each(['/dev/zero', 'pipe.csv'])('refuses %s (not a regular file) at once, and stores nothing', async (name) => {
    const path = name.startsWith('/') ? name : join(temp.dir, name);
    if (!name.startsWith('/')) execFileSync('mkfifo', [path]);
    const error = await refusal('datasets.import', { path });
    expect(error.code).toBe('bad_input');
    expect(error.message).toMatch(/^(zero|pipe\.csv): is a (device|pipe), not a regular file/);
    expect(tableCounts()).toEqual(empty);
  });

  it('says which file does not exist', async () => {
    const error = await refusal('datasets.import', { path: join(temp.dir, 'missing.csv') });
    expect(error).toMatchObject({ code: 'not_found', message: 'missing.csv: no such file', file: 'missing.csv' });
  });

  it('cancels an import in progress and stores nothing', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i % 97},${(i * 7) % 13},${i % 3}`).join('\n');
    const path = file('long.csv', `a,b,label\n${rows}\n`);
    const cancels: Array<Promise<RequestResult<'datasets.cancel-import'>>> = [];
    lab.bus.subscribe((name, payload) => {
      if (name === 'dataset.import-progress' && (payload as { importId: string }).importId === 'long' && cancels.length === 0) {
        cancels.push(call('datasets.cancel-import', { importId: 'long' }));
      }
    });
    const error = await refusal('datasets.import', { path, importId: 'long' });
    expect(error).toMatchObject({ code: 'conflict', message: 'long.csv: the import was cancelled', file: 'long.csv' });
    expect(await cancels[0]).toEqual({ cancelled: true });
    expect(tableCounts()).toEqual(empty);
    expect(await call('datasets.cancel-import', { importId: 'long' })).toEqual({ cancelled: false });
    // The same file imports afterwards.
    expect((await call('datasets.import', { path })).info.rows).toBe(20_000);
  });

  it('cancels an import while the worker is storing it: nothing stored, whether or not its commit came first', async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => `${i % 97},${(i * 7) % 13},${i % 3}`).join('\n');
    const path = file('late.csv', `a,b,label\n${rows}\n`);
    const cancels: Array<Promise<RequestResult<'datasets.cancel-import'>>> = [];
    lab.bus.subscribe((name, payload) => {
      const progress = payload as { importId: string; phase?: string };
      if (name === 'dataset.import-progress' && progress.importId === 'late' && progress.phase === 'storing' && cancels.length === 0) {
        cancels.push(call('datasets.cancel-import', { importId: 'late' }));
      }
    });
    const error = await refusal('datasets.import', { path, importId: 'late' });
    expect(cancels).toHaveLength(1);
    expect(error).toMatchObject({ code: 'conflict', message: 'late.csv: the import was cancelled', file: 'late.csv' });
    expect(tableCounts()).toEqual(empty);
    expect(await call('datasets.list')).not.toContainEqual(expect.objectContaining({ name: 'late.csv' }));
    expect((await call('datasets.import', { path })).info.rows).toBe(5_000);
  });
});

describe('browser uploads', () => {
  it('imports bytes sent in base64 chunks as the same dataset as the file itself', async () => {
    const bytes = Buffer.from(shop);
    const half = 40;
    expect(await call('datasets.upload-chunk', { uploadId: 'up1', offset: 0, base64: bytes.subarray(0, half).toString('base64') })).toEqual({ received: half });
    const skipped = await refusal('datasets.upload-chunk', { uploadId: 'up1', offset: half + 5, base64: 'AAAA' });
    expect(skipped).toMatchObject({ code: 'conflict', field: 'offset' });
    await call('datasets.upload-chunk', { uploadId: 'up1', offset: half, base64: bytes.subarray(half).toString('base64') });
    const uploaded = await call('datasets.import-bytes', { uploadId: 'up1', fileName: 'shop.csv' });
    expect(uploaded).toMatchObject({ reused: false, info: { name: 'shop.csv', rows: 8 } });
    const fromPath = await call('datasets.import', { path: file('shop-copy.csv', shop) });
    expect(fromPath).toMatchObject({ reused: true, info: { id: uploaded.info.id } });
    // The upload is gone once imported.
    expect(await refusal('datasets.import-bytes', { uploadId: 'up1', fileName: 'shop.csv' })).toMatchObject({ code: 'not_found', field: 'uploadId' });
  });

  it('refuses a chunk that is not base64', async () => {
    expect(await refusal('datasets.upload-chunk', { uploadId: 'up2', offset: 0, base64: 'not base64!' })).toMatchObject({ code: 'invalid_args', field: 'base64' });
  });
});

describe('datasets.update-columns and datasets.delete', () => {
  it('stores the user’s column settings as a new derived dataset and leaves the import as it was', async () => {
    const base = await call('datasets.import', { path: file('shop.csv', shop) });
    const derived = await call('datasets.update-columns', { id: base.info.id, target: 'price', use: { colour: 'excluded' } });
    expect(derived.info.id).not.toBe(base.info.id);
    expect(derived.info).toMatchObject({ task: 'regression', inputShape: [1] });
    expect(derived.info.source).toMatchObject({ baseId: base.info.id, overrides: { target: 'price', use: { colour: 'excluded' } } });
    expect(derived.report.target).toEqual(['price']);
    expect((await call('datasets.inspect', { id: base.info.id })).plan.target.names).toEqual(['bought']);
    // Settings build on the derived config's own.
    const again = await call('datasets.update-columns', { id: derived.info.id, use: { colour: 'feature' } });
    expect(again.info.source?.overrides).toEqual({ target: 'price', use: { colour: 'feature' } });
    expect(again.info.inputShape).toEqual([4]);
    expect(tableCounts()).toMatchObject({ datasets: 1, dataset_configs: 2 });
  });

  it('refuses settings that do not fit the data, naming the field', async () => {
    const base = await call('datasets.import', { path: file('shop.csv', shop) });
    expect(await refusal('datasets.update-columns', { id: base.info.id, target: 'size' })).toMatchObject({
      code: 'bad_input',
      field: 'target',
      message: "shop.csv: there is no column 'size' (columns: price, colour, bought)",
    });
    expect(await refusal('datasets.update-columns', { id: base.info.id, kinds: { colour: 'numeric' } })).toMatchObject({ code: 'bad_input', field: 'kinds.colour', line: 2, column: 2 });
    expect(tableCounts().dataset_configs).toBe(0);
  });

  it('deletes an imported dataset and refuses to delete a bundled one', async () => {
    const base = await call('datasets.import', { path: file('shop.csv', shop) });
    await call('datasets.update-columns', { id: base.info.id, use: { colour: 'excluded' } });
    expect(await call('datasets.delete', { id: base.info.id })).toEqual({ id: base.info.id });
    expect(tableCounts()).toEqual(empty);
    expect((await call('datasets.list')).some((d) => d.id === base.info.id)).toBe(false);
    expect(await refusal('datasets.delete', { id: 'two-moons' })).toMatchObject({ code: 'conflict' });
    expect(await refusal('datasets.inspect', { id: base.info.id })).toMatchObject({ code: 'not_found' });
  });
});
