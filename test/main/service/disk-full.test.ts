import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../src-core/contract/training';
import { EventBus } from '../../../src-main/app/event-bus';
import { TrainingPool } from '../../../src-main/pool/training-pool';
import { createLabService } from '../../../src-main/service/lab-service';
import { openStore } from '../../../src-main/store/lab-store';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { callRequest as call } from '../../support/call-request';
import { nextStatus } from '../../support/run-status';
import { mountSmallDisk, smallDiskUnavailable } from '../../support/small-disk';
import { twoMoonsSpec, twoMoonsTrain } from '../pool/two-moons-run';

/**
 * A real full disk under the app's runs: the database on a small tmpfs that fills while two runs train on two
 * worker threads and a third waits. Unlike a page quota, the disk refuses the write when the group commits
 * (the WAL cannot grow), which is how a disk fills in use. Needs root to mount; skipped with the reason otherwise.
 */

const trainWorker = useBuiltTrainWorker();
const unavailable = smallDiskUnavailable();
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const moons = (name: string) => ({ datasetId: 'two-moons', name, spec: twoMoonsSpec, train: twoMoonsTrain(100_000) });

describe.skipIf(unavailable !== undefined)(`a full disk, for real${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  it('fails every run with a message naming the disk, stops the workers, keeps the epochs before, and recovers', async () => {
    const disk = mountSmallDisk(1024);
    cleanups.push(() => disk.remove());
    const path = join(disk.dir, 'lab.db');
    const store = openStore(path);
    cleanups.push(() => store.close());
    const pool = new TrainingPool({ threads: 2, workerFile: trainWorker() });
    cleanups.push(() => pool.close(2_000));
    const bus = new EventBus();
    const logged: string[] = [];
    const handlers = createLabService({
      store,
      pool,
      bus,
      info: { name: 'NN Lab', version: 'test', host: 'browser', databasePath: path, threads: 2 },
      log: (message, error) => logged.push(error instanceof Error ? `${message}: STACK` : `${message}: ${String(error)}`),
    });
    const runs: RunSummary[] = [];
    for (const name of ['a', 'b', 'c']) runs.push(await call(handlers, 'runs.start', moons(name)));
    const failed = await Promise.all(runs.map((run) => nextStatus(bus, run.id)));
    for (const run of failed) {
      expect(run.status).toBe('failed');
      expect(run.error).toMatch(/disk is full/);
    }
    expect(logged.length).toBeLessThanOrEqual(2 * runs.length);
    expect(logged.join('\n')).not.toMatch(/STACK/);
    // The database agrees (the reserve kept room for the endings), and Stop answers on any run it still lists live.
    for (const run of await call(handlers, 'runs.list')) {
      if (['queued', 'running', 'paused'].includes(run.status)) expect((await call(handlers, 'runs.stop', { id: run.id })).status).toBe('failed');
      else expect(run.status).toBe('failed');
    }

    // Space comes back: every ending is stored, with the epochs before it and no gap.
    disk.resize(64 * 1024);
    const deadline = Date.now() + 15_000;
    for (const run of runs) {
      while ((await call(handlers, 'runs.get', { id: run.id })).status !== 'failed' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      const detail = await call(handlers, 'runs.get', { id: run.id });
      expect(detail.status).toBe('failed');
      expect(detail.metrics.map((m) => m.epoch)).toEqual(Array.from({ length: detail.epochsDone }, (_, i) => i + 1));
    }
    expect(failed.some((run) => run.epochsDone > 0)).toBe(true);
    // The workers stopped: a new run gets a thread and completes.
    const next = await call(handlers, 'runs.start', { ...moons('after'), train: twoMoonsTrain(2) });
    expect((await nextStatus(bus, next.id)).status).toBe('completed');
    expect(store.connection.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
