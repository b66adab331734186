import type { ModelSpec } from '../contract/model-spec';
import type { LossName } from '../contract/run-config';
import { Random } from '../data/random';
import { computeLoss, isFusedLoss } from './losses';
import { SequentialModel } from './model';
import { analyzeSpec } from './spec-analysis';

/**
 * Gradient check: compares the analytic gradient of a model's loss (its backward passes) with central
 * differences (L(θ+ε) − L(θ−ε))/2ε, for every parameter and every input value. It builds the model over
 * Float64Array, because a numerical Jacobian in float32 is too noisy to catch a wrong term.
 * Dropout draws the same masks at every evaluation, so training mode can be checked too.
 */
export interface GradCheckOptions {
  /** The loss to differentiate; by default cross_entropy after softmax, bce after sigmoid, else mse. */
  loss?: LossName;
  /** Batch rows (default 3). */
  rows?: number;
  /** Seeds weights, inputs, targets and dropout masks (default 1). */
  seed?: number;
  /** Check in training mode (default) or eval mode (dropout off, batchnorm on running statistics). */
  training?: boolean;
  /** Finite-difference step (default 1e-6). */
  eps?: number;
}

export interface GradCheckEntry {
  /** "2.weight[5]" or "input[7]". */
  what: string;
  analytic: number;
  numeric: number;
  /**
   * |analytic − numeric| / max(|analytic|, |numeric|, 1e-3): relative, except for gradients below 1e-3
   * where the absolute difference counts (central differences carry ~1e-10 of float64 rounding noise).
   */
  relError: number;
}

export interface GradCheckResult {
  /** The largest relative error over everything checked. */
  maxRelError: number;
  worst: GradCheckEntry;
  /** How many values were compared. */
  checked: number;
}

export function defaultLossFor(spec: ModelSpec): LossName {
  const last = spec.layers[spec.layers.length - 1]?.type;
  return last === 'softmax' ? 'cross_entropy' : last === 'sigmoid' ? 'bce' : 'mse';
}

export function gradCheck(spec: ModelSpec, options: GradCheckOptions = {}): GradCheckResult {
  const loss = options.loss ?? defaultLossFor(spec);
  const rows = options.rows ?? 3;
  const seed = options.seed ?? 1;
  const eps = options.eps ?? 1e-6;
  const analysis = analyzeSpec(spec, { loss });
  const rng = new Random(seed);
  const model = new SequentialModel(analysis, { dtype: Float64Array, maxBatch: rows, rng, inputGrad: true });
  model.initializeParams(rng);
  // Batchnorm's running statistics away from their 0/1 start, so eval mode is not the identity.
  for (const slot of model.slots) {
    if (slot.kind !== 'buffer') continue;
    const view = model.view(slot);
    for (let i = 0; i < view.length; i++) view[i] = slot.name === 'running_var' ? 0.5 + rng.next() : rng.normal() * 0.3;
  }
  // Batchnorm's γ and β away from 1 and 0, so a wrong term in their gradients shows.
  for (const slot of model.slots) {
    if (analysis.layers[slot.layerIndex]!.type !== 'batchnorm' || slot.kind !== 'param') continue;
    const view = model.view(slot);
    for (let i = 0; i < view.length; i++) view[i] = (slot.name === 'weight' ? 1 : 0) + rng.normal() * 0.3;
  }
  model.training = options.training ?? true;

  const input = model.input;
  for (let i = 0; i < rows * model.inputSize; i++) input[i] = rng.normal();
  const lossAt = isFusedLoss(loss) ? model.layerCount - 1 : model.layerCount;
  const width = model.sizes[lossAt]!;
  const targetWidth = loss === 'cross_entropy' ? 1 : width;
  const targets = new Float64Array(rows * targetWidth);
  for (let i = 0; i < targets.length; i++) {
    targets[i] = loss === 'cross_entropy' ? rng.int(width) : loss === 'bce' ? (rng.next() < 0.5 ? 0 : 1) : rng.normal();
  }
  const maskSeed = seed + 1;

  const evaluate = (grad: boolean): number => {
    model.rng = new Random(maskSeed);
    if (grad) model.zeroGrad(rows);
    model.forward(rows);
    const value = computeLoss(loss, grad ? model.dacts[lossAt]! : null, model.acts[lossAt]!, targets, rows, width);
    if (grad) model.backward(rows, lossAt);
    return value;
  };

  evaluate(true);
  const analyticParams = Float64Array.from(model.grads);
  const analyticInput = Float64Array.from(model.dacts[0]!.subarray(0, rows * model.inputSize));
  // Running statistics change at every training forward pass; restore them before each evaluation.
  const buffers = Float64Array.from(model.buffers);

  let worst: GradCheckEntry = { what: 'nothing', analytic: 0, numeric: 0, relError: 0 };
  let checked = 0;
  const compare = (what: string, store: Float64Array | Float32Array, index: number, analytic: number): void => {
    const saved = store[index]!;
    store[index] = saved + eps;
    model.buffers.set(buffers);
    const plus = evaluate(false);
    store[index] = saved - eps;
    model.buffers.set(buffers);
    const minus = evaluate(false);
    store[index] = saved;
    const numeric = (plus - minus) / (2 * eps);
    const relError = Math.abs(analytic - numeric) / Math.max(Math.abs(analytic), Math.abs(numeric), 1e-3);
    checked++;
    if (relError > worst.relError || worst.what === 'nothing') worst = { what, analytic, numeric, relError };
  };

  for (const slot of model.slots) {
    if (slot.kind !== 'param') continue;
    for (let i = 0; i < slot.size; i++) compare(`${slot.key}[${i}]`, model.params, slot.offset + i, analyticParams[slot.offset + i]!);
  }
  for (let i = 0; i < analyticInput.length; i++) compare(`input[${i}]`, input, i, analyticInput[i]!);
  model.buffers.set(buffers);
  return { maxRelError: worst.relError, worst, checked };
}
