import type { BlasReport } from './harness/pytorch-blas';

/** The three workloads of issue 3, as every engine must train them. */

export const workloadIds = ['W1', 'W2', 'W3'] as const;
export type WorkloadId = (typeof workloadIds)[number];

export interface Workload {
  id: WorkloadId;
  title: string;
  /** What every engine trains, in words, for the report. */
  description: string;
  dataset: 'fashion-mnist' | 'two-moons';
  /** Training rows used (full run). */
  rows: number;
  /** Training rows under --quick. */
  quickRows: number;
  epochs: number;
  batchSize: number;
  optimizer: { type: 'adam' | 'sgd'; lr: number };
}

export const workloads: Record<WorkloadId, Workload> = {
  W1: {
    id: 'W1',
    title: 'W1: MLP 784-128-64-10 on Fashion-MNIST',
    description:
      'Dense 784-128-64-10, ReLU, softmax + cross-entropy, Adam (lr 1e-3, betas 0.9/0.999, eps 1e-8), batch 64, ' +
      'one epoch, pixels / 255, shuffled.',
    dataset: 'fashion-mnist',
    rows: 60_000,
    quickRows: 10_000,
    epochs: 1,
    batchSize: 64,
    optimizer: { type: 'adam', lr: 1e-3 },
  },
  W2: {
    id: 'W2',
    title: 'W2: small CNN on Fashion-MNIST',
    description:
      'Conv(8, 3x3, no padding)-ReLU-MaxPool(2)-Conv(16, 3x3)-ReLU-MaxPool(2)-Dense(400 -> 10), softmax + cross-entropy, ' +
      'Adam (lr 1e-3), batch 64, one epoch over the first training images, pixels / 255, shuffled.',
    dataset: 'fashion-mnist',
    rows: 10_000,
    quickRows: 1_000,
    epochs: 1,
    batchSize: 64,
    optimizer: { type: 'adam', lr: 1e-3 },
  },
  W3: {
    id: 'W3',
    title: 'W3: 2-16-16-1 tanh MLP on two moons',
    description:
      'Dense 2-16-16-1, tanh, sigmoid output + binary cross-entropy, plain SGD (lr 0.1, no momentum), batch 32, ' +
      '300 epochs over 1,000 two-moons points (noise 0.1), shuffled each epoch.',
    dataset: 'two-moons',
    rows: 1_000,
    quickRows: 1_000,
    epochs: 300,
    batchSize: 32,
    optimizer: { type: 'sgd', lr: 0.1 },
  },
};

/**
 * lab-2t: the lab's core with a thread team of 2 (the run's thread and one helper; docs/ARCHITECTURE.md, Threads).
 * pytorch-2t: PyTorch on 2 threads (torch.set_num_threads(2), OpenMP on 2) with OpenBLAS on one: the faster set-up on
 * a 2-core machine, where OpenBLAS's own second thread makes W1's small products slower, not faster.
 */
export const engineIds = ['lab', 'lab-2t', 'tfjs-wasm', 'tfjs-cpu', 'convnetjs', 'brainjs', 'pytorch', 'pytorch-2t'] as const;
export type EngineId = (typeof engineIds)[number];

/** The engines that run in Python (bench/peers/pytorch_bench.py), on one thread or two. */
export const isPytorch = (engine: EngineId): boolean => engine === 'pytorch' || engine === 'pytorch-2t';

export const engineTitles: Record<EngineId, string> = {
  lab: 'NN Lab core',
  'lab-2t': 'NN Lab core, 2 threads',
  'tfjs-wasm': 'TF.js wasm',
  'tfjs-cpu': 'TF.js cpu',
  convnetjs: 'ConvNetJS',
  brainjs: 'brain.js',
  pytorch: 'PyTorch',
  'pytorch-2t': 'PyTorch, 2 threads',
};

/** What one (engine, workload) child reports. */
export interface EngineResult {
  engine: EngineId;
  workload: WorkloadId;
  status: 'ok' | 'cannot' | 'skipped' | 'failed';
  /** Wall seconds of the training loop only (no data loading, no model building, no evaluation). */
  seconds?: number;
  /** CPU seconds (user + system) of the child over the same stretch. */
  cpuSeconds?: number;
  rows: number;
  epochs: number;
  /** Mean training loss over the last epoch, in the engine's own loss (see note when it differs). */
  finalLoss?: number;
  /** Accuracy after training, on `accuracyOn`. */
  accuracy?: number;
  accuracyOn?: 'test' | 'train';
  /** Peak resident memory of the child process, MiB (includes the loaded data set). */
  peakRssMiB?: number;
  note?: string;
  /** PyTorch only: the BLAS it ran. */
  blas?: BlasReport;
}
