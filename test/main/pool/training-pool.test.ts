import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../../../src-core/contract/training';
import { TrainingPool } from '../../../src-main/pool/training-pool';
import { buildTrainWorker, removeBuiltTrainWorker } from '../../support/build-train-worker';
import { twoMoonsSpec, twoMoonsTrain } from './two-moons-run';

let pool: TrainingPool;

beforeAll(async () => {
  pool = new TrainingPool({ threads: 2, workerFile: await buildTrainWorker() });
});
afterAll(async () => {
  await pool.close();
  await removeBuiltTrainWorker();
});

const job = (epochs: number, datasetId = 'two-moons') => ({
  runId: 'test',
  spec: twoMoonsSpec,
  train: twoMoonsTrain(epochs),
  seed: 7,
  data: { kind: 'bundled' as const, id: datasetId },
});

describe('TrainingPool', () => {
  it('trains two moons on a worker thread, streaming every epoch in order, and returns the weights', async () => {
    const seen: EpochMetrics[] = [];
    let started = 0;
    const handle = pool.start(job(40), { onStarted: () => started++, onEpochs: (ms) => seen.push(...ms) });
    const outcome = await handle.done;
    expect(started).toBe(1);
    expect(outcome.status).toBe('completed');
    expect(outcome.epochsPosted).toBe(40);
    expect(outcome.kernels).toMatch(/^wasm-(relaxed-)?simd$/); // the default: WebAssembly SIMD
    expect(seen.map((m) => m.epoch)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(seen[39]!.loss).toBeLessThan(seen[0]!.loss);
    expect(seen[39]!.valAccuracy).toBeGreaterThan(0.9);
    expect(Object.keys(outcome.state!).sort()).toEqual(['0.bias', '0.weight', '2.bias', '2.weight']);
    expect(outcome.state!['0.weight']!.shape).toEqual([16, 2]);
    expect(outcome.state!['2.weight']!.data.every(Number.isFinite)).toBe(true);
  });

  it.runIf(process.platform === 'linux')('trains at a lower priority than the process’s other threads, so the window gets the CPU first', async () => {
    /** Each thread's nice value (field 19 of /proc/self/task/TID/stat). */
    const niceValues = (): number[] =>
      readdirSync('/proc/self/task').map((tid) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));
    let during: number[] = [];
    const handle = pool.start(job(30), { onStarted: () => {}, onEpochs: (ms) => ms.some((m) => m.epoch === 1) && (during = niceValues()) });
    await handle.done;
    expect(Math.max(...during)).toBe(10); // the worker thread
    expect(during.filter((n) => n === 0).length).toBeGreaterThan(1); // this one (vitest's) and Node's own
  });

  it('the same seed gives the same epochs on any thread', async () => {
    const runOnce = async () => {
      const losses: number[] = [];
      await pool.start(job(5), { onStarted: () => {}, onEpochs: (ms) => losses.push(...ms.map((m) => m.loss)) }).done;
      return losses;
    };
    const [a, b] = await Promise.all([runOnce(), runOnce()]);
    expect(a).toEqual(b);
  });

  it('stops gracefully after a stop message: status stopped, the epochs so far, their weights', async () => {
    const seen: number[] = [];
    const handle = pool.start(job(100_000), {
      onStarted: () => {},
      onEpochs: (ms) => {
        seen.push(...ms.map((m) => m.epoch));
        if (seen.length >= 2) handle.stop();
      },
    });
    const outcome = await handle.done;
    expect(outcome.status).toBe('stopped');
    expect(outcome.epochsPosted).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.length).toBeLessThan(100_000);
    expect(outcome.state!['0.weight']!.data).toHaveLength(32);
  });

  it('reports a training error as a failed outcome with its message', async () => {
    const handle = pool.start(job(3, 'no-such-data'), { onStarted: () => {}, onEpochs: () => {} });
    const outcome = await handle.done;
    expect(outcome).toMatchObject({ status: 'failed', epochsPosted: 0 });
    expect(outcome.error).toMatch(/no bundled dataset "no-such-data"/);
    expect(outcome.state).toBeUndefined();
  });

  it('stops the worker and rejects when a callback throws (the store cannot take the epochs)', async () => {
    let calls = 0;
    const handle = pool.start(job(100_000), {
      onStarted: () => {},
      onEpochs: () => {
        if (++calls === 2) throw new Error('disk full');
      },
    });
    await expect(handle.done).rejects.toThrow('disk full');
    expect(calls).toBe(2); // nothing reported after the failure
  });

  it('uses the configured number of threads, one per core by default', async () => {
    expect(pool.threads).toBe(2);
    const byDefault = new TrainingPool({ workerFile: await buildTrainWorker() });
    expect(byDefault.threads).toBe(availableParallelism());
    await byDefault.close();
  });
});
