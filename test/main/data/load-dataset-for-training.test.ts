import { Worker } from 'node:worker_threads';
import { beforeEach, describe, expect, it } from 'vitest';
import { inferColumns } from '../../../src-core/data/columns/infer-columns';
import { parseCsv } from '../../../src-core/data/csv/parse-csv';
import { plannedInputShape } from '../../../src-core/data/datasets/imported-training';
import { diagnoseDataset } from '../../../src-core/data/doctor/diagnose-dataset';
import type { NumericTransform } from '../../../src-core/data/preprocess/preprocessor-state';
import { loadDatasetForTraining } from '../../../src-main/data/load-dataset-for-training';
import { datasetStoreOf } from '../../../src-main/service/dataset-service';
import type { DatasetStore } from '../../../src-main/store/dataset-store';
import { useTempStore } from '../../support/temp-store';

const temp = useTempStore('nn-lab-load-dataset-');
let datasets: DatasetStore;

beforeEach(() => {
  datasets = datasetStoreOf(temp.store);
});

/** 50 rows: a measurement x (repeating values, so not an id), a colour, and a class that alternates. */
function saveDataset(): string {
  const lines = ['x,colour,label'];
  for (let i = 0; i < 50; i++) lines.push(`${((i * i) % 37) + 0.25},${['red', 'green', 'blue'][i % 3]},${i % 2 ? 'odd' : 'even'}`);
  const bytes = new TextEncoder().encode(`${lines.join('\n')}\n`);
  const table = parseCsv(bytes, { fileName: 'rows.csv' });
  const plan = inferColumns(table);
  const { dataset } = datasets.saveImported(
    { hash: '12'.repeat(32), fileName: 'rows.csv', fileSize: bytes.length, table, stored: { plan, inputShape: plannedInputShape(table, plan) }, report: diagnoseDataset(table, plan) },
    '2026-11-21T10:00:00.000Z',
  );
  return dataset.info.id;
}

describe('loadDatasetForTraining', () => {
  it('builds train and validation tensors on SharedArrayBuffers with a preprocessor fitted on the training rows', () => {
    const data = loadDatasetForTraining(datasets, saveDataset());
    expect(data).toMatchObject({ inputShape: [4], task: 'classification', classCount: 2, classes: ['even', 'odd'] });
    expect(data.train.rows + data.validation!.rows).toBe(50);
    expect(data.validation!.rows).toBe(10);
    for (const tensor of [data.train.x, data.train.y, data.validation!.x, data.validation!.y]) {
      expect(tensor.buffer).toBeInstanceOf(SharedArrayBuffer);
    }
    expect(data.train.x).toHaveLength(data.train.rows * 4); // (rows, 4): x and colour one-hot
    // Standard scaling of x: the training rows' mean, not all 50 rows'.
    const scaled = data.preprocessor.features[0] as NumericTransform;
    const trainX = Array.from({ length: data.train.rows }, (_, r) => data.train.x[r * 4]! * scaled.scale + scaled.offset);
    const mean = trainX.reduce((a, b) => a + b, 0) / trainX.length;
    expect(scaled.offset).toBeCloseTo(mean, 4);
    const allRows = Array.from({ length: 50 }, (_, i) => ((i * i) % 37) + 0.25);
    expect(scaled.offset).not.toBeCloseTo(allRows.reduce((a, b) => a + b, 0) / 50, 4);
  });

  it('shares the arrays with a worker thread instead of copying them', async () => {
    const data = loadDatasetForTraining(datasets, saveDataset());
    const worker = new Worker(`require('node:worker_threads').parentPort.once('message', (x) => { x[0] = 123; require('node:worker_threads').parentPort.postMessage('done'); });`, { eval: true });
    await new Promise((resolve) => {
      worker.once('message', resolve);
      worker.postMessage(data.train.x);
    });
    await worker.terminate();
    expect(data.train.x[0]).toBe(123);
  });
});
