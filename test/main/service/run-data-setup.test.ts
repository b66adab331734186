import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RequestName, RequestResult } from '../../../src-core/contract/api';
import type { DataSetup } from '../../../src-core/contract/run-config';
import type { NumericTransform } from '../../../src-core/data/preprocess/preprocessor-state';
import { Random } from '../../../src-core/data/random';
import type { Lab } from '../../../src-main/app/create-lab';
import { dispatchRequest } from '../../../src-main/app/dispatch';
import { openStore } from '../../../src-main/store/lab-store';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { callRequest, exportText } from '../../support/call-request';
import { nextStatus } from '../../support/run-status';
import { useTempLabs } from '../../support/temp-lab';

/** A run's data set-up (split, per-column scaling and imputation) trains it, is stored with it and travels with it. */
const trainWorker = useBuiltTrainWorker();
const temp = useTempLabs('nn-lab-data-setup-', trainWorker);
let lab: Lab;

beforeEach(async () => {
  lab = await temp.openLab({ threads: 1 });
});

const call = <K extends RequestName>(name: K, args?: unknown): Promise<RequestResult<K>> => callRequest(lab.handlers, name, args);

/** 300 points, exactly 150 of each class, `a` on 0..100 (so min-max differs from standard), one `b` missing. */
function pointsCsv(): string {
  const rng = new Random(5);
  const lines = ['a,b,side'];
  for (let i = 0; i < 300; i++) {
    const a = rng.next() * 100;
    const b = i === 7 ? '' : (rng.next() * 4 - 2).toFixed(3);
    lines.push(`${a.toFixed(2)},${b},${i % 2 ? 'above' : 'below'}`);
  }
  return `${lines.join('\n')}\n`;
}

const spec = { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 2 }, { type: 'softmax' }] };
const train = { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.05 }, batchSize: 32, epochs: 3, seed: 3 };
const setup: DataSetup = { validation: 0.3, test: 0.1, stratified: true, columns: { a: { scaling: 'minmax' }, b: { missing: 'median' } } };

async function importPoints(): Promise<string> {
  const path = join(temp.dir, 'points.csv');
  writeFileSync(path, pointsCsv());
  return (await call('datasets.import', { path })).info.id;
}

describe('runs.start with a data set-up', () => {
  it('trains with a 30 %/10 % stratified split and min-max on one column, stores them, and Re-run, Continue, Duplicate and bundles carry them', async () => {
    const datasetId = await importPoints();
    const queued = await call('runs.start', { datasetId, spec, train, data: setup });
    expect((await nextStatus(lab.bus, queued.id)).status).toBe('completed');
    const detail = await call('runs.get', { id: queued.id });
    expect(detail.data).toEqual(setup);
    // 30 % of each class of 150 is validation: the confusion matrix counts 45 rows of each.
    expect(detail.confusion?.split).toBe('validation');
    expect(detail.confusion!.matrix.map((row) => row.reduce((a, b) => a + b, 0))).toEqual([45, 45]);
    // The stored preprocessor is the one asked for: min-max on a (offset its training minimum), b's gap filled.
    const reader = openStore(lab.info.databasePath);
    try {
      const features = reader.getPreprocessor(queued.id)!.features as NumericTransform[];
      const a = features.find((f) => f.column === 'a')!;
      const b = features.find((f) => f.column === 'b')!;
      expect(a.scaling).toBe('minmax');
      expect(a.offset).toBeGreaterThanOrEqual(0);
      expect(a.offset).toBeLessThan(2);
      expect(a.scale).toBeGreaterThan(95);
      expect(b.scaling).toBe('standard');
      expect(b.fill).not.toBeNull();
    } finally {
      reader.close();
    }

    expect((await call('runs.duplicate', { id: queued.id })).data).toEqual(setup);
    const rerun = await call('runs.rerun', { id: queued.id });
    expect((await nextStatus(lab.bus, rerun.id)).status).toBe('completed');
    expect((await call('runs.get', { id: rerun.id })).data).toEqual(setup);
    const continued = await call('runs.continue', { id: queued.id, epochs: 1 });
    expect((await nextStatus(lab.bus, continued.id)).status).toBe('completed');
    expect((await call('runs.get', { id: continued.id })).data).toEqual(setup);
    const text = exportText(await call('runs.export', { id: queued.id, format: 'bundle' }));
    expect((JSON.parse(text) as { run: { data?: DataSetup } }).run.data).toEqual(setup);
    // Imported into another lab, the run keeps its set-up (and a copy made there would bring it back).
    const other = await temp.openLab({ name: 'other.db', threads: 1 });
    const imported = await callRequest(other.handlers, 'runs.import', { bundle: text });
    expect((await callRequest(other.handlers, 'runs.get', { id: imported.id })).data).toEqual(setup);
  }, 120_000);

  it('without one, a run keeps the app split (20 % validation) and stores no set-up', async () => {
    const datasetId = await importPoints();
    const queued = await call('runs.start', { datasetId, spec, train });
    expect((await nextStatus(lab.bus, queued.id)).status).toBe('completed');
    const detail = await call('runs.get', { id: queued.id });
    expect(detail.data).toBeUndefined();
    // 20 % of each class; the row missing b is dropped wherever it fell.
    const counts = detail.confusion!.matrix.map((row) => row.reduce((a, b) => a + b, 0));
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(59);
  }, 120_000);

  it('refuses a split that leaves no training rows, naming the field, and a set-up for generated data', async () => {
    const datasetId = await importPoints();
    const tooMuch = await dispatchRequest(lab.handlers, 'runs.start', { datasetId, spec, train, data: { validation: 0.6, test: 0.4 } });
    expect(tooMuch).toMatchObject({ ok: false, error: { code: 'invalid_args', field: 'data.test' } });
    expect(JSON.stringify(tooMuch)).toMatch(/leave some rows for training/);
    const badScaling = await dispatchRequest(lab.handlers, 'runs.start', { datasetId, spec, train, data: { columns: { a: { scaling: 'log' } } } });
    expect(badScaling).toMatchObject({ ok: false, error: { code: 'invalid_args', field: 'data.columns.a.scaling' } });
    const generated = await dispatchRequest(lab.handlers, 'runs.start', { datasetId: 'two-moons', spec, train, data: { validation: 0.3 } });
    expect(generated).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'data' } });
  }, 60_000);
});
