import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RequestName, RequestResult } from '../../../src-core/contract/api';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { TrainConfig } from '../../../src-core/contract/run-config';
import type { EpochMetrics, RunSummary } from '../../../src-core/contract/training';
import { Random } from '../../../src-core/data/random';
import { createLab, type Lab } from '../../../src-main/app/create-lab';
import type { RunBundle } from '../../../src-main/store/run-bundle';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { callRequest, callWholeRun, exportText } from '../../support/call-request';
import { endStatuses } from '../../support/run-status';
import { useTempLabs } from '../../support/temp-lab';

/**
 * runs.continue through the service (real pool, real database): a run continued from its stored weights,
 * optimizer state and generator state trains on exactly as the run would have in one go.
 */
const trainWorker = useBuiltTrainWorker();
const temp = useTempLabs('nn-lab-continue-', trainWorker);
let lab: Lab;

beforeEach(async () => {
  lab = await temp.openLab({ threads: 2 });
});

const call = <K extends RequestName>(name: K, args?: unknown): Promise<RequestResult<K>> => callRequest(lab.handlers, name, args);

/** Starts a run (by `begin`) and settles with its ending; listening starts first, so an early ending is not missed. */
function runToEnd(begin: () => Promise<RunSummary>): Promise<RunSummary> {
  return new Promise((resolve, reject) => {
    let id: string | undefined;
    const early = new Map<string, RunSummary>();
    const stop = lab.bus.subscribe((name, payload) => {
      const summary = payload as RunSummary;
      if (name !== 'run.status' || !endStatuses.includes(summary.status)) return;
      if (id === undefined) early.set(summary.id, summary);
      else if (summary.id === id) {
        stop();
        resolve(summary);
      }
    });
    begin().then((queued) => {
      id = queued.id;
      const already = early.get(id);
      if (already) {
        stop();
        resolve(already);
      }
    }, reject);
  });
}

// Dropout and shuffling draw from the generator, batchnorm and adam keep state, the plateau schedule lowers the rate:
// a continue that lost any of them would drift from the run in one go.
const spec: ModelSpec = {
  input: [2],
  layers: [{ type: 'dense', units: 12 }, { type: 'batchnorm' }, { type: 'relu' }, { type: 'dropout', rate: 0.2 }, { type: 'dense', units: 2 }, { type: 'softmax' }],
};
const train = (epochs: number): TrainConfig => ({
  loss: 'cross_entropy',
  optimizer: { type: 'adam', lr: 0.2 },
  batchSize: 16,
  epochs,
  seed: 5,
  schedule: { type: 'reduce_on_plateau', patience: 0, factor: 0.5 },
});
const withoutSeconds = (metrics: EpochMetrics[]) => metrics.map(({ seconds: _seconds, ...rest }) => rest);
const finalWeights = (bundle: RunBundle) => bundle.weights.find((w) => w.kind === 'final')!;

async function bundleOf(id: string): Promise<RunBundle> {
  return JSON.parse(exportText(await call('runs.export', { id, format: 'bundle' }))) as RunBundle;
}

