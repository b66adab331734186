import type { OptimizerConfig } from '../contract/run-config';
import { createOptimizer } from '../nn/index';
import type { Explanation, WorkbenchSetup } from './explainer';
import type { LossSurface } from './loss-surfaces';

/**
 * Explorer 2: optimizers racing on a 2-D surface. The point (x, y) is a two-element parameter buffer and
 * each step is the core optimizer's own `step` on it with the surface's gradient, exactly as a layer's
 * weights are stepped in training.
 */
export const racerNames = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'adamw'] as const;
export type RacerName = (typeof racerNames)[number];

/** What the view's fields edit: a learning rate per racer, momentum and Adam's betas shared. */
export interface RaceSettings {
  lr: Record<RacerName, number>;
  momentum: number;
  betas: [number, number];
  /** AdamW's decoupled weight decay. */
  weightDecay: number;
}

/** Learning rates per surface that keep every racer on the plot and make the race worth watching (~300 steps). */
const raceRates: Record<LossSurface['id'], Record<RacerName, number>> = {
  bowl: { sgd: 0.035, momentum: 0.01, nesterov: 0.01, adagrad: 0.5, rmsprop: 0.05, adam: 0.1, adamw: 0.1 },
  rosenbrock: { sgd: 0.001, momentum: 0.0005, nesterov: 0.0005, adagrad: 0.3, rmsprop: 0.01, adam: 0.05, adamw: 0.05 },
  saddle: { sgd: 0.05, momentum: 0.02, nesterov: 0.02, adagrad: 0.3, rmsprop: 0.02, adam: 0.05, adamw: 0.05 },
  himmelblau: { sgd: 0.005, momentum: 0.002, nesterov: 0.002, adagrad: 0.5, rmsprop: 0.05, adam: 0.1, adamw: 0.1 },
};

export function defaultRaceSettings(surface: LossSurface): RaceSettings {
  return { lr: { ...raceRates[surface.id] }, momentum: 0.9, betas: [0.9, 0.999], weightDecay: 0.01 };
}

/** The core optimizer config each racer stands for. */
export function racerConfig(name: RacerName, settings: RaceSettings): OptimizerConfig {
  const lr = settings.lr[name];
  switch (name) {
    case 'sgd':
      return { type: 'sgd', lr };
    case 'momentum':
      return { type: 'sgd', lr, momentum: settings.momentum };
    case 'nesterov':
      return { type: 'sgd', lr, momentum: settings.momentum, nesterov: true };
    case 'adagrad':
      return { type: 'adagrad', lr };
    case 'rmsprop':
      return { type: 'rmsprop', lr };
    case 'adam':
      return { type: 'adam', lr, betas: settings.betas };
    case 'adamw':
      return { type: 'adamw', lr, betas: settings.betas, weight_decay: settings.weightDecay };
  }
}

export interface OptimizerPath {
  /** Positions after 0 … steps steps (steps + 1 each, fewer if it left the finite numbers). */
  x: Float64Array;
  y: Float64Array;
  value: Float64Array;
  /** The step at which the point became non-finite or left the plot by far (100× its size); null if it never did. */
  divergedAt: number | null;
}

export function optimizerPath(surface: LossSurface, config: OptimizerConfig, start: readonly [number, number], steps: number): OptimizerPath {
  const params = Float64Array.from(start); // (2) the point
  const grads = new Float64Array(2); // (2) its gradient
  const optimizer = createOptimizer(config, 2, Float64Array);
  const lr = optimizer.baseLr;
  const x = new Float64Array(steps + 1);
  const y = new Float64Array(steps + 1);
  const value = new Float64Array(steps + 1);
  const { min, max } = surface.bounds;
  const far = 100 * Math.max(max[0] - min[0], max[1] - min[1]);
  let divergedAt: number | null = null;
  let n = 0;
  for (let t = 0; t <= steps; t++) {
    const v = surface.value(params[0]!, params[1]!);
    if (!Number.isFinite(v) || Math.abs(params[0]!) > far || Math.abs(params[1]!) > far) {
      divergedAt = t;
      break;
    }
    x[t] = params[0]!;
    y[t] = params[1]!;
    value[t] = v;
    n = t + 1;
    if (t === steps) break;
    surface.gradient(params[0]!, params[1]!, grads);
    optimizer.step(params, grads, lr);
  }
  return { x: x.slice(0, n), y: y.slice(0, n), value: value.slice(0, n), divergedAt };
}

/** Every racer's path from one start. */
export function optimizerRace(surface: LossSurface, start: readonly [number, number], steps: number, settings = defaultRaceSettings(surface)): Record<RacerName, OptimizerPath> {
  const out = {} as Record<RacerName, OptimizerPath>;
  for (const name of racerNames) out[name] = optimizerPath(surface, racerConfig(name, settings), start, steps);
  return out;
}

export const optimizerExplanation: Explanation = {
  title: 'Optimizer paths',
  text:
    'Gradient descent steps against the gradient, p ← p − η∇f. In a long narrow valley the gradient points across it, so plain SGD zig-zags; ' +
    'momentum averages the steps and rolls along the valley, Nesterov looks ahead before it steps. AdaGrad and RMSprop divide each coordinate ' +
    'by the size of its recent gradients, so steep and flat directions move alike; Adam adds momentum to that, and AdamW shrinks the weights ' +
    'separately from the gradient. These are the same optimizer classes that train the lab’s networks, stepping a two-number parameter.',
  formula: 'momentum: v ← μv + g, p ← p − ηv;  Adam: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p ← p − η·m̂/(√v̂ + ε)',
};

/** The same optimizer on a real network: two moons, a small MLP. */
export function optimizerWorkbench(config: OptimizerConfig = { type: 'adam', lr: 0.01 }): WorkbenchSetup {
  return {
    datasetId: 'two-moons',
    name: `Learn: optimizer ${config.type}`,
    spec: { input: [2], layers: [{ type: 'dense', units: 16 }, { type: 'relu' }, { type: 'dense', units: 16 }, { type: 'relu' }, { type: 'dense', units: 1 }, { type: 'sigmoid' }] },
    train: { loss: 'bce', optimizer: config, batchSize: 32, epochs: 50, seed: 1 },
  };
}
