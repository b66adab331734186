import { describe, expect, it } from 'vitest';
import { binomial, permutationTest } from '../../../../src-core/compare/stats/permutation-test';
import { welchTTest } from '../../../../src-core/compare/stats/welch-t-test';

describe('permutationTest', () => {
  it('enumerates every split of a tiny sample, as by hand', () => {
    // A = {1, 2}, B = {3, 4, 5}: observed mean difference 1.5 − 4 = −2.5. Of the 10 ways to choose A, only {1, 2}
    // (−2.5) and {4, 5} (4.5 − 2 = +2.5) reach |2.5| → p = 0.2.
    const r = permutationTest([1, 2], [3, 4, 5]);
    expect(r).toEqual({ ok: true, test: 'permutation', nA: 2, nB: 3, meanDiff: -2.5, p: 0.2, exact: true, splits: 10 });
  });

  it('counts a split equal to the observed one in exact arithmetic even when rounding makes it smaller', () => {
    // A = {0.4, 0.5}, B = {0.1, 0.2, 0.3}: d = 0.45 − 0.2 = 0.25. The mirror split {0.1, 0.2} gives exactly −0.25 in
    // real numbers but |d| = 0.24999999999999994 in floats; it must still count → p = 2/10 (not 1/10).
    const r = permutationTest([0.4, 0.5], [0.1, 0.2, 0.3]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.p).toBeCloseTo(0.2, 15);
  });

  it('samples with a fixed seed when there are too many splits, close to the exact answer', () => {
    const a = [0.91, 0.93, 0.92, 0.95, 0.94, 0.9];
    const b = [0.88, 0.9, 0.87, 0.89, 0.92, 0.86];
    const exact = permutationTest(a, b);
    const sampled = permutationTest(a, b, { maxExactSplits: 10, samples: 20_000, seed: 7 });
    if (!exact.ok || !sampled.ok) throw new Error('expected results');
    expect(exact).toMatchObject({ exact: true, splits: 924 });
    expect(sampled).toMatchObject({ exact: false, splits: 20_000 });
    // Monte Carlo standard error at p ≈ 0.01 with 20 000 draws is ≈ 0.0007.
    expect(Math.abs(sampled.p - exact.p)).toBeLessThan(0.004);
    expect(permutationTest(a, b, { maxExactSplits: 10, samples: 20_000, seed: 7 })).toEqual(sampled);
  });

  it('never reports p = 0 when sampling, and agrees with Welch on well-separated groups', () => {
    const a = Array.from({ length: 12 }, (_, i) => 10 + i * 0.1);
    const b = Array.from({ length: 12 }, (_, i) => i * 0.1);
    const r = permutationTest(a, b, { samples: 999 });
    const w = welchTTest(a, b);
    if (!r.ok || !w.ok) throw new Error('expected results');
    expect(binomial(24, 12)).toBe(2_704_156);
    expect(r.exact).toBe(false);
    expect(r.p).toBe(1 / 1000);
    expect(w.p).toBeLessThan(1e-10);
  });

  it('refuses tiny groups and all-equal values', () => {
    expect(permutationTest([1], [2, 3])).toMatchObject({ ok: false, reason: 'needs at least 2 values per group (got 1 and 2)' });
    expect(permutationTest([2, 2], [2, 2])).toMatchObject({ ok: false, reason: expect.stringContaining('all values are equal') });
  });
});

describe('binomial', () => {
  it('computes C(n, k)', () => {
    expect([binomial(5, 2), binomial(10, 0), binomial(10, 10), binomial(50, 25)]).toEqual([10, 1, 1, 126_410_606_437_752]);
  });
});
