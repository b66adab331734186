import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayloads, RequestName, RequestResult } from '../../../src-core/contract/api';
import { createLab, type Lab } from '../../../src-main/app/create-lab';
import { dispatchRequest } from '../../../src-main/app/dispatch';
import { DatasetStore } from '../../../src-main/store/dataset-store';
import { callRequest } from '../../support/call-request';

/**
 * The Fashion-MNIST training CSV (133 MB, 60,000 × 785) through the service: imported on a worker thread
 * with progress, cancelled with nothing left behind, and stored with the right values. The CSV is written
 * from Debian's dataset-fashion-mnist package by the shared script; without that package the test says so.
 */
const script = resolve(__dirname, '../../../../shared/datasets/fashion-mnist-csv.mjs');
let dir: string;
let csvPath: string | undefined;
let unavailable = '';
let lab: Lab;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nn-lab-fashion-'));
  try {
    execFileSync(process.execPath, [script, dir], { stdio: 'pipe' });
    csvPath = join(dir, 'fashion-mnist_train.csv');
  } catch (error) {
    unavailable = `Fashion-MNIST could not be written (Debian's dataset-fashion-mnist package cannot be installed here): ${(error as Error).message.split('\n')[0]}`;
  }
  lab = await createLab({ databasePath: join(dir, 'lab.db'), host: 'browser', threads: 1, workerFile: join(dir, 'no-train-worker.js') });
}, 300_000);
afterAll(async () => {
  await lab?.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = <K extends RequestName>(name: K, args?: unknown): Promise<RequestResult<K>> => callRequest(lab.handlers, name, args);

function datasetRows(): number {
  const db = new Database(join(dir, 'lab.db'), { readonly: true });
  try {
    return (db.prepare(`SELECT (SELECT COUNT(*) FROM datasets) + (SELECT COUNT(*) FROM dataset_columns) + (SELECT COUNT(*) FROM dataset_row_lines) AS n`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** The CSV's first data row, read straight from the file. */
function firstDataRow(path: string): number[] {
  const buffer = Buffer.alloc(16 * 1024);
  const fd = openSync(path, 'r');
  readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
  return buffer.toString('latin1').split('\n')[1]!.split(',').map(Number);
}

describe('Fashion-MNIST training CSV', () => {
  it('cancels an import in progress with nothing stored, then imports every row with progress', async (context) => {
    if (!csvPath) {
      context.skip(unavailable);
      return;
    }
    const path = csvPath;
    // Cancelled at its first progress report.
    let cancel: Promise<RequestResult<'datasets.cancel-import'>> | undefined;
    const stopSubscription = lab.bus.subscribe((name, payload) => {
      if (name === 'dataset.import-progress' && (payload as { importId: string }).importId === 'cancelled') {
        cancel ??= call('datasets.cancel-import', { importId: 'cancelled' });
      }
    });
    const cancelled = await dispatchRequest(lab.handlers, 'datasets.import', { path, importId: 'cancelled' });
    stopSubscription();
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'conflict', message: 'fashion-mnist_train.csv: the import was cancelled' } });
    expect(await cancel).toEqual({ cancelled: true });
    expect(datasetRows()).toBe(0);

    const progress: Array<EventPayloads['dataset.import-progress']> = [];
    lab.bus.subscribe((name, payload) => {
      if (name === 'dataset.import-progress') progress.push(payload as EventPayloads['dataset.import-progress']);
    });
    const result = await call('datasets.import', { path, importId: 'full' });
    expect(result.info).toMatchObject({ rows: 60_000, task: 'classification', inputShape: [1, 28, 28], features: 784 });
    expect(result.info.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(result.plan.columns).toHaveLength(785);
    expect(result.plan.target.names).toEqual(['label']);
    expect(result.plan.image).toEqual({ shape: [1, 28, 28], pixelScale: 255 });
    const full = progress.filter((p) => p.importId === 'full');
    expect(full.length).toBeGreaterThan(5);
    expect(full.map((p) => p.fraction)).toEqual([...full.map((p) => p.fraction)].sort((a, b) => a - b));
    // Parsing ends at every byte and row; then the bar names the steps after it, in order.
    expect(full.filter((p) => !p.phase).at(-1)).toEqual({ importId: 'full', fraction: 1, rows: 60_000 });
    expect(full.filter((p) => p.phase).map((p) => p.phase)).toEqual(['typing', 'doctor', 'storing']);
    expect(full.at(-1)).toEqual({ importId: 'full', fraction: 1, rows: 60_000, phase: 'storing' });

    // The stored values are the file's (first row: label, then 784 pixels); large files keep float32 columns.
    const db = new Database(join(dir, 'lab.db'), { readonly: true });
    try {
      const table = new DatasetStore(db).loadTable(result.info.id);
      const expected = firstDataRow(path);
      expect(table.columns).toHaveLength(785);
      expect(table.columns.map((c) => c.values[0])).toEqual(expected);
      expect(table.columns[400]!.values).toBeInstanceOf(Float32Array);
      expect(table.columns[0]!.values).toHaveLength(60_000);
      expect(table.rowLines[59_999]).toBe(60_001);
    } finally {
      db.close();
    }
  }, 300_000);
});
