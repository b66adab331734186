import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayloads, RequestName, RequestResult } from '../../../src-core/contract/api';
import type { RunDetail, RunSummary } from '../../../src-core/contract/training';
import { createLab, type Lab } from '../../../src-main/app/create-lab';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { callRequest, callWholeRun } from '../../support/call-request';
import { nextStatus } from '../../support/run-status';
import { useTempLabs } from '../../support/temp-lab';
import { twoMoonsSpec, twoMoonsTrain } from '../pool/two-moons-run';

const trainWorker = useBuiltTrainWorker();
const temp = useTempLabs('nn-lab-service-', trainWorker);
let databasePath: string;

beforeEach(() => {
  databasePath = join(temp.dir, 'lab.db');
});

const openLab = (threads = 2): Promise<Lab> => temp.openLab({ threads });

const call = <K extends RequestName>(lab: Lab, name: K, args?: unknown): Promise<RequestResult<K>> => callRequest(lab.handlers, name, args);

type Seen = { [K in EventName]: { name: K; payload: EventPayloads[K] } }[EventName];

function record(lab: Lab): Seen[] {
  const seen: Seen[] = [];
  lab.bus.subscribe((name, payload) => seen.push({ name, payload } as Seen));
  return seen;
}

/** Resolves with the run's summary once a `run.status` event reports one of `statuses`. */
const statusOf = (lab: Lab, runId: string, statuses: RunSummary['status'][]): Promise<RunSummary> => nextStatus(lab.bus, runId, statuses);

const twoMoonsRun = (epochs: number) => ({ datasetId: 'two-moons', name: 'moons', spec: twoMoonsSpec, train: twoMoonsTrain(epochs) });

