import type { InitializerName, LayerSpec, ModelSpec } from '../contract/model-spec';
import { histogram, type Histogram } from '../data/histogram';
import { Random } from '../data/random';
import { analyzeSpec, computeLoss, SequentialModel } from '../nn/index';
import { stdOf, type Explanation, type WorkbenchSetup } from './explainer';

/**
 * Explorer 3: one forward and one backward pass of a deep, narrow network at initialisation, over a batch
 * of standard-normal inputs, through the core's model and initialisers. Per hidden layer: the distribution
 * and spread of its activations and of its weights' gradients, so vanishing and exploding show by depth.
 */
export const depthActivations = ['sigmoid', 'tanh', 'relu'] as const;
export type DepthActivation = (typeof depthActivations)[number];
export const depthInits = ['zeros', 'small_normal', 'xavier_normal', 'he_normal', 'lecun_normal'] as const;
export type DepthInit = (typeof depthInits)[number];

export interface DepthOptions {
  activation: DepthActivation;
  init: DepthInit;
  /** Hidden layers (default 10; the range is 10-20). */
  depth?: number;
  /** Units per hidden layer (default 32). */
  width?: number;
  /** Rows in the batch (default 256). */
  rows?: number;
  seed?: number;
}

export interface LayerAtInit {
  /** 1 = the first hidden layer. */
  depth: number;
  activationStd: number;
  activationMean: number;
  /** Over the range of every layer's activations together, so the layers compare bin for bin. */
  activations: Histogram;
  /** Of ∂L/∂W of the layer's dense weights. */
  gradientStd: number;
  /** Over this layer's own range: the gradients' scales differ by orders of magnitude across depth (see gradientStd). */
  gradients: Histogram;
  /** Every unit of the layer gives the same output for every row, and their weight gradients are the same: nothing tells them apart. */
  symmetric: boolean;
}

/** The network: depth × (dense(width, init) → activation), then one linear output unit (same init). */
export function depthSpec(options: DepthOptions): ModelSpec {
  const depth = options.depth ?? 10;
  const width = options.width ?? 32;
  const init: InitializerName = options.init;
  const layers: LayerSpec[] = [];
  for (let i = 0; i < depth; i++) layers.push({ type: 'dense', units: width, init }, { type: options.activation });
  layers.push({ type: 'dense', units: 1, init });
  return { input: [width], layers };
}

export function initDepth(options: DepthOptions): LayerAtInit[] {
  const spec = depthSpec(options);
  const rows = options.rows ?? 256;
  const rng = new Random(options.seed ?? 1);
  const model = new SequentialModel(analyzeSpec(spec, { loss: 'mse' }), { maxBatch: rows, rng });
  model.initializeParams(rng);
  for (let i = 0; i < rows * model.inputSize; i++) model.input[i] = rng.normal();
  const last = model.layerCount;
  const targets = new Float32Array(rows);
  for (let i = 0; i < rows; i++) targets[i] = rng.normal();
  model.zeroGrad(rows);
  model.forward(rows);
  computeLoss('mse', model.dacts[last]!, model.acts[last]!, targets, rows, 1);
  model.backward(rows);

  const depth = options.depth ?? 10;
  // (rows, width) each: the hidden activations' outputs, binned over one shared range so the layers compare
  const hidden = Array.from({ length: depth }, (_, d) => model.acts[2 * d + 2]!.subarray(0, rows * model.sizes[2 * d + 2]!));
  const range = sharedRange(hidden);
  const out: LayerAtInit[] = [];
  for (let d = 0; d < depth; d++) {
    const denseIndex = 2 * d;
    const width = model.sizes[denseIndex + 2]!;
    const acts = hidden[d]!;
    const grads = model.gradTensors[`${denseIndex}.weight`]!; // (width, fanIn)
    out.push({
      depth: d + 1,
      activationMean: meanOf(acts),
      activationStd: stdOf(acts),
      activations: histogram(acts, range),
      gradientStd: stdOf(grads),
      gradients: histogram(grads),
      symmetric: unitsAlike(acts, rows, width) && unitsAlike(grads, width, grads.length / width, true),
    });
  }
  return out;
}

