import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestName, RequestResult } from '../../../src-core/contract/api';
import { ApiError } from '../../../src-core/contract/api-error';
import type { FullRun, RunSummary } from '../../../src-core/contract/training';
import { parseModelFile } from '../../../src-core/nn/model-file';
import { createLab, type Lab } from '../../../src-main/app/create-lab';
import { dispatchRequest } from '../../../src-main/app/dispatch';
import { openStore } from '../../../src-main/store/lab-store';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { nnLab, tempFolder } from './cli-harness';
import { blobsConfig, blobsCsv } from './runs-fixtures';

/** What `nn-lab train --db` records, compared with what the app records for the same file. */
let tmp: ReturnType<typeof tempFolder>;
const trainWorker = useBuiltTrainWorker();
beforeEach(() => {
  tmp = tempFolder();
});
afterEach(() => tmp.cleanup());

async function trainInto(db: string, config: object): Promise<string> {
  tmp.write('run.json', JSON.stringify(config));
  const result = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--db', db);
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  return /run ([0-9a-f-]{36}) recorded/.exec(result.out)![1]!;
}

async function show(id: string): Promise<FullRun> {
  return JSON.parse((await nnLab(tmp.dir, 'runs', 'show', id, '--db', 'lab.db', '--json')).out) as FullRun;
}

type Call = <K extends RequestName>(name: K, args?: unknown) => Promise<RequestResult<K>>;

/** Runs `use` against an app (database app.db beside the test's files); `ended` is the id of the first run to end. */
async function inApp<T>(use: (call: Call, ended: Promise<string>) => Promise<T>): Promise<T> {
  const lab: Lab = await createLab({ databasePath: join(tmp.dir, 'app.db'), host: 'browser', threads: 1, workerFile: trainWorker() });
  try {
    const call: Call = async (name, args) => {
      const response = await dispatchRequest(lab.handlers, name, args);
      if (!response.ok) throw new ApiError(response.error);
      return response.value as RequestResult<typeof name>;
    };
    const ended = new Promise<string>((resolve) => {
      lab.bus.subscribe((name, payload) => {
        const summary = payload as RunSummary;
        if (name === 'run.status' && ['completed', 'failed'].includes(summary.status)) resolve(summary.id);
      });
    });
    return await use(call, ended);
  } finally {
    await lab.close();
  }
}

