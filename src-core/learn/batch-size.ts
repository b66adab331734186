import type { ModelSpec } from '../contract/model-spec';
import type { TrainConfig } from '../contract/run-config';
import type { Explanation, WorkbenchSetup } from './explainer';
import { bundledData, trainCurves } from './train-curves';

/**
 * Explorer 5: one model trained three times on two moons with batch = all rows, 32 and 1, by the core's
 * session. Each optimizer step's batch loss against steps and against examples seen; the view times them.
 */
export const batchModes = ['full', 'mini', 'stochastic'] as const;
export type BatchMode = (typeof batchModes)[number];

export const batchSpec: ModelSpec = {
  input: [2],
  layers: [{ type: 'dense', units: 16 }, { type: 'tanh' }, { type: 'dense', units: 16 }, { type: 'tanh' }, { type: 'dense', units: 1 }, { type: 'sigmoid' }],
};
const datasetId = 'two-moons';

export function batchTrain(mode: BatchMode, epochs = 20): TrainConfig {
  const rows = bundledData(datasetId).train.rows;
  const batchSize = mode === 'full' ? rows : mode === 'mini' ? 32 : 1;
  return { loss: 'bce', optimizer: { type: 'sgd', lr: 0.1 }, batchSize, epochs, seed: 1 };
}

export interface BatchCurve {
  mode: BatchMode;
  batchSize: number;
  /** Per step: the batch's loss, the step number (1-based) and the examples seen after it. */
  loss: Float64Array;
  steps: Float64Array;
  examples: Float64Array;
  /** Per step, with a clock (milliseconds): the seconds of training after it; empty without one. */
  seconds: Float64Array;
  /** Per epoch: the mean batch loss and the steps and examples at its end. */
  epochLoss: number[];
  epochSteps: number[];
  epochExamples: number[];
}

/** `clock` reads milliseconds (performance.now in a worker); the core itself never reads the time. */
export function batchCurve(mode: BatchMode, epochs = 20, clock?: () => number): BatchCurve {
  const train = batchTrain(mode, epochs);
  const run = trainCurves(batchSpec, train, bundledData(datasetId), clock ? { clock } : {});
  const n = run.stepLoss.length;
  const steps = new Float64Array(n);
  const examples = new Float64Array(n);
  let seen = 0;
  for (let i = 0; i < n; i++) {
    seen += run.stepRows[i]!;
    steps[i] = i + 1;
    examples[i] = seen;
  }
  const perEpoch = n / Math.max(1, run.epochs.length);
  return {
    mode,
    batchSize: train.batchSize,
    loss: run.stepLoss,
    steps,
    examples,
    seconds: run.stepTime.map((ms) => ms / 1000),
    epochLoss: run.epochs.map((e) => e.loss),
    epochSteps: run.epochs.map((e) => e.epoch * perEpoch),
    epochExamples: run.epochs.map((e) => examples[e.epoch * perEpoch - 1]!),
  };
}

/** The trailing mean over the last `window` values (fewer at the start): (values). One row's loss is too noisy to read unsmoothed. */
export function runningMean(values: ArrayLike<number>, window: number): Float64Array {
  if (!(window >= 1) || !Number.isInteger(window)) throw new RangeError(`running mean: the window must be a whole number of at least 1, not ${window}`);
  const out = new Float64Array(values.length);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i]!;
    if (i >= window) sum -= values[i - window]!;
    out[i] = sum / Math.min(i + 1, window);
  }
  return out;
}

export const batchExplanation: Explanation = {
  title: 'Batch, mini-batch and stochastic gradient descent',
  text:
    'The gradient of the whole training set points the right way but costs a pass over every row for one step. One row gives a noisy ' +
    'gradient for almost nothing, so stochastic gradient descent takes many cheap, wobbly steps and gets further per example seen; the noise ' +
    'can even help it out of poor spots. A mini-batch of 32 averages away most of the noise and keeps the hardware busy: the usual choice.',
  formula: 'g = (1/B) Σ_{i∈batch} ∇L(xᵢ, yᵢ); the noise of g shrinks like 1/√B',
};

export function batchWorkbench(mode: BatchMode): WorkbenchSetup {
  return { datasetId, name: `Learn: batch ${mode}`, spec: batchSpec, train: batchTrain(mode) };
}
