import { describe, expect, it } from 'vitest';
import type { RequestName, RequestResult } from '../../../src-core/contract/api';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { TrainConfig } from '../../../src-core/contract/run-config';
import type { RunSummary } from '../../../src-core/contract/training';
import type { Lab } from '../../../src-main/app/create-lab';
import { openStore } from '../../../src-main/store/lab-store';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { callRequest, exportText } from '../../support/call-request';
import { nextStatus } from '../../support/run-status';
import { useTempLabs } from '../../support/temp-lab';

const trainWorker = useBuiltTrainWorker();
const temp = useTempLabs('nn-lab-auto-pause-', trainWorker);

const call = <K extends RequestName>(lab: Lab, name: K, args?: unknown): Promise<RequestResult<K>> => callRequest(lab.handlers, name, args);

/** A ReLU net on the sine curve at learning rate 10⁶: its first epoch's gradients overflow. */
const spec: ModelSpec = { input: [1], layers: [{ type: 'dense', units: 64 }, { type: 'relu' }, { type: 'dense', units: 64 }, { type: 'relu' }, { type: 'dense', units: 1 }] };
const bad = (autoPause?: boolean): TrainConfig => ({ loss: 'mse', optimizer: { type: 'sgd', lr: 1e6 }, batchSize: 16, epochs: 20, seed: 1, ...(autoPause === undefined ? {} : { autoPause }) });

describe('runs pause themselves when training goes bad (train.autoPause)', () => {
  it('by default a diverging run pauses itself, says why (stored with the run), and a stop ends it diverged', async () => {
    const lab = await temp.openLab({ threads: 1 });
    const run = await call(lab, 'runs.start', { datasetId: 'sine', name: 'bad', spec, train: bad() });
    const paused = await nextStatus(lab.bus, run.id, ['paused', 'completed', 'diverged', 'failed']);
    expect(paused.status).toBe('paused');
    expect(paused.pauseReason).toMatch(/^Training diverged at epoch 1, batch \d+: .*NaN or infinite/);
    // Stored: another connection to the same file reads it.
    const reader = openStore(lab.info.databasePath);
    try {
      expect(reader.findRun(run.id)).toMatchObject({ status: 'paused', pauseReason: paused.pauseReason });
    } finally {
      reader.close();
    }
    expect((await call(lab, 'runs.list')).find((r) => r.id === run.id)?.pauseReason).toBe(paused.pauseReason);
    await call(lab, 'runs.stop', { id: run.id });
    const ended = await nextStatus(lab.bus, run.id);
    expect(ended.status).toBe('diverged');
    expect(ended.error).toMatch(/training diverged at epoch 1/);
    expect(ended.pauseReason).toBe(paused.pauseReason);
    // Kept in the run's bundle: another lab that imports it reads why it paused.
    const bundle = await call(lab, 'runs.export', { id: run.id, format: 'bundle' });
    const other = await temp.openLab({ name: 'other.db', threads: 1 });
    const imported = await call(other, 'runs.import', { bundle: exportText(bundle) });
    expect(imported).toMatchObject({ status: 'diverged', pauseReason: paused.pauseReason });
  });

  it('resumed, it trains on (and pauses again when it goes bad again); the reason is cleared while it trains', async () => {
    const lab = await temp.openLab({ threads: 1 });
    const run = await call(lab, 'runs.start', { datasetId: 'sine', name: 'bad', spec, train: bad(true) });
    await nextStatus(lab.bus, run.id, ['paused']);
    const running = nextStatus(lab.bus, run.id, ['running']);
    const again = nextStatus(lab.bus, run.id, ['paused']);
    await call(lab, 'runs.resume', { id: run.id });
    const resumed = await running;
    expect(resumed.pauseReason).toBeUndefined();
    expect((await again).pauseReason).toMatch(/NaN or infinite/);
    await call(lab, 'runs.stop', { id: run.id });
    expect((await nextStatus(lab.bus, run.id)).status).toBe('diverged');
  });

  it('a resume and the pause right after it, committed together (a busy main thread), are both announced, in order', async () => {
    const lab = await temp.openLab({ threads: 1 });
    const run = await call(lab, 'runs.start', { datasetId: 'sine', name: 'bad', spec, train: bad(true) });
    await nextStatus(lab.bus, run.id, ['paused']);
    const told: { status: string; pauseReason?: string }[] = [];
    lab.bus.subscribe((name, payload) => {
      const summary = payload as RunSummary;
      if (name === 'run.status' && summary.id === run.id) told.push({ status: summary.status, ...(summary.pauseReason ? { pauseReason: summary.pauseReason } : {}) });
    });
    const again = nextStatus(lab.bus, run.id, ['paused']);
    await call(lab, 'runs.resume', { id: run.id });
    // The main thread is busy while the worker resumes and goes bad again at its next batch (milliseconds): both of
    // its reports then arrive in one turn and are committed in one transaction. (On a machine so loaded that the
    // worker takes longer, they arrive apart and this test checks the ordinary path.)
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1_000);
    await again;
    expect(told).toEqual([{ status: 'running' }, { status: 'paused', pauseReason: expect.stringMatching(/NaN or infinite/) }]);
    await call(lab, 'runs.stop', { id: run.id });
    expect((await nextStatus(lab.bus, run.id)).status).toBe('diverged');
  });

  it('with autoPause false the same run never pauses: it ends diverged at once', async () => {
    const lab = await temp.openLab({ threads: 1 });
    const statuses: string[] = [];
    lab.bus.subscribe((name, payload) => {
      if (name === 'run.status') statuses.push((payload as { status: string }).status);
    });
    const run = await call(lab, 'runs.start', { datasetId: 'sine', name: 'bad', spec, train: bad(false) });
    const ended = await nextStatus(lab.bus, run.id);
    expect(ended.status).toBe('diverged');
    expect(statuses).not.toContain('paused');
    expect(ended.pauseReason).toBeUndefined();
  });
});