describe('lab service', () => {
  it('runs a training end to end: queued, running, every epoch stored then announced, completed with weights, kept across a restart', async () => {
    const lab = await openLab();
    const seen = record(lab);
    const storedWhenAnnounced: boolean[] = [];
    lab.bus.subscribe((name, payload) => {
      if (name !== 'run.progress') return;
      const { runId, metrics, earlier } = payload as EventPayloads['run.progress'];
      // Read synchronously, inside the emit: every epoch it carries must already be committed.
      const stored = (lab.handlers['runs.metrics']({ id: runId, from: 1 }) as RequestResult<'runs.metrics'>).metrics;
      for (const told of [...(earlier ?? []), metrics]) storedWhenAnnounced.push(stored.some((m) => m.epoch === told.epoch));
    });
    const started = await call(lab, 'runs.start', twoMoonsRun(30));
    expect(started).toMatchObject({ name: 'moons', status: 'queued', datasetName: 'Two moons', epochs: 30, epochsDone: 0 });
    const done = await statusOf(lab, started.id, ['completed', 'failed', 'diverged', 'stopped']);
    expect(done.status).toBe('completed');
    expect(done.epochsDone).toBe(30);

    const statuses = seen.filter((e) => e.name === 'run.status').map((e) => (e.payload as RunSummary).status);
    expect(statuses).toEqual(['queued', 'running', 'completed']);
    // Progress is coalesced (about 10 events a second) but, read with `earlier`, tells every epoch once, in order.
    const epochs = seen
      .filter((e) => e.name === 'run.progress')
      .flatMap((e) => {
        const { metrics, earlier } = e.payload as EventPayloads['run.progress'];
        return [...(earlier ?? []), metrics].map((m) => m.epoch);
      });
    expect(epochs).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // The last progress event (epoch 30) comes before the final status.
    const lastProgress = seen.map((e) => e.name).lastIndexOf('run.progress');
    expect(lastProgress).toBeLessThan(seen.findIndex((e) => e.name === 'run.status' && (e.payload as RunSummary).status === 'completed'));
    expect(storedWhenAnnounced).toHaveLength(30);
    expect(storedWhenAnnounced.every(Boolean)).toBe(true);

    const detail = await callWholeRun(lab.handlers, started.id);
    expect(detail).toMatchObject({ status: 'completed', hasWeights: true, seed: 7, spec: twoMoonsSpec });
    expect(detail.metrics.at(-1)!.valAccuracy).toBeGreaterThan(0.9);

    await lab.close();
    const reopened = await openLab();
    const runs = await call(reopened, 'runs.list');
    expect(runs.map((r) => [r.id, r.status, r.epochsDone])).toEqual([[started.id, 'completed', 30]]);
    const again = await callWholeRun(reopened.handlers, started.id);
    expect(again.metrics).toEqual(detail.metrics);
    expect(again.hasWeights).toBe(true);
  });

  it('stops a run on request: status stopped, the epochs so far and their weights kept', async () => {
    const lab = await openLab();
    const run = await call(lab, 'runs.start', twoMoonsRun(100_000));
    let asked = false;
    lab.bus.subscribe((name, payload) => {
      if (name === 'run.progress' && (payload as EventPayloads['run.progress']).metrics.epoch >= 2 && !asked) {
        asked = true;
        void call(lab, 'runs.stop', { id: run.id });
      }
    });
    const stopped = await statusOf(lab, run.id, ['stopped', 'completed', 'failed']);
    expect(stopped.status).toBe('stopped');
    expect(stopped.epochsDone).toBeGreaterThanOrEqual(2);
    expect((await callWholeRun(lab.handlers, run.id)).hasWeights).toBe(true);
    await expect(call(lab, 'runs.stop', { id: run.id })).rejects.toMatchObject({ code: 'conflict' });
    await expect(call(lab, 'runs.stop', { id: 'nope' })).rejects.toMatchObject({ code: 'not_found', field: 'id' });
  });

  it('a run waits queued while every thread is busy, then runs', async () => {
    const lab = await openLab(1);
    const long = await call(lab, 'runs.start', twoMoonsRun(100_000));
    const short = await call(lab, 'runs.start', twoMoonsRun(3));
    const statusWhileLongTrains = await new Promise<string>((resolve) => {
      const unsubscribe = lab.bus.subscribe((name, payload) => {
        const { runId, metrics } = payload as EventPayloads['run.progress'];
        if (name === 'run.progress' && runId === long.id && metrics.epoch >= 3) {
          unsubscribe();
          resolve((lab.handlers['runs.get']({ id: short.id }) as RunDetail).status);
        }
      });
    });
    expect(statusWhileLongTrains).toBe('queued');
    const shortDone = statusOf(lab, short.id, ['completed', 'failed', 'stopped']);
    await call(lab, 'runs.stop', { id: long.id });
    expect((await shortDone).status).toBe('completed');
    expect((await callWholeRun(lab.handlers, long.id)).status).toBe('stopped');
  });

  it('closing the lab mid-run stops it gracefully and stores its weights', async () => {
    const lab = await openLab();
    const run = await call(lab, 'runs.start', twoMoonsRun(100_000));
    await new Promise<void>((resolve) =>
      lab.bus.subscribe((name, payload) => {
        if (name === 'run.progress' && (payload as EventPayloads['run.progress']).runId === run.id) resolve();
      }),
    );
    await lab.close();
    const reopened = await openLab();
    const detail = await callWholeRun(reopened.handlers, run.id);
    expect(detail.status).toBe('stopped');
    expect(detail.hasWeights).toBe(true);
    expect(detail.metrics.length).toBe(detail.epochsDone);
  });

  it('refuses a run that cannot fit the dataset, naming the field, and stores nothing', async () => {
    const lab = await openLab();
    await expect(call(lab, 'runs.start', { ...twoMoonsRun(5), datasetId: 'nope' })).rejects.toMatchObject({
      code: 'not_found',
      field: 'datasetId',
    });
    await expect(call(lab, 'runs.start', { ...twoMoonsRun(5), spec: { ...twoMoonsSpec, input: [3] } })).rejects.toMatchObject({
      code: 'bad_input',
      field: 'spec.input',
    });
    const threeOutputs = { input: [2], layers: [{ type: 'dense', units: 3 }, { type: 'softmax' }] };
    await expect(call(lab, 'runs.start', { ...twoMoonsRun(5), spec: threeOutputs })).rejects.toMatchObject({
      code: 'bad_input',
      field: 'spec.layers.1',
      message: expect.stringContaining('2 classes'),
    });
    const noSoftmax = { input: [2], layers: [{ type: 'dense', units: 2 }] };
    await expect(call(lab, 'runs.start', { ...twoMoonsRun(5), spec: noSoftmax })).rejects.toMatchObject({
      code: 'bad_input',
      field: 'spec.layers.0',
      message: expect.stringContaining('softmax'),
    });
    await expect(call(lab, 'runs.start', { ...twoMoonsRun(5), train: { ...twoMoonsTrain(5), epochs: 0 } })).rejects.toMatchObject({
      code: 'invalid_args',
      field: 'train.epochs',
    });
    const twoOutputs = { input: [1], layers: [{ type: 'dense', units: 2 }] };
    const regression = { loss: 'mse', optimizer: { type: 'sgd' }, batchSize: 8, epochs: 2 };
    await expect(call(lab, 'runs.start', { datasetId: 'sine', spec: twoOutputs, train: regression })).rejects.toMatchObject({
      code: 'bad_input',
      field: 'spec.layers.0',
      message: expect.stringContaining('1 output'),
    });
    await expect(
      call(lab, 'runs.start', { datasetId: 'sine', spec: { input: [1], layers: [{ type: 'dense', units: 1 }] }, train: { ...regression, loss: 'cross_entropy' } }),
    ).rejects.toMatchObject({ code: 'bad_input', field: 'train.loss' });
    expect(await call(lab, 'runs.list')).toEqual([]);
    await expect(callWholeRun(lab.handlers, 'nope')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('trains a regression on a bundled curve', async () => {
    const lab = await openLab();
    const run = await call(lab, 'runs.start', {
      datasetId: 'sine',
      spec: { input: [1], layers: [{ type: 'dense', units: 16 }, { type: 'tanh' }, { type: 'dense', units: 1 }] },
      train: { loss: 'mse', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 16, epochs: 60, seed: 3 },
    });
    const end = await statusOf(lab, run.id, ['completed', 'failed', 'diverged', 'stopped']);
    expect(end.status).toBe('completed');
    const metrics = (await callWholeRun(lab.handlers, run.id)).metrics;
    expect(metrics.at(-1)!.valLoss).toBeLessThan(metrics[0]!.valLoss! / 2);
  });

  it('marks a diverging run diverged with the reason (when it may not pause itself)', async () => {
    const lab = await openLab();
    const run = await call(lab, 'runs.start', {
      datasetId: 'two-moons',
      spec: { input: [2], layers: [{ type: 'dense', units: 64 }, { type: 'relu' }, { type: 'dense', units: 64 }, { type: 'relu' }, { type: 'dense', units: 1 }] },
      train: { loss: 'mse', optimizer: { type: 'sgd', lr: 1e6 }, batchSize: 8, epochs: 50, seed: 1, autoPause: false },
    });
    const end = await statusOf(lab, run.id, ['diverged', 'completed', 'failed', 'stopped']);
    expect(end.status).toBe('diverged');
    expect(end.error).toMatch(/NaN|infinite|finite/i);
  });

  it('lists and previews the bundled datasets and describes the app', async () => {
    const lab = await openLab();
    const datasets = await call(lab, 'datasets.list');
    expect(datasets.map((d) => d.id)).toContain('two-moons');
    const preview = await call(lab, 'datasets.preview', { id: 'two-moons' });
    expect(preview.points).toHaveLength(500);
    expect(preview.labels).toHaveLength(500);
    await expect(call(lab, 'datasets.preview', { id: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
    expect(await call(lab, 'app.info')).toMatchObject({ name: 'NN Lab', host: 'browser', databasePath, threads: 2 });
  });

  it('reports an unopenable database as unavailable with its path', async () => {
    const blocked = join(temp.dir, 'a-file');
    (await import('node:fs')).writeFileSync(blocked, 'x');
    const path = join(blocked, 'lab.db'); // its folder is a file
    await expect(createLab({ databasePath: path, host: 'browser', workerFile: trainWorker() })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining(path),
    });
  });
});
