import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RequestName, RequestResult } from '../../../src-core/contract/api';
import type { DataSetup } from '../../../src-core/contract/run-config';
import { Random } from '../../../src-core/data/random';
import { diagnose } from '../../../src-core/insight/index';
import type { Lab } from '../../../src-main/app/create-lab';
import { openStore } from '../../../src-main/store/lab-store';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { callRequest, exportText } from '../../support/call-request';
import { nextStatus } from '../../support/run-status';
import { useTempLabs } from '../../support/temp-lab';

/**
 * What a run keeps about its data besides its epochs: the final model's score on the held-out test rows, and the
 * statistics of the inputs the model was fed (after the run's scaling), through the pool, SQLite, a reopen and a bundle.
 */
const trainWorker = useBuiltTrainWorker();
const temp = useTempLabs('nn-lab-test-score-', trainWorker);
let lab: Lab;

beforeEach(async () => {
  lab = await temp.openLab({ threads: 1 });
});

const call = <K extends RequestName>(name: K, args?: unknown): Promise<RequestResult<K>> => callRequest(lab.handlers, name, args);

/** 300 rows, 150 of each class: `meters` on 0..10000 (far from scaled), `b` on ±2. */
async function importWide(): Promise<string> {
  const rng = new Random(9);
  const lines = ['meters,b,side'];
  for (let i = 0; i < 300; i++) {
    const side = i % 2;
    lines.push(`${(rng.next() * 10000).toFixed(1)},${(rng.next() * 2 - side * 2 + 1).toFixed(3)},${side ? 'above' : 'below'}`);
  }
  const path = join(temp.dir, 'wide.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return (await call('datasets.import', { path })).info.id;
}

const spec = { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 2 }, { type: 'softmax' }] };
const train = { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.05 }, batchSize: 32, epochs: 4, seed: 3 };

describe('a run’s test score and input statistics', () => {
  it('a 10 % test split: the final model’s loss, accuracy and confusion matrix there, stored, reopened and carried by a bundle', async () => {
    const datasetId = await importWide();
    const setup: DataSetup = { validation: 0.2, test: 0.1 };
    const queued = await call('runs.start', { datasetId, spec, train, data: setup });
    const ended = await nextStatus(lab.bus, queued.id);
    expect(ended.status).toBe('completed');
    // The ending's summary carries it, so the window shows it without asking again.
    expect(ended.test).toMatchObject({ rows: 30 });
    const detail = await call('runs.get', { id: queued.id });
    const test = detail.test!;
    expect(test.loss).toBeGreaterThan(0);
    expect(detail.testConfusion!.map((row) => row.reduce((a, b) => a + b, 0))).toEqual([15, 15]);
    expect(test.accuracy).toBeCloseTo((detail.testConfusion![0]![0]! + detail.testConfusion![1]![1]!) / 30, 9);
    // The validation confusion stays on its own 60 rows.
    expect(detail.confusion!.matrix.flat().reduce((a, b) => a + b, 0)).toBe(60);
    // Read again from the file by another connection (a restart).
    const reader = openStore(lab.info.databasePath);
    try {
      expect(reader.getRun(queued.id).test).toEqual(test);
      expect(reader.getRun(queued.id).testConfusion).toEqual(detail.testConfusion);
    } finally {
      reader.close();
    }
    const text = exportText(await call('runs.export', { id: queued.id, format: 'bundle' }));
    const other = await temp.openLab({ name: 'other.db', threads: 1 });
    const imported = await callRequest(other.handlers, 'runs.import', { bundle: text });
    const there = await callRequest(other.handlers, 'runs.get', { id: imported.id });
    expect(there.test).toEqual(test);
    expect(there.testConfusion).toEqual(detail.testConfusion);

    // Without a test split there is no test score.
    const plain = await call('runs.start', { datasetId, spec, train });
    expect((await nextStatus(lab.bus, plain.id)).test).toBeUndefined();
    expect((await call('runs.get', { id: plain.id })).test).toBeUndefined();
  }, 120_000);

  it('the inputs the model saw: scaling none leaves meters at thousands and the diagnosis names it; standard scaling does not', async () => {
    const datasetId = await importWide();
    const raw = await call('runs.start', { datasetId, spec, train, data: { columns: { meters: { scaling: 'none' } } } });
    expect((await nextStatus(lab.bus, raw.id)).status).toBe('completed');
    const rawDetail = await call('runs.get', { id: raw.id });
    const meters = rawDetail.inputStats!.find((s) => s.name === 'meters')!;
    expect(meters.mean).toBeGreaterThan(4000);
    expect(meters.std).toBeGreaterThan(2000);
    const metrics = (await call('runs.metrics', { id: raw.id, from: 1 })).metrics;
    const finding = diagnose({ metrics, inputs: rawDetail.inputStats! }).find((f) => f.kind === 'unscaled_inputs')!;
    expect(finding.message).toMatch(/'meters' \(mean/);
    expect(finding.message).not.toMatch(/'b'/);
    expect(finding.advice).toMatch(/standard scaling for 'meters' in the Training tab's Data group/);

    const scaled = await call('runs.start', { datasetId, spec, train, data: { columns: { meters: { scaling: 'standard' } } } });
    expect((await nextStatus(lab.bus, scaled.id)).status).toBe('completed');
    const scaledDetail = await call('runs.get', { id: scaled.id });
    expect(Math.abs(scaledDetail.inputStats!.find((s) => s.name === 'meters')!.mean)).toBeLessThan(1e-3);
    expect(diagnose({ metrics, inputs: scaledDetail.inputStats! }).some((f) => f.kind === 'unscaled_inputs')).toBe(false);

    // A bundle carries them.
    const text = exportText(await call('runs.export', { id: raw.id, format: 'bundle' }));
    const other = await temp.openLab({ name: 'other.db', threads: 1 });
    const imported = await callRequest(other.handlers, 'runs.import', { bundle: text });
    expect((await callRequest(other.handlers, 'runs.get', { id: imported.id })).inputStats).toEqual(rawDetail.inputStats);

    // Generated data is fed as it is: the checklist's unscaled moons are stored with x2 in the thousands.
    const moons = await call('runs.start', { datasetId: 'checklist-unscaled-inputs', spec, train: { ...train, epochs: 1 } });
    expect((await nextStatus(lab.bus, moons.id)).status).toBe('completed');
    const x2 = (await call('runs.get', { id: moons.id })).inputStats!.find((s) => s.name === 'x2')!;
    expect(x2.mean).toBeGreaterThan(4000);
  }, 120_000);
});
