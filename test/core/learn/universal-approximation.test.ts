import { describe, expect, it } from 'vitest';
import { approximate, approximationData, approximationWorkbench } from '../../../src-core/learn/index';

const rmse = (a: Float32Array, b: Float32Array) => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0) / a.length);

describe('universal approximation (one hidden layer, core session; N = 10, 600 full-batch Adam steps on 64 rows: ~10 ms warm)', () => {
  it('the fit is the sum of the units’ contributions plus the bias', () => {
    const a = approximate('sin', 10);
    expect(a.contributions.length).toBe(10);
    for (let i = 0; i < a.x.length; i += 17) {
      const sum = a.contributions.reduce((s, c) => s + c[i]!, a.bias);
      expect(sum).toBeCloseTo(a.fit[i]!, 4);
    }
    expect(rmse(a.fit, a.target!)).toBeLessThan(0.1);
  });

  it('more units fit the step better than one', () => {
    const one = approximate('step', 1);
    const many = approximate('step', 20);
    expect(rmse(many.fit, many.target!)).toBeLessThan(rmse(one.fit, one.target!));
    expect(approximate('abs', 8).loss.at(-1)!).toBeLessThan(0.05);
  });

  it('fits drawn points and says which drawn point is bad', () => {
    const drawn = approximate({ points: [[-2, 0], [-1, 1], [0, 0], [1, 1], [2, 0]] }, 6);
    expect(drawn.target).toBeUndefined();
    expect(drawn.loss.at(-1)!).toBeLessThan(drawn.loss[0]! / 2);
    expect(drawn.fit.length).toBe(200);
    expect(() => approximationData({ points: [[0, 1], [1, NaN]] })).toThrow(/drawn point 2/);
    expect(() => approximate('sin', 0)).toThrow(/hidden units/);
    expect(approximationWorkbench(10).datasetId).toBe('sine');
  });
});
