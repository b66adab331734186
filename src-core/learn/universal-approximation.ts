import type { ModelSpec } from '../contract/model-spec';
import type { TrainConfig } from '../contract/run-config';
import { Random } from '../data/random';
import type { TrainingData } from '../data/training-data';
import { analyzeSpec, computeLoss, createOptimizer, SequentialModel } from '../nn/index';
import { linspace, type Explanation, type WorkbenchSetup } from './explainer';

/**
 * Explorer 9: one hidden layer of N units fitted by the core to a 1-D function (or to points a person drew),
 * and what each hidden unit adds to the output: wⱼ·hⱼ(x), the unit's activation times its output weight.
 * The fit is the sum of the contributions plus the output bias.
 */
export const targetFunctions = ['sin', 'abs', 'step'] as const;
export type TargetFunction = (typeof targetFunctions)[number];
export type Target = TargetFunction | { points: Array<[number, number]> };
export type HiddenActivation = 'sigmoid' | 'tanh' | 'relu';

const targetOf: Record<TargetFunction, (x: number) => number> = {
  sin: (x) => Math.sin(x),
  abs: (x) => Math.abs(x) - 1.5,
  step: (x) => (x < 0 ? -1 : 1),
};

/** The x range every target is shown and sampled on. */
export const approximationRange: [number, number] = [-3, 3];

export function approximationSpec(units: number, activation: HiddenActivation = 'sigmoid'): ModelSpec {
  return { input: [1], layers: [{ type: 'dense', units }, { type: activation }, { type: 'dense', units: 1 }] };
}

export function approximationTrain(epochs = 600): TrainConfig {
  return { loss: 'mse', optimizer: { type: 'adam', lr: 0.05 }, batchSize: 64, epochs, seed: 1 };
}

/** 64 points of a named function over the range, or the drawn points as they are (at least 2, finite). */
export function approximationData(target: Target): TrainingData {
  let xs: number[];
  let ys: number[];
  if (typeof target === 'string') {
    xs = Array.from(linspace(approximationRange[0], approximationRange[1], 64));
    ys = xs.map(targetOf[target]);
  } else {
    const bad = target.points.findIndex((p) => !Number.isFinite(p[0]) || !Number.isFinite(p[1]));
    if (bad >= 0) throw new RangeError(`drawn point ${bad + 1} is not a pair of finite numbers`);
    if (target.points.length < 2) throw new RangeError(`draw at least 2 points, not ${target.points.length}`);
    xs = target.points.map((p) => p[0]);
    ys = target.points.map((p) => p[1]);
  }
  return { inputShape: [1], task: 'regression', train: { x: Float32Array.from(xs), y: Float32Array.from(ys), rows: xs.length } };
}

export interface Approximation {
  /** The grid (points) and the network's output on it. */
  x: Float32Array;
  fit: Float32Array;
  /** The target on the grid for a named function; undefined for drawn points. */
  target?: Float32Array;
  /** (units, points): unit j's wⱼ·hⱼ(x) on the grid. */
  contributions: Float32Array[];
  bias: number;
  /** The training loss per epoch (before that epoch's step). */
  loss: number[];
}

/**
 * Full-batch training written out with the core's pieces (model, mse, the Adam class) rather than a session,
 * so a slider's answer costs the arithmetic alone (a session also evaluates and reads diagnostics every epoch).
 */
export function approximate(target: Target, units: number, options: { epochs?: number; activation?: HiddenActivation; points?: number; seed?: number } = {}): Approximation {
  if (!Number.isInteger(units) || units < 1) throw new RangeError(`hidden units: a whole number of at least 1, not ${units}`);
  const data = approximationData(target).train;
  const train = approximationTrain(options.epochs);
  const points = options.points ?? 200;
  const rng = new Random(options.seed ?? train.seed ?? 1);
  const model = new SequentialModel(analyzeSpec(approximationSpec(units, options.activation), { loss: 'mse' }), { maxBatch: Math.max(data.rows, points), rng });
  model.initializeParams(rng);
  const optimizer = createOptimizer(train.optimizer, model.params.length, Float32Array);
  const rows = data.rows;
  const last = model.layerCount;
  const loss: number[] = [];
  model.input.set(data.x);
  for (let epoch = 0; epoch < train.epochs; epoch++) {
    model.zeroGrad(rows);
    model.forward(rows);
    loss.push(computeLoss('mse', model.dacts[last]!, model.acts[last]!, data.y, rows, 1));
    model.backward(rows);
    optimizer.step(model.params, model.grads, optimizer.baseLr);
  }

  const x = Float32Array.from(linspace(approximationRange[0], approximationRange[1], points));
  model.eval();
  model.input.set(x);
  model.forward(points);
  const fit = Float32Array.from(model.output.subarray(0, points));
  const hidden = model.acts[2]!; // (points, units) after the activation
  const w = model.tensors['2.weight']!; // (1, units)
  const bias = model.tensors['2.bias']![0]!;
  const contributions = Array.from({ length: units }, (_, j) => {
    const c = new Float32Array(points);
    for (let i = 0; i < points; i++) c[i] = w[j]! * hidden[i * units + j]!;
    return c;
  });
  const result: Approximation = { x, fit, contributions, bias, loss };
  if (typeof target === 'string') result.target = x.map(targetOf[target]);
  return result;
}

export const approximationExplanation: Explanation = {
  title: 'Universal approximation',
  text:
    'One hidden layer is enough, in principle, to draw any continuous curve: each sigmoid unit is a soft step whose place and steepness its ' +
    'weight and bias set, and the output weight sets the step’s height. Added up, the steps make a staircase that follows the curve, finer ' +
    'as N grows. The thin lines are the units’ contributions wⱼσ(aⱼx + bⱼ); the fit is their sum plus the output bias. The theorem promises ' +
    'that the weights exist, not that training finds them, nor how many units it takes.',
  formula: 'ŷ(x) = b + Σⱼ wⱼ σ(aⱼx + bⱼ)',
};

/** The sine regression that ships with the lab, fitted by the same one-hidden-layer network. */
export function approximationWorkbench(units: number, activation: HiddenActivation = 'sigmoid'): WorkbenchSetup {
  return { datasetId: 'sine', name: `Learn: ${units} ${activation} units on sine`, spec: approximationSpec(units, activation), train: approximationTrain() };
}
