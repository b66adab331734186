import { describe, expect, it } from 'vitest';
import type { ModelSpec, ModelState } from '../../../src-core/contract/model-spec';
import { TrainingPool } from '../../../src-main/pool/training-pool';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { twoMoonsTrain } from './two-moons-run';

const trainWorker = useBuiltTrainWorker();

/** Two moons through two 256-unit layers: products of 32 × 256 × 256 multiply-adds, large enough to split. */
const wideSpec: ModelSpec = {
  input: [2],
  layers: [{ type: 'dense', units: 256 }, { type: 'relu' }, { type: 'dense', units: 256 }, { type: 'relu' }, { type: 'dense', units: 2 }, { type: 'softmax' }],
};
const job = (runId: string, epochs = 4) => ({ runId, spec: wideSpec, train: twoMoonsTrain(epochs), seed: 7, data: { kind: 'bundled' as const, id: 'two-moons' } });
const noCallbacks = { onStarted: () => undefined, onEpochs: () => undefined };

const weights = (state: ModelState): number[][] => Object.values(state).map((t) => Array.from(t.data));

describe('TrainingPool threads', () => {
  it('gives a lone run every thread and each of two runs at once one thread, with the same weights', async () => {
    const pool = new TrainingPool({ threads: 2, workerFile: trainWorker() });
    try {
      const lone = await pool.start(job('lone'), noCallbacks).done;
      expect(lone.status).toBe('completed');
      expect(lone.kernels).toMatch(/^wasm-/);
      expect(lone.threads).toBe(2);

      // Both pool threads up first, so neither run waits for a thread to start while the other trains alone.
      await Promise.all([pool.start(job('warm-1', 1), noCallbacks).done, pool.start(job('warm-2', 1), noCallbacks).done]);
      // Started together, each trains on one thread (the one that ends last takes both back for its last products).
      const [a, b] = await Promise.all([pool.start(job('a', 40), noCallbacks).done, pool.start(job('b', 40), noCallbacks).done]);
      expect([a.threads, b.threads]).toEqual([1, 1]);
      // The thread count never changes the weights: the lone run's are the shared runs' to the bit.
      const alone = await pool.start(job('alone', 40), noCallbacks).done;
      expect(alone.threads).toBe(2);
      expect(weights(a.state!)).toEqual(weights(alone.state!));
      expect(weights(b.state!)).toEqual(weights(alone.state!));

      // Alone again: the next run has both threads back.
      expect((await pool.start(job('again'), noCallbacks).done).threads).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('runs one thread per run in a pool of one thread', async () => {
    const pool = new TrainingPool({ threads: 1, workerFile: trainWorker() });
    try {
      expect((await pool.start(job('one'), noCallbacks).done).threads).toBe(1);
    } finally {
      await pool.close();
    }
  });
});