describe('nn-lab train --db', () => {
  it('records the dataset as sha256 of the file bytes, the same hash an app run on an import of that file records', async () => {
    // Latin-1 bytes (class "à" as 0xE0): hashing the decoded text rather than the bytes would give another hash.
    const bytes = Buffer.from(blobsCsv(80).replace(/,a\n/g, ',\u00e0\n'), 'latin1');
    const path = join(tmp.dir, 'blobs.csv');
    writeFileSync(path, bytes);
    const cliRun = await show(await trainInto('lab.db', blobsConfig(2)));
    const fileHash = createHash('sha256').update(bytes).digest('hex');
    expect(cliRun.datasetHash).toBe(`sha256:${fileHash}`);

    await inApp(async (call, ended) => {
      const imported = await call('datasets.import', { path });
      expect(imported.info.source!.hash).toBe(fileHash);
      const spec = { input: imported.info.inputShape, layers: [{ type: 'dense', units: imported.info.classes!.length }, { type: 'softmax' }] };
      await call('runs.start', { datasetId: imported.info.id, spec, train: { loss: 'cross_entropy', optimizer: { type: 'sgd' }, batchSize: 16, epochs: 1 } });
      const appRun = await call('runs.get', { id: await ended });
      expect(appRun.datasetHash).toBe(cliRun.datasetHash);
    });
  }, 120_000);

  it('trains as the app does: the same config stores bit-identical metrics and weights by the CLI and by the service', async () => {
    const path = tmp.write('blobs.csv', blobsCsv(80));
    const config = blobsConfig(6);
    // The app's split and scaling of an imported file (20% validation, seed 42, standardized), and early stopping.
    const train = { ...config.train, seed: 42, earlyStopping: { patience: 2, restoreBest: false } };
    const data = { ...config.data, validation: 0.2, preprocess: { scale: 'standard' as const } };
    const cliId = await trainInto('lab.db', { ...config, data, train });

    const appId = await inApp(async (call, ended) => {
      const imported = await call('datasets.import', { path });
      await call('runs.start', { datasetId: imported.info.id, spec: config.model, train });
      return ended;
    });
    const cli = openStore(join(tmp.dir, 'lab.db'));
    const app = openStore(join(tmp.dir, 'app.db'));
    try {
      const withoutTime = (id: string, store: typeof cli): unknown[] => store.getRun(id).metrics.map(({ seconds: _, ...m }) => m);
      expect(withoutTime(cliId, cli)).toEqual(withoutTime(appId, app));
      expect(cli.getRun(cliId).metrics).toHaveLength(6);
      for (const kind of ['final', 'best'] as const) {
        const [a, b] = [cli.getWeights(cliId, kind)!, app.getWeights(appId, kind)!];
        expect(a.epoch).toBe(b.epoch);
        expect(a.state).toEqual(b.state);
      }
      expect(cli.getResume(cliId)).toEqual(app.getResume(appId));
      expect(cli.getRun(cliId).confusion).toEqual(app.getRun(appId).confusion);
      // Its split and scaling are recorded as the app's data set-up, so Duplicate & edit in the app loads them back.
      expect(cli.getRun(cliId).data).toEqual({ validation: 0.2, columns: { x: { scaling: 'standard' }, y: { scaling: 'standard' } } });
    } finally {
      cli.close();
      app.close();
    }
  }, 120_000);

  it('scores a test split as the app does: the printed test line, the stored test score and input statistics agree with an app run', async () => {
    const path = tmp.write('blobs.csv', blobsCsv(100));
    const config = blobsConfig(4);
    const train = { ...config.train, seed: 42 };
    const data = { ...config.data, validation: 0.2, test: 0.2, preprocess: { scale: 'none' as const } };
    tmp.write('run.json', JSON.stringify({ ...config, data, train }));
    const result = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--db', 'lab.db');
    expect(result.code).toBe(0);
    const cliId = /run ([0-9a-f-]{36}) recorded/.exec(result.out)![1]!;
    const printed = /test \((\d+) rows\) {2}loss (\S+) {2}acc (\S+)/.exec(result.out)!;
    const appId = await inApp(async (call, ended) => {
      const imported = await call('datasets.import', { path });
      await call('runs.start', { datasetId: imported.info.id, spec: config.model, train, data: { validation: 0.2, test: 0.2, columns: { x: { scaling: 'none' }, y: { scaling: 'none' } } } });
      return ended;
    });
    const cli = openStore(join(tmp.dir, 'lab.db'));
    const app = openStore(join(tmp.dir, 'app.db'));
    try {
      const test = cli.getRun(cliId).test!;
      expect(test).toEqual(app.getRun(appId).test);
      expect(cli.getRun(cliId).testConfusion).toEqual(app.getRun(appId).testConfusion);
      expect(Number(printed[1])).toBe(test.rows);
      expect(Number(printed[2])).toBeCloseTo(test.loss, 4);
      expect(Number(printed[3])).toBeCloseTo(test.accuracy!, 4);
      expect(cli.getRun(cliId).inputStats).toEqual(app.getRun(appId).inputStats);
      expect(cli.getRun(cliId).inputStats!.map((s) => s.name)).toEqual(['x', 'y']);
    } finally {
      cli.close();
      app.close();
    }
    const shown = await nnLab(tmp.dir, 'runs', 'show', cliId, '--db', 'lab.db');
    expect(shown.out).toMatch(new RegExp(`^test {6}${printed[1]} held-out rows: loss ${printed[2]} {2}acc ${printed[3]}$`, 'm'));
  }, 120_000);

  it('after divergence stores the last finite weights and writes --out, as the app does', async () => {
    tmp.write('blobs.csv', blobsCsv(80));
    const config = blobsConfig(20);
    // A regression of x on y and the one-hot label, at a rate that blows up (issue 10's case).
    const model = { input: [3], layers: [{ type: 'dense', units: 64 }, { type: 'relu' }, { type: 'dense', units: 64 }, { type: 'relu' }, { type: 'dense', units: 1 }] };
    const train = { ...config.train, loss: 'mse', optimizer: { type: 'sgd', lr: 1e6 }, batchSize: 8 };
    tmp.write('run.json', JSON.stringify({ ...config, data: { ...config.data, target: 'x' }, model, train }));
    const result = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--db', 'lab.db', '--out', 'm.json');
    expect(result.code).not.toBe(0);
    expect(result.err).toMatch(/training diverged at epoch \d+.*; the weights are (the last finite ones|those of the start of epoch)/);
    expect(result.out).toMatch(/model written to .*m\.json/);
    const id = /run ([0-9a-f-]{36}) recorded/.exec(result.out)![1]!;
    const run = await show(id);
    expect(run.status).toBe('diverged');
    const final = run.weights!.find((w) => w.kind === 'final')!;
    expect(final.epoch).toBe(run.metrics.length);
    const store = openStore(join(tmp.dir, 'lab.db'));
    try {
      const stored = store.getWeights(id)!;
      expect(Object.values(stored.state).every((t) => t.data.every(Number.isFinite))).toBe(true);
      const file = parseModelFile(readFileSync(join(tmp.dir, 'm.json'), 'utf8'), 'm.json');
      // The file writes each float32 in its shortest form.
      for (const [key, tensor] of Object.entries(stored.state)) expect(Float32Array.from(file.state[key]!.data)).toEqual(Float32Array.from(tensor.data));
    } finally {
      store.close();
    }
  });

  it('under early stopping stores the best epoch’s weights beside the final ones, as the app does', async () => {
    tmp.write('blobs.csv', blobsCsv(80));
    const config = blobsConfig(400);
    // A high rate that overshoots: the validation loss stops improving long before 400 epochs.
    const id = await trainInto('lab.db', { ...config, train: { ...config.train, optimizer: { type: 'sgd', lr: 3 }, earlyStopping: { patience: 3, restoreBest: false } } });
    const run = await show(id);
    expect(run.metrics.length).toBeLessThan(400);
    const best = run.weights!.find((w) => w.kind === 'best')!;
    const final = run.weights!.find((w) => w.kind === 'final')!;
    expect(final.epoch).toBe(run.metrics.length);
    const bestLoss = Math.min(...run.metrics.map((m) => m.valLoss!));
    expect(run.metrics.find((m) => m.epoch === best.epoch)!.valLoss).toBe(bestLoss);
    expect(best.epoch).toBeLessThan(final.epoch);
  });

  it('keeps the fitted preprocessor and the resume state with the run', async () => {
    tmp.write('blobs.csv', blobsCsv(80));
    const id = await trainInto('lab.db', blobsConfig(3));
    const store = openStore(join(tmp.dir, 'lab.db'));
    try {
      expect(store.getPreprocessor(id)?.inputShape).toEqual([2]);
      const resume = store.getResume(id)!;
      expect(resume.optimizer).toMatchObject({ type: 'adam', epochs: 3 });
      expect(resume.rng.order).toHaveLength(60); // the training rows: 80 less a 25% validation split
    } finally {
      store.close();
    }
  });

  it('stores snapshots of what the network computes, in the data\'s own units and class names, as the app does', async () => {
    tmp.write('blobs.csv', blobsCsv(80));
    const id = await trainInto('lab.db', blobsConfig(3));
    const store = openStore(join(tmp.dir, 'lab.db'));
    try {
      const frame = store.getSnapshotFrame(id)!;
      expect(frame).toMatchObject({ task: 'classification', split: 'validation', classes: 2, classNames: ['a', 'b'], plane: { labels: ['x', 'y'] } });
      // The probe rows as the file has them (the preprocessor undone), not standardised.
      const view = frame.view.kind === 'table' ? frame.view : undefined;
      expect(view?.columns).toEqual(['x', 'y']);
      const snapshots = store.pageSnapshots(id, 1, 10).snapshots;
      expect(snapshots[0]!.epoch).toBe(1);
      expect(snapshots.at(-1)!.epoch).toBe(3);
      expect(snapshots.at(-1)!.predicted!.shape).toEqual([20]);
    } finally {
      store.close();
    }
  });
});
