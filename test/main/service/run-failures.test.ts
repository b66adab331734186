import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestHandlers } from '../../../src-core/contract/api';
import type { RunSummary } from '../../../src-core/contract/training';
import { EventBus } from '../../../src-main/app/event-bus';
import { TrainingPool } from '../../../src-main/pool/training-pool';
import { createLabService } from '../../../src-main/service/lab-service';
import { openStore, type LabStore } from '../../../src-main/store/lab-store';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { callRequest, callWholeRun } from '../../support/call-request';
import { nextStatus } from '../../support/run-status';
import { useTempDir } from '../../support/temp-dir';
import { twoMoonsSpec, twoMoonsTrain } from '../pool/two-moons-run';

/** Failures a user would meet: a worker that crashes, a full disk. Real threads, real SQLite files. */

const trainWorker = useBuiltTrainWorker();
const temp = useTempDir('nn-lab-failures-');
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function service(store: LabStore, env?: Record<string, string>): { handlers: RequestHandlers; bus: EventBus; logged: string[] } {
  const pool = new TrainingPool({ threads: 1, workerFile: trainWorker(), ...(env ? { env } : {}) });
  cleanups.push(() => pool.close());
  const bus = new EventBus();
  const logged: string[] = [];
  const handlers = createLabService({
    store,
    pool,
    bus,
    info: { name: 'NN Lab', version: 'test', host: 'browser', databasePath: store.path, threads: 1 },
    log: (message) => logged.push(message),
  });
  return { handlers, bus, logged };
}

const call = callRequest;

const ended = (bus: EventBus, runId: string): Promise<RunSummary> => nextStatus(bus, runId);

const moons = (epochs: number) => ({ datasetId: 'two-moons', name: 'moons', spec: twoMoonsSpec, train: twoMoonsTrain(epochs) });

describe('a worker that crashes', () => {
  for (const how of ['exit', 'throw'] as const) {
    it(`(${how}) fails its run with the error, keeps its epochs, and the pool and database carry on`, async () => {
      const store = openStore(join(temp.dir, 'lab.db'));
      cleanups.push(() => store.close());
      // Every worker dies after its third epoch: a 10-epoch run crashes, a 2-epoch run completes.
      const { handlers, bus } = service(store, { NN_LAB_TEST_WORKER_CRASH: `${how}:3` });
      const doomed = await call(handlers, 'runs.start', moons(10));
      const failed = await ended(bus, doomed.id);
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(/training worker stopped unexpectedly/);
      if (how === 'throw') expect(failed.error).toMatch(/test crash outside the job/);
      expect(failed.epochsDone).toBeLessThanOrEqual(3);
      const next = await call(handlers, 'runs.start', moons(2));
      expect((await ended(bus, next.id)).status).toBe('completed');
      expect(store.connection.pragma('integrity_check', { simple: true })).toBe('ok');
    });
  }
});

describe('a full disk', () => {
  it('fails the run with a message saying so, and keeps the epochs stored before', async () => {
    const store = openStore(join(temp.dir, 'lab.db'));
    cleanups.push(() => store.close());
    const { handlers, bus } = service(store);
    const run = await call(handlers, 'runs.start', moons(100_000));
    // The quota leaves room for some epochs; then every new page is refused, as on a full disk.
    const pages = store.connection.pragma('page_count', { simple: true }) as number;
    store.connection.pragma(`max_page_count = ${pages + 4}`);
    const failed = await ended(bus, run.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/disk is full/);
    expect(failed.epochsDone).toBeGreaterThan(0);
    const detail = await callWholeRun(handlers, run.id);
    expect(detail.metrics.map((m) => m.epoch)).toEqual(Array.from({ length: failed.epochsDone }, (_, i) => i + 1));
    expect(store.connection.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('a read-only database', () => {
  it('reads fine and says so clearly on a write, without crashing', async () => {
    const path = join(temp.dir, 'lab.db');
    const writer = openStore(path);
    writer.close();
    const store = openStore(path, { readonly: true });
    cleanups.push(() => store.close());
    const { handlers } = service(store);
    expect(await call(handlers, 'runs.list')).toEqual([]);
    await expect(call(handlers, 'runs.start', moons(2))).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/is read-only/) as unknown,
      file: path,
    });
  });
});
