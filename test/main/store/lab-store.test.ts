import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-core/contract/api-error';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { TrainConfig } from '../../../src-core/contract/run-config';
import { nnLabApplicationId } from '../../../src-main/store/database-marker';
import { openStore, type LabStore, type NewRun } from '../../../src-main/store/lab-store';
import { schemaVersion } from '../../../src-main/store/migrations';
import { useTempDir } from '../../support/temp-dir';

const spec: ModelSpec = { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'relu' }, { type: 'dense', units: 2 }] };
const train: TrainConfig = { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32, epochs: 5 };

function newRun(id: string, createdAt = '2026-11-21T09:00:00.000Z'): NewRun {
  return {
    id,
    name: `run ${id}`,
    datasetId: 'two-moons',
    datasetName: 'Two moons',
    task: 'classification',
    spec,
    train,
    seed: 42,
    createdAt,
  };
}

function epoch(n: number) {
  return { epoch: n, loss: 1 / n, accuracy: 0.5 + n / 100, valLoss: 1.1 / n, lr: 0.01, seconds: 0.25 };
}

const temp = useTempDir('nn-lab-store-');
let store: LabStore | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
});

describe('openStore', () => {
  it('creates the database in a missing folder with the current schema, WAL and foreign keys', () => {
    const path = join(temp.dir, 'nested', 'lab.db');
    store = openStore(path);
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(schemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['epoch_metrics', 'run_confusion', 'run_diagnostics', 'run_tags', 'run_weights', 'runs', 'sweeps']));
    db.close();
  });

  it('migrates a version-0 database forward and keeps reopening idempotent', () => {
    const path = join(temp.dir, 'lab.db');
    new Database(path).close(); // an empty, version-0 database
    store = openStore(path);
    store.createRun(newRun('a'));
    store.close();
    store = openStore(path);
    expect(store.listRuns().map((r) => r.id)).toEqual(['a']);
  });

  it('refuses a database from a newer app version, naming the file and both versions', () => {
    const path = join(temp.dir, 'lab.db');
    const db = new Database(path);
    db.pragma(`application_id = ${nnLabApplicationId}`); // a newer NN Lab marks its databases too
    db.pragma(`user_version = ${schemaVersion + 1}`);
    db.close();
    let error: unknown;
    try {
      openStore(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('unavailable');
    expect((error as ApiError).message).toContain(path);
    expect((error as ApiError).message).toContain('newer version');
    expect((error as ApiError).message).toContain(`schema ${schemaVersion + 1}`);
    // The file is left untouched.
    const again = new Database(path, { readonly: true });
    expect(again.pragma('user_version', { simple: true })).toBe(schemaVersion + 1);
    again.close();
  });

  it('sets a corrupt file aside (renamed, never deleted), starts afresh and says where the old file went', () => {
    const path = join(temp.dir, 'lab.db');
    const text = 'this is not a database, just some text that is long enough '.repeat(100);
    writeFileSync(path, text);
    store = openStore(path);
    expect(store.listRuns()).toEqual([]);
    expect(store.notices).toHaveLength(1);
    const aside = store.notices[0]!.file;
    expect(aside).toMatch(/lab\.db\.corrupt-\d{4}-\d\d-\d\dT/);
    expect(readFileSync(aside, 'utf8')).toBe(text);
    expect(store.notices[0]!.message).toContain(path);
    expect(store.notices[0]!.message).toContain(aside);
  });

  it('marks runs a dead process left queued or running as interrupted, keeping their epochs', () => {
    const path = join(temp.dir, 'lab.db');
    store = openStore(path);
    store.createRun(newRun('queued-one'));
    store.createRun(newRun('running-one'));
    store.markRunning('running-one', '2026-11-21T09:00:01.000Z');
    store.appendEpoch('running-one', epoch(1));
    store.createRun(newRun('done-one'));
    store.finishRun('done-one', { status: 'completed', finishedAt: '2026-11-21T09:01:00.000Z' });
    store.close(); // as if the process died: nothing finished the live runs

    store = openStore(path);
    expect([...store.interruptedOnOpen].sort()).toEqual(['queued-one', 'running-one']);
    const byId = Object.fromEntries(store.listRuns().map((r) => [r.id, r]));
    expect(byId['queued-one']!.status).toBe('interrupted');
    expect(byId['running-one']!.status).toBe('interrupted');
    expect(byId['running-one']!.epochsDone).toBe(1);
    expect(byId['running-one']!.error).toMatch(/closed/);
    expect(byId['done-one']!.status).toBe('completed');
  });

  it('leaves live runs alone when asked to (a second process beside the app)', () => {
    const path = join(temp.dir, 'lab.db');
    store = openStore(path);
    store.createRun(newRun('live'));
    store.markRunning('live', '2026-11-21T09:00:01.000Z');
    const beside = openStore(path, { markInterrupted: false });
    expect(beside.interruptedOnOpen).toEqual([]);
    expect(beside.findRun('live')!.status).toBe('running');
    beside.close();
  });
});

describe('runs', () => {
  it('commits each epoch as it comes, durable for a second connection', () => {
    const path = join(temp.dir, 'lab.db');
    store = openStore(path);
    store.createRun(newRun('r'));
    store.markRunning('r', '2026-11-21T09:00:01.000Z');
    const reader = new Database(path, { readonly: true });
    for (let n = 1; n <= 3; n++) {
      store.appendEpoch('r', epoch(n));
      expect(reader.prepare('SELECT COUNT(*) AS c FROM epoch_metrics WHERE run_id = ?').get('r')).toEqual({ c: n });
    }
    reader.close();
    const summary = store.findRun('r')!;
    expect(summary).toMatchObject({ status: 'running', epochsDone: 3, lastLoss: 1 / 3, lastAccuracy: 0.53, epochs: 5 });
    const detail = store.getRun('r');
    expect(detail.metrics).toEqual([epoch(1), epoch(2), epoch(3)]);
    expect(detail.spec).toEqual(spec);
    expect(detail.train).toEqual(train);
    expect(detail.seed).toBe(42);
    expect(detail.hasWeights).toBe(false);
  });

  it('commits a group of epochs all or nothing', () => {
    store = openStore(join(temp.dir, 'lab.db'));
    store.createRun(newRun('r'));
    store.appendEpochs('r', [epoch(1), epoch(2), epoch(3)]);
    expect(store.getRun('r').metrics.map((m) => m.epoch)).toEqual([1, 2, 3]);
    expect(() => store!.appendEpochs('r', [epoch(4), epoch(3)])).toThrow(/UNIQUE|PRIMARY/);
    expect(store.getRun('r').metrics.map((m) => m.epoch)).toEqual([1, 2, 3]);
  });

  it('refuses a duplicate epoch rather than overwriting it', () => {
    store = openStore(join(temp.dir, 'lab.db'));
    store.createRun(newRun('r'));
    store.appendEpoch('r', epoch(1));
    expect(() => store!.appendEpoch('r', epoch(1))).toThrow(/UNIQUE|PRIMARY/);
  });

  it('stores the weights with the ending and reads them back exactly (float32)', () => {
    store = openStore(join(temp.dir, 'lab.db'));
    store.createRun(newRun('r'));
    const state = {
      '0.weight': { shape: [8, 2], data: Array.from({ length: 16 }, (_, i) => Math.fround(i * 0.1 - 0.7)) },
      '0.bias': { shape: [8], data: Array.from({ length: 8 }, (_, i) => Math.fround(-i / 3)) },
    };
    const summary = store.finishRun('r', {
      status: 'stopped',
      finishedAt: '2026-11-21T09:02:00.000Z',
      weights: { kind: 'final', epoch: 2, model: { spec, state } },
    });
    expect(summary).toMatchObject({ status: 'stopped', finishedAt: '2026-11-21T09:02:00.000Z' });
    expect(store.getWeights('r')).toEqual({ epoch: 2, spec, state });
    expect(store.getWeights('r', 'best')).toBeUndefined();
    expect(store.getRun('r').hasWeights).toBe(true);
  });

  it('lists newest first and says not_found for an unknown id', () => {
    store = openStore(join(temp.dir, 'lab.db'));
    store.createRun(newRun('old', '2026-11-21T08:00:00.000Z'));
    store.createRun(newRun('new', '2026-11-21T09:00:00.000Z'));
    expect(store.listRuns().map((r) => r.id)).toEqual(['new', 'old']);
    expect(() => store!.getRun('nope')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});
