import { describe, expect, it } from 'vitest';
import { initializerNames, type InitializerName } from '../../../src-core/contract/model-spec';
import { Random } from '../../../src-core/data/random';
import { initialize, resolveInitializer } from '../../../src-core/nn/init';

const fan = { fanIn: 50, fanOut: 20 };
const n = 200_000;

function moments(values: Float64Array): { mean: number; variance: number; min: number; max: number } {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const mean = sum / values.length;
  let sq = 0;
  for (const v of values) sq += (v - mean) ** 2;
  return { mean, variance: sq / values.length, min, max };
}

function sample(scheme: InitializerName, activation?: Parameters<typeof initialize>[4]): Float64Array {
  const out = new Float64Array(n);
  initialize(out, scheme, fan, new Random(7), activation);
  return out;
}

describe('initialize', () => {
  const expectations: Array<{ scheme: InitializerName; variance: number; bound?: number }> = [
    { scheme: 'small_normal', variance: 0.01 ** 2 },
    { scheme: 'uniform', variance: 1 / 50 / 3, bound: 1 / Math.sqrt(50) },
    { scheme: 'xavier_normal', variance: 2 / 70 },
    { scheme: 'xavier_uniform', variance: 2 / 70, bound: Math.sqrt(6 / 70) },
    { scheme: 'he_normal', variance: 2 / 50 },
    { scheme: 'he_uniform', variance: 2 / 50, bound: Math.sqrt(6 / 50) },
    { scheme: 'lecun_normal', variance: 1 / 50 },
  ];

  for (const { scheme, variance, bound } of expectations) {
    it(`${scheme} has mean 0 and variance ${variance.toPrecision(4)}`, () => {
      const m = moments(sample(scheme));
      expect(Math.abs(m.mean)).toBeLessThan(3 * Math.sqrt(variance / n) + 1e-12);
      expect(m.variance / variance).toBeGreaterThan(0.98);
      expect(m.variance / variance).toBeLessThan(1.02);
      if (bound !== undefined) {
        expect(m.min).toBeGreaterThanOrEqual(-bound);
        expect(m.max).toBeLessThanOrEqual(bound);
        expect(m.max).toBeGreaterThan(0.99 * bound);
      }
    });
  }

  it('zeros fills zeros', () => {
    const out = new Float32Array(10).fill(3);
    initialize(out, 'zeros', fan, new Random(1));
    expect(Array.from(out)).toEqual(new Array(10).fill(0));
  });

  it('auto picks He for relu-like activations and Xavier for the rest', () => {
    for (const act of ['relu', 'leaky_relu', 'elu', 'swish', 'gelu'] as const) {
      expect(resolveInitializer('auto', act)).toBe('he_normal');
    }
    for (const act of ['tanh', 'sigmoid', 'softmax', 'linear'] as const) {
      expect(resolveInitializer('auto', act)).toBe('xavier_uniform');
    }
    expect(resolveInitializer('auto')).toBe('xavier_uniform');
    expect(moments(sample('auto', 'relu')).variance / (2 / 50)).toBeCloseTo(1, 1);
    expect(moments(sample('auto', 'tanh')).variance / (2 / 70)).toBeCloseTo(1, 1);
  });

  it('is reproducible from the seed and differs between seeds', () => {
    const a = new Float32Array(8);
    const b = new Float32Array(8);
    const c = new Float32Array(8);
    initialize(a, 'he_normal', fan, new Random(3));
    initialize(b, 'he_normal', fan, new Random(3));
    initialize(c, 'he_normal', fan, new Random(4));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('covers every scheme of the contract', () => {
    for (const scheme of initializerNames) {
      const out = new Float32Array(4);
      initialize(out, scheme, fan, new Random(1));
      expect(out.every(Number.isFinite)).toBe(true);
    }
  });
});
