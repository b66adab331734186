import type { ActivationName } from '../contract/layer-names';
import type { LayerSpec } from '../contract/model-spec';
import { analyzeSpec, SequentialModel } from '../nn/index';
import { Random } from '../data/random';
import { linspace, type Explanation, type WorkbenchSetup } from './explainer';

/**
 * Explorer 1: activation functions and their derivatives, sampled on a grid through the core's own
 * activation layers: one forward pass gives f, one backward pass seeded with ∂L/∂f = 1 gives f′. Softmax runs
 * through the core's softmax layer.
 */
export const curveActivations = ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu', 'swish', 'gelu'] as const;
export type CurveActivation = (typeof curveActivations)[number];

export interface ActivationCurve {
  name: CurveActivation;
  x: Float64Array; // (points)
  f: Float64Array; // (points)
  df: Float64Array; // (points) f′(x)
  /** Runs of x where |f′| < threshold: the activation passes almost no gradient there. */
  saturated: Array<{ from: number; to: number }>;
  /** The largest f′ on the grid and where. */
  peak: { x: number; df: number };
  /** peak.df¹⁰: the most a chain of 10 such layers can pass back (weights aside); sigmoid's 0.25¹⁰ ≈ 9.5e-7. */
  tenLayerProduct: number;
}

export interface CurveOptions {
  /** Grid from −range to range (default 6). */
  range?: number;
  /** Grid points (default 241). */
  points?: number;
  /** leaky_relu's slope for x < 0 (default 0.01), elu's alpha (default 1). */
  alpha?: number;
  /** |f′| below this is saturated (default 0.05). */
  threshold?: number;
}

/** One activation layer alone, over a row of `width` values, in float64 with the input gradient kept. */
function activationModel(layer: LayerSpec, width: number): SequentialModel {
  const analysis = analyzeSpec({ input: [width], layers: [layer] });
  return new SequentialModel(analysis, { dtype: Float64Array, maxBatch: 1, rng: new Random(1), inputGrad: true });
}

function layerOf(name: CurveActivation, alpha: number | undefined): LayerSpec {
  if (name === 'leaky_relu' || name === 'elu') return alpha === undefined ? { type: name } : { type: name, alpha };
  return { type: name };
}

export function activationCurve(name: CurveActivation, options: CurveOptions = {}): ActivationCurve {
  const range = options.range ?? 6;
  const threshold = options.threshold ?? 0.05;
  const x = linspace(-range, range, options.points ?? 241);
  const model = activationModel(layerOf(name, options.alpha), x.length);
  model.input.set(x);
  model.zeroGrad(1);
  model.forward(1);
  model.dacts[1]!.fill(1);
  model.backward(1);
  const f = Float64Array.from(model.output);
  const df = Float64Array.from(model.dacts[0]!);
  let peak = { x: x[0]!, df: df[0]! };
  for (let i = 1; i < x.length; i++) if (df[i]! > peak.df) peak = { x: x[i]!, df: df[i]! };
  return { name, x, f, df, saturated: saturatedRuns(x, df, threshold), peak, tenLayerProduct: peak.df ** 10 };
}

/** The runs of consecutive grid points with |f′| < threshold, as [from, to] in x. */
export function saturatedRuns(x: ArrayLike<number>, df: ArrayLike<number>, threshold: number): Array<{ from: number; to: number }> {
  const runs: Array<{ from: number; to: number }> = [];
  let start = -1;
  for (let i = 0; i <= x.length; i++) {
    const low = i < x.length && Math.abs(df[i]!) < threshold;
    if (low && start < 0) start = i;
    if (!low && start >= 0) {
      runs.push({ from: x[start]!, to: x[i - 1]! });
      start = -1;
    }
  }
  return runs;
}

/** softmax(z / T) through the core's softmax layer: T → 0 picks the largest, T → ∞ spreads evenly. */
export function softmaxWithTemperature(z: readonly number[], temperature: number): Float64Array {
  if (!(temperature > 0)) throw new RangeError(`softmax: the temperature must be above 0, not ${temperature}`);
  if (z.length === 0) return new Float64Array(0);
  const model = activationModel({ type: 'softmax' }, z.length);
  for (let i = 0; i < z.length; i++) model.input[i] = z[i]! / temperature;
  model.forward(1);
  return Float64Array.from(model.output);
}

export const activationExplanation: Explanation = {
  title: 'Activation functions',
  text:
    'Each layer passes its weighted sum through an activation f, and backpropagation multiplies the gradient by f′ on the way back. ' +
    'Where f′ is almost 0 (shaded) the unit is saturated and learns next to nothing. Sigmoid’s f′ is at most 0.25, so ten sigmoid layers ' +
    'can shrink a gradient by 0.25¹⁰ ≈ 10⁻⁶: the vanishing gradient. ReLU passes 1 for x > 0 but 0 below, where a unit can die; leaky ReLU, ' +
    'ELU, swish and GELU keep some slope there. Softmax turns scores into probabilities; dividing by a temperature T sharpens (T < 1) or flattens (T > 1) them.',
  formula: 'σ(x) = 1/(1 + e⁻ˣ), σ′(x) = σ(x)(1 − σ(x)) ≤ 0.25;  softmax(z/T)ᵢ = e^(zᵢ/T) / Σⱼ e^(zⱼ/T)',
};

/** A two-moons classifier with the chosen activation in its two hidden layers. */
export function activationWorkbench(name: ActivationName = 'relu'): WorkbenchSetup {
  const act = { type: name } as LayerSpec;
  return {
    datasetId: 'two-moons',
    name: `Learn: activation ${name}`,
    spec: { input: [2], layers: [{ type: 'dense', units: 16 }, act, { type: 'dense', units: 16 }, act, { type: 'dense', units: 1 }, { type: 'sigmoid' }] },
    train: { loss: 'bce', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32, epochs: 50, seed: 1 },
  };
}
