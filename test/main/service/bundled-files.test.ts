import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../src-core/contract/training';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { callRequest, callWholeRun } from '../../support/call-request';
import { nextStatus } from '../../support/run-status';
import { useTempLabs } from '../../support/temp-lab';

/** The real datasets shipped in resources/datasets: listed with the generators, credited, and trained on by id. */

const trainWorker = useBuiltTrainWorker();
const temp = useTempLabs('nn-lab-bundled-files-', trainWorker);
const folder = join(__dirname, '../../../resources/datasets');

describe('bundled dataset files', () => {
  it('are listed after the generators, each with its source and licence, and cannot be deleted', async () => {
    const lab = await temp.openLab({ threads: 1 });
    const list = await callRequest(lab.handlers, 'datasets.list', undefined);
    const ids = list.map((d) => d.id);
    // after the generated ones (the last: the Learn explorers' checklist sets)
    const last = ids.indexOf('checklist-nan-in-data');
    expect(ids.slice(last + 1, last + 5)).toEqual(['iris', 'wine', 'breast-cancer', 'digits']);
    const iris = list.find((d) => d.id === 'iris')!;
    expect(iris).toMatchObject({ name: 'Iris', task: 'classification', rows: 150, inputShape: [4], classes: ['setosa', 'versicolor', 'virginica'] });
    expect(iris.credit).toMatchObject({ source: expect.stringContaining('Fisher (1936)'), licence: 'CC BY 4.0' });
    expect(list.find((d) => d.id === 'digits')).toMatchObject({ inputShape: [1, 8, 8], credit: { licence: 'CC BY 4.0' } });
    expect(list.find((d) => d.id === 'two-moons')!.credit).toBeUndefined();
    await expect(callRequest(lab.handlers, 'datasets.delete', { id: 'iris' })).rejects.toThrow('Iris is bundled with NN Lab and cannot be deleted.');
  });

  it('train by id: an Iris run completes and names the file\'s content hash, as a CLI run on iris.csv would', async () => {
    const lab = await temp.openLab({ threads: 1 });
    const run: RunSummary = await callRequest(lab.handlers, 'runs.start', {
      datasetId: 'iris',
      spec: { input: [4], layers: [{ type: 'dense', units: 16 }, { type: 'relu' }, { type: 'dense', units: 3 }, { type: 'softmax' }] },
      train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 16, epochs: 60, seed: 3 },
    });
    expect(run.name).toBe('Iris #1');
    const done = await nextStatus(lab.bus, run.id, ['completed', 'failed', 'diverged', 'stopped']);
    expect(done.status).toBe('completed');
    const detail = await callWholeRun(lab.handlers, run.id);
    expect(detail.metrics.at(-1)!.valAccuracy).toBeGreaterThan(0.8);
    const fileHash = createHash('sha256').update(readFileSync(join(folder, 'iris.csv'))).digest('hex');
    expect(detail.datasetHash).toBe(`sha256:${fileHash}`);
  });

  it('train the 8×8 digits as images with a small CNN', async () => {
    const lab = await temp.openLab({ threads: 1 });
    const run = await callRequest(lab.handlers, 'runs.start', {
      datasetId: 'digits',
      spec: { input: [1, 8, 8], layers: [{ type: 'conv2d', filters: 4, kernel: 3 }, { type: 'relu' }, { type: 'flatten' }, { type: 'dense', units: 10 }, { type: 'softmax' }] },
      train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32, epochs: 2, seed: 3 },
    });
    const done = await nextStatus(lab.bus, run.id, ['completed', 'failed', 'diverged', 'stopped']);
    expect(done).toMatchObject({ status: 'completed', datasetName: 'Digits 8×8' });
  });
});
