import { describe, expect, it } from 'vitest';
import type { OptimizerConfig } from '../../../src-core/contract/run-config';
import { createOptimizer } from '../../../src-core/nn/optimizers';

/**
 * Properties of PyTorch's update rules that hold whatever the numbers (the fixtures in parity.test.ts pin
 * the numbers themselves): defaults, Adam's unit first step, and coupled weight decay being exactly
 * "add wd·p to the gradient".
 */
const p0 = [0.5, -1.5, 2, 0.25];
const g0 = [0.1, -0.3, 0.02, 0];

function run(config: OptimizerConfig, steps: number, grads = g0, withDecayFolded = 0): Float64Array {
  const opt = createOptimizer(config, p0.length, Float64Array);
  const p = Float64Array.from(p0);
  for (let s = 0; s < steps; s++) {
    const g = Float64Array.from(grads, (v, i) => v * (s + 1) + withDecayFolded * p[i]!);
    opt.step(p, g, opt.baseLr);
  }
  return p;
}

describe('optimizers', () => {
  it('take PyTorch default learning rates', () => {
    const lr = (config: OptimizerConfig) => createOptimizer(config, 1, Float64Array).baseLr;
    expect(lr({ type: 'sgd' })).toBe(0.01);
    expect(lr({ type: 'adam' })).toBe(1e-3);
    expect(lr({ type: 'adamw' })).toBe(1e-3);
    expect(lr({ type: 'rmsprop' })).toBe(0.01);
    expect(lr({ type: 'adagrad' })).toBe(0.01);
  });

  it('sgd: p −= lr·g; momentum 0.9 gives buf = g1, then 0.9·g1 + g2', () => {
    expect(Array.from(run({ type: 'sgd', lr: 0.1 }, 1))).toEqual(p0.map((p, i) => p - 0.1 * g0[i]!));
    const m = run({ type: 'sgd', lr: 0.1, momentum: 0.9 }, 2);
    p0.forEach((p, i) => expect(m[i]).toBeCloseTo(p - 0.1 * g0[i]! - 0.1 * (0.9 * g0[i]! + 2 * g0[i]!), 14));
  });

  it('adam: the first step moves every parameter with a gradient by lr against its sign', () => {
    const p = run({ type: 'adam', lr: 0.01 }, 1);
    p0.forEach((v, i) => expect(p[i]).toBeCloseTo(g0[i] === 0 ? v : v - 0.01 * Math.sign(g0[i]!), 6));
  });

  it.each([
    { type: 'sgd', lr: 0.1, momentum: 0.5 },
    { type: 'adam', lr: 0.01 },
    { type: 'rmsprop', lr: 0.01, momentum: 0.3 },
    { type: 'adagrad', lr: 0.1 },
  ] as OptimizerConfig[])('$type: coupled weight_decay is the same as adding wd·p to the gradient', (config) => {
    const decayed = run({ ...config, weight_decay: 0.2 } as OptimizerConfig, 3);
    const folded = run(config, 3, g0, 0.2);
    decayed.forEach((v, i) => expect(v).toBeCloseTo(folded[i]!, 14));
  });

  it('adamw: decoupled decay shrinks p by (1 − lr·wd) before the Adam step, default wd 0.01', () => {
    const plain = run({ type: 'adam', lr: 0.01 }, 1);
    const w = run({ type: 'adamw', lr: 0.01 }, 1);
    p0.forEach((v, i) => expect(w[i]).toBeCloseTo(plain[i]! - 0.01 * 0.01 * v, 12));
    // A parameter with no gradient still decays under AdamW, and does not under Adam.
    expect(w[3]).toBeCloseTo(0.25 * (1 - 1e-4), 14);
    expect(plain[3]).toBe(0.25);
  });
});