describe('runs.continue', () => {
  it('run 10 epochs = run 6 then continue 4: bit-identical epochs and final weights; the child records its parent and numbers on', async () => {
    const whole = await runToEnd(() => call('runs.start', { datasetId: 'two-moons', name: 'whole', spec, train: train(10) }));
    const part = await runToEnd(() => call('runs.start', { datasetId: 'two-moons', name: 'part', spec, train: train(6) }));
    expect([whole.status, part.status]).toEqual(['completed', 'completed']);
    const child = await runToEnd(() => call('runs.continue', { id: part.id, epochs: 4 }));
    expect(child.status).toBe('completed');

    const wholeDetail = await callWholeRun(lab.handlers, whole.id);
    const partDetail = await callWholeRun(lab.handlers, part.id);
    const childDetail = await callWholeRun(lab.handlers, child.id);
    expect(childDetail.parentRunId).toBe(part.id);
    expect(childDetail.metrics.map((m) => m.epoch)).toEqual([7, 8, 9, 10]);
    expect(childDetail.train.epochs).toBe(10);
    expect(child.epochsDone).toBe(10);
    expect(withoutSeconds([...partDetail.metrics, ...childDetail.metrics])).toEqual(withoutSeconds(wholeDetail.metrics));
    // The schedule did lower the rate, so its restored state mattered.
    expect(wholeDetail.metrics[9]!.lr).toBeLessThan(0.2);
    const [a, b] = [finalWeights(await bundleOf(whole.id)), finalWeights(await bundleOf(child.id))];
    expect(b.epoch).toBe(10);
    expect(b.data).toBe(a.data);

    // Continuing the continued run goes on from epoch 10.
    const grandchild = await runToEnd(() => call('runs.continue', { id: child.id, epochs: 2 }));
    expect((await callWholeRun(lab.handlers, grandchild.id)).metrics.map((m) => m.epoch)).toEqual([11, 12]);
  }, 120_000);

  it('a run imported from its bundle into another database continues there bit-identically', async () => {
    const whole = await runToEnd(() => call('runs.start', { datasetId: 'two-moons', name: 'whole', spec, train: train(10) }));
    const part = await runToEnd(() => call('runs.start', { datasetId: 'two-moons', name: 'part', spec, train: train(6) }));
    const bundle = exportText(await call('runs.export', { id: part.id, format: 'bundle' }));
    const wholeMetrics = (await callWholeRun(lab.handlers, whole.id)).metrics;
    const wholeWeights = finalWeights(await bundleOf(whole.id)).data;
    expect((JSON.parse(bundle) as RunBundle).resume?.optimizer.epochs).toBe(6);
    const home = lab;
    lab = await createLab({ databasePath: join(temp.dir, 'other.db'), host: 'browser', threads: 1, workerFile: trainWorker() });
    try {
      await call('runs.import', { bundle });
      const child = await runToEnd(() => call('runs.continue', { id: part.id, epochs: 4 }));
      const metrics = (await callWholeRun(lab.handlers, child.id)).metrics;
      expect(withoutSeconds(metrics)).toEqual(withoutSeconds(wholeMetrics.slice(6)));
      expect(finalWeights(await bundleOf(child.id)).data).toBe(wholeWeights);
    } finally {
      await lab.close();
      lab = home;
    }
  }, 120_000);

  it('continues a stopped run from the epoch it stopped at', async () => {
    let asked = false;
    const stopped = await runToEnd(async () => {
      const queued = await call('runs.start', { datasetId: 'two-moons', name: 'long', spec, train: train(100_000) });
      lab.bus.subscribe((name, payload) => {
        const { runId, metrics } = payload as { runId: string; metrics: EpochMetrics };
        if (name === 'run.progress' && runId === queued.id && metrics.epoch >= 3 && !asked) {
          asked = true;
          void call('runs.stop', { id: queued.id });
        }
      });
      return queued;
    });
    expect(stopped.status).toBe('stopped');
    const child = await runToEnd(() => call('runs.continue', { id: stopped.id, epochs: 2 }));
    const epochs = (await callWholeRun(lab.handlers, child.id)).metrics.map((m) => m.epoch);
    expect(epochs).toEqual([stopped.epochsDone + 1, stopped.epochsDone + 2]);
  }, 120_000);
});

describe('a run on imported data', () => {
  it('stores the fitted preprocessor with the run, and its bundle carries it', async () => {
    const rng = new Random(3);
    const lines = ['a,b,colour,side'];
    for (let i = 0; i < 200; i++) {
      const [x, y] = [rng.next() * 40 - 20, rng.next() * 4 - 2];
      lines.push(`${x.toFixed(3)},${y.toFixed(3)},${['red', 'blue'][i % 2]},${y * 10 > x ? 'above' : 'below'}`);
    }
    const path = join(temp.dir, 'sides.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const imported = await call('datasets.import', { path });
    const importedSpec = { input: [4], layers: [{ type: 'dense', units: 4 }, { type: 'tanh' }, { type: 'dense', units: 2 }, { type: 'softmax' }] };
    const run = await runToEnd(() =>
      call('runs.start', { datasetId: imported.info.id, spec: importedSpec, train: { ...train(3), schedule: undefined } }),
    );
    expect(run.status).toBe('completed');
    const bundle = await bundleOf(run.id);
    expect(bundle.run.datasetHash).toBe(`sha256:${imported.info.source!.hash}`);
    // a is scaled with the mean and spread of the training rows (about 0 and 11.5 for a uniform spread over ±20).
    const transforms = JSON.stringify(bundle.preprocessor);
    expect(bundle.preprocessor?.inputShape).toEqual([4]);
    expect(transforms).toContain('"colour"');
    expect(transforms).toContain('red');
    // A bundle of a bundled-data run has none.
    const moons = await runToEnd(() => call('runs.start', { datasetId: 'two-moons', spec, train: train(1) }));
    expect((await bundleOf(moons.id)).preprocessor).toBeUndefined();
  }, 120_000);
});
