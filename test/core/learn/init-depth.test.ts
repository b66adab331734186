import { describe, expect, it } from 'vitest';
import { depthInits, depthActivations, depthTrend, initDepth, initDepthWorkbench } from '../../../src-core/learn/index';
import { analyzeSpec } from '../../../src-core/nn/index';

describe('initialisation across depth (10-20 layers, core model forward/backward; depth 20 × 32 units × 256 rows ≈ 5 ms warm on an idle core)', () => {
  it('sigmoid + small random: the gradient std falls by depth, towards the input', () => {
    const layers = initDepth({ activation: 'sigmoid', init: 'small_normal', depth: 10 });
    expect(layers.length).toBe(10);
    for (let d = 1; d < layers.length; d++) expect(layers[d - 1]!.gradientStd).toBeLessThan(layers[d]!.gradientStd);
    expect(layers[0]!.gradientStd / layers[9]!.gradientStd).toBeLessThan(1e-6);
    // the activations sit at σ(≈0) = 0.5 with almost no spread
    expect(layers[9]!.activationMean).toBeCloseTo(0.5, 2);
    expect(layers[9]!.activationStd).toBeLessThan(0.02);
  });

  it('reads the trend: vanishing for sigmoid + small, steady for tanh + Xavier, exploding for relu with large weights, symmetric for zeros', () => {
    expect(depthTrend(initDepth({ activation: 'sigmoid', init: 'small_normal' })).verdict).toBe('vanishing');
    expect(depthTrend(initDepth({ activation: 'tanh', init: 'xavier_normal' })).verdict).toBe('steady');
    expect(depthTrend(initDepth({ activation: 'sigmoid', init: 'zeros' })).verdict).toBe('symmetric');
    const grown = initDepth({ activation: 'relu', init: 'he_normal' }).map((l, i) => ({ ...l, gradientStd: 10 ** (10 - i) }));
    expect(depthTrend(grown)).toMatchObject({ verdict: 'exploding', gradientRatio: 1e9 });
    expect(depthTrend([])).toEqual({ gradientRatio: 1, activationRatio: 1, verdict: 'steady' });
  });

  it('zeros: every unit of a layer is the same (symmetry); random inits are not', () => {
    for (const activation of depthActivations) {
      expect(initDepth({ activation, init: 'zeros', depth: 12 }).every((l) => l.symmetric)).toBe(true);
      expect(initDepth({ activation, init: 'xavier_normal', depth: 12 }).some((l) => l.symmetric)).toBe(false);
    }
  });

  it('tanh + Xavier keeps the activations alive at depth 20; relu + He keeps their std within a factor of 10', () => {
    const tanh = initDepth({ activation: 'tanh', init: 'xavier_normal', depth: 20 });
    expect(tanh[19]!.activationStd).toBeGreaterThan(0.05);
    const he = initDepth({ activation: 'relu', init: 'he_normal', depth: 20 });
    const ratio = he[19]!.activationStd / he[0]!.activationStd;
    expect(ratio).toBeGreaterThan(0.1);
    expect(ratio).toBeLessThan(10);
    const small = initDepth({ activation: 'relu', init: 'small_normal', depth: 20 });
    expect(small[19]!.activationStd).toBeLessThan(1e-20);
  });

  it('histograms count every value; every set-up opens in the workbench', () => {
    const layers = initDepth({ activation: 'relu', init: 'lecun_normal', depth: 10, rows: 64, width: 16 });
    expect(layers[3]!.activations.counts.reduce((a, b) => a + b, 0)).toBe(64 * 16);
    expect(layers[3]!.gradients.counts.reduce((a, b) => a + b, 0)).toBe(16 * 16);
    // activations share one range across the layers; relu's lower edge is 0
    expect(new Set(layers.map((l) => `${l.activations.min},${l.activations.max}`)).size).toBe(1);
    expect(layers[0]!.activations.min).toBe(0);
    for (const init of depthInits) {
      const setup = initDepthWorkbench({ activation: 'tanh', init, depth: 15 });
      expect(() => analyzeSpec(setup.spec, { loss: setup.train.loss })).not.toThrow();
    }
  });
});