export interface DepthTrend {
  /** The first hidden layer's weight-gradient std over the last one's: ≪ 1 vanishing, ≫ 1 exploding towards the input. */
  gradientRatio: number;
  /** The last hidden layer's activation std over the first one's: how the signal's spread changes going up. */
  activationRatio: number;
  /** What a reader should see: the symmetry of zeros first, then a gradient or a signal off by more than 100× across the depth. */
  verdict: 'symmetric' | 'vanishing' | 'exploding' | 'steady';
}

/** The depth statistics in one reading (ratios of 0/0 are 1, x/0 Infinity). */
export function depthTrend(layers: readonly LayerAtInit[]): DepthTrend {
  const first = layers[0];
  const last = layers.at(-1);
  if (!first || !last) return { gradientRatio: 1, activationRatio: 1, verdict: 'steady' };
  const ratio = (a: number, b: number) => (a === b ? 1 : a / b);
  const gradientRatio = ratio(first.gradientStd, last.gradientStd);
  const activationRatio = ratio(last.activationStd, first.activationStd);
  const verdict = layers.every((l) => l.symmetric)
    ? 'symmetric'
    : gradientRatio < 0.01 || activationRatio < 0.01
      ? 'vanishing'
      : gradientRatio > 100 || activationRatio > 100
        ? 'exploding'
        : 'steady';
  return { gradientRatio, activationRatio, verdict };
}

function sharedRange(arrays: ArrayLike<number>[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const a of arrays) for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i]!)) { min = Math.min(min, a[i]!); max = Math.max(max, a[i]!); }
  return min <= max ? { min, max } : { min: 0, max: 0 };
}

function meanOf(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return values.length === 0 ? 0 : sum / values.length;
}

/**
 * For activations (rows, units): every row's units equal. For gradients (units, fanIn), byRow: every unit's
 * row of gradients equal to the first unit's.
 */
function unitsAlike(values: ArrayLike<number>, rows: number, width: number, byRow = false): boolean {
  const tolerance = 1e-6;
  if (byRow) {
    for (let u = 1; u < rows; u++) for (let k = 0; k < width; k++) if (Math.abs(values[u * width + k]! - values[k]!) > tolerance) return false;
    return true;
  }
  for (let r = 0; r < rows; r++) for (let u = 1; u < width; u++) if (Math.abs(values[r * width + u]! - values[r * width]!) > tolerance) return false;
  return true;
}

export const initDepthExplanation: Explanation = {
  title: 'Initialisation across depth',
  text:
    'Each layer multiplies the signal by its weights on the way in and the gradient by them (and by f′) on the way back. If the weights are too ' +
    'small the signal and the gradient shrink layer after layer (vanishing); too large and they grow (exploding). Xavier picks Var(W) = 2/(fan_in + fan_out) ' +
    'to keep the variance steady for tanh and sigmoid, He picks 2/fan_in because ReLU zeroes half its inputs, LeCun 1/fan_in. Zeros make every unit ' +
    'of a layer compute the same thing and receive the same gradient, so they never become different: the symmetry problem.',
  formula: 'Var(out) ≈ fan_in · Var(W) · Var(in);  Xavier Var(W) = 2/(fan_in + fan_out), He 2/fan_in, LeCun 1/fan_in',
};

/** The same deep network on two moons (2 inputs, a sigmoid output for the two classes). */
export function initDepthWorkbench(options: DepthOptions): WorkbenchSetup {
  const spec = depthSpec(options);
  const last = spec.layers[spec.layers.length - 1]!;
  return {
    datasetId: 'two-moons',
    name: `Learn: ${options.depth ?? 10} ${options.activation} layers, ${options.init}`,
    spec: { input: [2], layers: [...spec.layers.slice(0, -1), last, { type: 'sigmoid' }] },
    train: { loss: 'bce', optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 32, epochs: 50, seed: options.seed ?? 1 },
  };
}
