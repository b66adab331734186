import type { ModelSpec } from '../contract/model-spec';
import type { TrainConfig } from '../contract/run-config';
import { Random } from '../data/random';
import { analyzeSpec, computeLoss, defaultLossFor, gradCheck, isFusedLoss, SequentialModel } from '../nn/index';
import type { GradCheckEntry, GradCheckResult } from '../nn/index';
import type { Explanation, WorkbenchSetup } from './explainer';

/**
 * Explorer 10: backpropagation's gradient of every parameter beside the central difference
 * (L(θ+ε) − L(θ−ε))/2ε, layer by layer, for a small network in float64, through the core's model and loss.
 * A deliberately broken layer, whose backward pass is scaled by a factor (0 drops it), shows how the check
 * catches a wrong term: the broken layer's parameters and every layer below it disagree.
 */
export const checkSpec: ModelSpec = {
  input: [3],
  layers: [{ type: 'dense', units: 4 }, { type: 'tanh' }, { type: 'dense', units: 4 }, { type: 'sigmoid' }, { type: 'dense', units: 3 }, { type: 'softmax' }],
};

/** A relative error above this fails the check (float64 central differences are good to ~1e-8). */
export const GRAD_CHECK_TOLERANCE = 1e-5;

export interface Breakage {
  /** The layer whose backward pass is broken. */
  layer: number;
  /** Its gradients (input and parameters) are multiplied by this: 0.9 a slightly wrong term, 0 a forgotten one. */
  scale: number;
}

export interface LayerCheck {
  index: number;
  type: string;
  /** One entry per parameter value ("0.weight[5]"); empty for a layer without parameters. */
  entries: GradCheckEntry[];
  /** The largest relative error over the entries; null without parameters. */
  maxRelError: number | null;
  passed: boolean;
}

export interface GradientCheck {
  layers: LayerCheck[];
  maxRelError: number;
  passed: boolean;
  /** The core's own gradCheck of the same network unbroken (parameters and inputs). */
  core: GradCheckResult;
}

export function checkGradients(spec: ModelSpec = checkSpec, options: { broken?: Breakage; seed?: number; rows?: number; eps?: number } = {}): GradientCheck {
  const seed = options.seed ?? 1;
  const rows = options.rows ?? 3;
  const eps = options.eps ?? 1e-6;
  const loss = defaultLossFor(spec);
  const analysis = analyzeSpec(spec, { loss });
  const broken = options.broken;
  if (broken && !(broken.layer >= 0 && broken.layer < analysis.layers.length)) {
    throw new RangeError(`broken layer ${broken.layer} is outside 0..${analysis.layers.length - 1}`);
  }
  const rng = new Random(seed);
  const model = new SequentialModel(analysis, { dtype: Float64Array, maxBatch: rows, rng, inputGrad: true });
  model.initializeParams(rng);
  for (let i = 0; i < rows * model.inputSize; i++) model.input[i] = rng.normal();
  const lossAt = isFusedLoss(loss) ? model.layerCount - 1 : model.layerCount;
  const width = model.sizes[lossAt]!;
  const targets = new Float64Array(loss === 'cross_entropy' ? rows : rows * width);
  for (let i = 0; i < targets.length; i++) targets[i] = loss === 'cross_entropy' ? rng.int(width) : loss === 'bce' ? rng.int(2) : rng.normal();

  const lossValue = (grad: boolean): number => {
    if (grad) model.zeroGrad(rows);
    model.forward(rows);
    return computeLoss(loss, grad ? model.dacts[lossAt]! : null, model.acts[lossAt]!, targets, rows, width);
  };
  // The analytic gradient: the backward passes one layer at a time, the broken one scaled after it ran
  // (its outputs start at zero, so scaling them afterwards is scaling the pass).
  lossValue(true);
  for (let i = lossAt - 1; i >= 0; i--) {
    model.backwardLayer(i, rows);
    if (broken?.layer !== i) continue;
    const dinp = model.dacts[i]!;
    for (let k = 0; k < rows * model.sizes[i]!; k++) dinp[k] = dinp[k]! * broken.scale;
    for (const slot of model.slots) if (slot.kind === 'param' && slot.layerIndex === i) scaleInPlace(model.gradView(slot), broken.scale);
  }
  const analytic = Float64Array.from(model.grads);

  const layers: LayerCheck[] = analysis.layers.map((info) => ({ index: info.index, type: info.type, entries: [], maxRelError: null, passed: true }));
  for (const slot of model.slots) {
    if (slot.kind !== 'param') continue;
    const layer = layers[slot.layerIndex]!;
    for (let i = 0; i < slot.size; i++) {
      const at = slot.offset + i;
      const saved = model.params[at]!;
      model.params[at] = saved + eps;
      const plus = lossValue(false);
      model.params[at] = saved - eps;
      const minus = lossValue(false);
      model.params[at] = saved;
      const numeric = (plus - minus) / (2 * eps);
      const a = analytic[at]!;
      const relError = Math.abs(a - numeric) / Math.max(Math.abs(a), Math.abs(numeric), 1e-3);
      layer.entries.push({ what: `${slot.key}[${i}]`, analytic: a, numeric, relError });
      layer.maxRelError = Math.max(layer.maxRelError ?? 0, relError);
    }
  }
  for (const layer of layers) layer.passed = layer.maxRelError === null || layer.maxRelError <= GRAD_CHECK_TOLERANCE;
  const maxRelError = Math.max(0, ...layers.map((l) => l.maxRelError ?? 0));
  return { layers, maxRelError, passed: maxRelError <= GRAD_CHECK_TOLERANCE, core: gradCheck(spec, { seed, rows, eps }) };
}

function scaleInPlace(values: { length: number; [i: number]: number }, factor: number): void {
  for (let i = 0; i < values.length; i++) values[i] = values[i]! * factor;
}

export const gradientCheckExplanation: Explanation = {
  title: 'Gradient checking',
  text:
    'Backpropagation is fast but easy to get subtly wrong: a forgotten term or a wrong factor still trains, only worse. The check nudges ' +
    'each parameter by ±ε, measures how the loss moves, and compares that slope with what backpropagation says. In float64 the two agree to ' +
    'about 10⁻⁸; break one layer’s backward pass (scale it by 0.9) and its parameters, and those of every layer before it, disagree at once, ' +
    'because the error flows down the chain.',
  formula: 'numeric = (L(θ + ε) − L(θ − ε)) / 2ε;  relative error = |a − n| / max(|a|, |n|, 10⁻³)',
};

const checkTrain: TrainConfig = { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32, epochs: 50, seed: 1 };

/** The checked network's shape trained on the three blobs (2 inputs instead of 3). */
export function gradientCheckWorkbench(): WorkbenchSetup {
  return { datasetId: 'blobs', name: 'Learn: the gradient-checked network', spec: { ...checkSpec, input: [2] }, train: checkTrain };
}
