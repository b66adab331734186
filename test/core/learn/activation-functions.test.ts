import { describe, expect, it } from 'vitest';
import { activationCurve, curveActivations, saturatedRuns, softmaxWithTemperature } from '../../../src-core/learn/index';
import { sigmoid } from '../../../src-core/nn/layers/activations';

describe('activation curves (through the core layers)', () => {
  it("sigmoid's largest derivative is 0.25 at 0, and ten layers of it pass 0.25¹⁰", () => {
    const c = activationCurve('sigmoid', { points: 241 });
    expect(c.peak.x).toBeCloseTo(0, 12);
    expect(c.peak.df).toBeCloseTo(0.25, 12);
    expect(c.tenLayerProduct).toBeCloseTo(0.25 ** 10, 18);
    expect(c.f[120]).toBeCloseTo(0.5, 12);
    // f′ agrees with f numerically, point by point
    for (let i = 1; i < c.x.length - 1; i += 20) {
      const numeric = (sigmoid(c.x[i]! + 1e-6) - sigmoid(c.x[i]! - 1e-6)) / 2e-6;
      expect(c.df[i]).toBeCloseTo(numeric, 8);
    }
  });

  it('shades the tails of sigmoid and tanh, and the negative half of relu', () => {
    const s = activationCurve('sigmoid', { threshold: 0.05 });
    expect(s.saturated.length).toBe(2);
    expect(s.saturated[0]!.from).toBe(-6);
    expect(s.saturated[0]!.to).toBeLessThanOrEqual(-2.9);
    expect(s.saturated[0]!.to).toBeGreaterThan(-3.1);
    expect(s.saturated[1]!.to).toBe(6);
    const r = activationCurve('relu');
    expect(r.saturated).toEqual([{ from: -6, to: 0 }]);
    expect(r.peak.df).toBe(1);
  });

  it('leaky relu takes its slope; every activation has finite f and f′', () => {
    const l = activationCurve('leaky_relu', { alpha: 0.2, points: 5, range: 2 });
    expect(Array.from(l.df)).toEqual([0.2, 0.2, 0.2, 1, 1]);
    expect(Array.from(l.f)).toEqual([-0.4, -0.2, 0, 1, 2]);
    for (const name of curveActivations) {
      const c = activationCurve(name);
      expect(c.f.every(Number.isFinite) && c.df.every(Number.isFinite)).toBe(true);
    }
    expect(activationCurve('gelu').df[120]).toBeCloseTo(0.5, 12);
    expect(activationCurve('tanh').peak.df).toBeCloseTo(1, 12);
  });

  it('saturated runs close at the last point', () => {
    expect(saturatedRuns([0, 1, 2, 3], [0, 1, 0, 0], 0.5)).toEqual([{ from: 0, to: 0 }, { from: 2, to: 3 }]);
  });

  it('softmax with temperature sums to 1, sharpens below 1 and flattens above', () => {
    const z = [1, 2, 3];
    const t1 = softmaxWithTemperature(z, 1);
    expect(t1.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(t1[2]).toBeCloseTo(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)), 12);
    expect(softmaxWithTemperature(z, 0.1)[2]).toBeGreaterThan(0.9999);
    const hot = softmaxWithTemperature(z, 100);
    expect(hot[0]).toBeGreaterThan(0.32);
    expect(() => softmaxWithTemperature(z, 0)).toThrow(/temperature/);
  });
});
