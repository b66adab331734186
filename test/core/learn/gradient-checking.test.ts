import { describe, expect, it } from 'vitest';
import { checkGradients, GRAD_CHECK_TOLERANCE, gradientCheckWorkbench } from '../../../src-core/learn/index';
import { analyzeSpec } from '../../../src-core/nn/index';

describe('gradient checking per layer (core model and loss, float64)', () => {
  it('a healthy network passes in every layer, in line with the core gradCheck', () => {
    const check = checkGradients();
    expect(check.passed).toBe(true);
    const withParams = check.layers.filter((l) => l.maxRelError !== null);
    expect(withParams.map((l) => l.index)).toEqual([0, 2, 4]);
    expect(withParams[0]!.entries.length).toBe(3 * 4 + 4);
    expect(check.maxRelError).toBeLessThan(1e-6);
    expect(check.core.maxRelError).toBeLessThan(1e-6);
    for (const e of withParams[1]!.entries) expect(e.analytic).toBeCloseTo(e.numeric, 7);
  });

  it('catches a layer whose backward is scaled by 0.9: it and every layer below fail, the ones above pass', () => {
    const check = checkGradients(undefined, { broken: { layer: 2, scale: 0.9 } });
    expect(check.passed).toBe(false);
    const byIndex = new Map(check.layers.map((l) => [l.index, l]));
    expect(byIndex.get(4)!.passed).toBe(true);
    expect(byIndex.get(2)!.passed).toBe(false);
    expect(byIndex.get(0)!.passed).toBe(false);
    expect(byIndex.get(2)!.maxRelError!).toBeGreaterThan(0.05);
    expect(byIndex.get(2)!.maxRelError!).toBeGreaterThan(1000 * GRAD_CHECK_TOLERANCE);
  });

  it('catches a dropped term in an activation (scale 0) through the dense layer below it', () => {
    const check = checkGradients(undefined, { broken: { layer: 3, scale: 0 } });
    const byIndex = new Map(check.layers.map((l) => [l.index, l]));
    expect(byIndex.get(3)!.maxRelError).toBeNull();
    expect(byIndex.get(2)!.passed).toBe(false);
    expect(byIndex.get(4)!.passed).toBe(true);
    expect(() => checkGradients(undefined, { broken: { layer: 9, scale: 0.9 } })).toThrow(/broken layer 9/);
    const setup = gradientCheckWorkbench();
    expect(() => analyzeSpec(setup.spec, { loss: setup.train.loss })).not.toThrow();
  });
});
