import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../../../src-core/contract/training';
import { SharedDatasets } from '../../../src-main/pool/shared-datasets';
import { TrainingPool } from '../../../src-main/pool/training-pool';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { twoMoonsSpec, twoMoonsTrain } from './two-moons-run';

const trainWorker = useBuiltTrainWorker();


const job = (epochs: number) => ({
  runId: 'test',
  spec: twoMoonsSpec,
  train: twoMoonsTrain(epochs),
  seed: 7,
  data: { kind: 'bundled' as const, id: 'two-moons' },
});

describe('TrainingPool: pause, diagnostics, crashes, shared data', () => {
  it('pauses between epochs (no epoch while paused) and resumes to the end', async () => {
    const pool = new TrainingPool({ threads: 1, workerFile: trainWorker() });
    try {
      const seen: number[] = [];
      const states: boolean[] = [];
      let epochsWhenPaused = -1;
      let resolvePaused!: () => void;
      const paused = new Promise<void>((resolve) => (resolvePaused = resolve));
      const handle = pool.start(job(30), {
        onStarted: () => {},
        onEpochs: (ms) => {
          seen.push(...ms.map((m) => m.epoch));
          if (seen.length >= 3 && states.length === 0 && epochsWhenPaused < 0) {
            epochsWhenPaused = 0;
            handle.pause();
          }
        },
        onPaused: (isPaused) => {
          states.push(isPaused);
          if (isPaused) {
            epochsWhenPaused = seen.length;
            resolvePaused();
          }
        },
      });
      await paused;
      // Whatever arrives while paused would be a bug; read again after other messages had every chance to come.
      await new Promise((resolve) => setImmediate(resolve));
      expect(seen.length).toBe(epochsWhenPaused);
      handle.resume();
      const outcome = await handle.done;
      expect(states).toEqual([true, false]);
      expect(outcome.status).toBe('completed');
      expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    } finally {
      await pool.close();
    }
  });

  it('reports diagnostics every few epochs, the confusion matrix at the end, and the best weights under early stopping', async () => {
    const pool = new TrainingPool({ threads: 1, workerFile: trainWorker() });
    try {
      const diagnosticsEpochs: number[] = [];
      const train = { ...twoMoonsTrain(12), earlyStopping: { patience: 100 } };
      const seen: EpochMetrics[] = [];
      const outcome = await pool.start(
        { ...job(12), train, diagnosticsEvery: 5 },
        {
          onStarted: () => {},
          onEpochs: (ms) => seen.push(...ms),
          onDiagnostics: (d) => {
            diagnosticsEpochs.push(d.epoch);
            expect(d.layers.find((l) => l.type === 'dense')!.weightNorm).toBeGreaterThan(0);
          },
        },
      ).done;
      expect(diagnosticsEpochs).toEqual([5, 10, 12]);
      const matrix = outcome.confusion!.matrix;
      expect(outcome.confusion!.split).toBe('validation');
      expect(matrix).toHaveLength(2);
      const total = matrix.flat().reduce((a, b) => a + b, 0);
      const correct = matrix[0]![0]! + matrix[1]![1]!;
      // The matrix agrees with the last epoch's validation accuracy.
      expect(correct / total).toBeCloseTo(seen[11]!.valAccuracy!, 6);
      const bestEpoch = seen.reduce((b, m) => (m.valLoss! < b.valLoss! ? m : b)).epoch;
      expect(outcome.best!.epoch).toBe(bestEpoch);
    } finally {
      await pool.close();
    }
  });

  for (const how of ['exit', 'throw'] as const) {
    it(`a worker that dies (${how}) rejects the run's done with the error, never hangs`, async () => {
      const crashing = new TrainingPool({ threads: 1, workerFile: trainWorker(), env: { NN_LAB_TEST_WORKER_CRASH: `${how}:2` } });
      try {
        const seen: number[] = [];
        await expect(crashing.start(job(50), { onStarted: () => {}, onEpochs: (ms) => seen.push(...ms.map((m) => m.epoch)) }).done).rejects.toThrow(
          how === 'exit' ? /exit|70/i : /test crash outside the job/,
        );
        expect(seen.length).toBeLessThanOrEqual(2);
      } finally {
        await crashing.close();
      }
    });
  }

  it('a pool keeps training after one of its workers crashed', async () => {
    // Workers die after their third epoch: a 5-epoch run crashes, a 2-epoch run finishes.
    const pool = new TrainingPool({ threads: 1, workerFile: trainWorker(), env: { NN_LAB_TEST_WORKER_CRASH: 'exit:3' } });
    try {
      await expect(pool.start(job(5), { onStarted: () => {}, onEpochs: () => {} }).done).rejects.toThrow();
      const outcome = await pool.start(job(2), { onStarted: () => {}, onEpochs: () => {} }).done;
      expect(outcome.status).toBe('completed');
      expect(outcome.epochsPosted).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('shares a bundled dataset across runs (SharedArrayBuffer) and trains exactly as the bundled source does', async () => {
    const pool = new TrainingPool({ threads: 2, workerFile: trainWorker() });
    try {
      const datasets = new SharedDatasets();
      const data = datasets.bundled('two-moons')!;
      expect(data.train.x.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(datasets.bundled('two-moons')).toBe(data);
      const losses = async (source: { kind: 'bundled'; id: string } | { kind: 'shared'; data: typeof data }) => {
        const out: number[] = [];
        await pool.start({ ...job(5), data: source }, { onStarted: () => {}, onEpochs: (ms) => out.push(...ms.map((m) => m.loss)) }).done;
        return out;
      };
      const [shared, bundled] = await Promise.all([losses({ kind: 'shared', data }), losses({ kind: 'bundled', id: 'two-moons' })]);
      expect(shared).toEqual(bundled);
    } finally {
      await pool.close();
    }
  });
});
