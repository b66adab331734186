import { describe, expect, it } from 'vitest';
import { normalTwoSidedP } from '../../../../src-core/compare/stats/distributions';
import { mannWhitneyU } from '../../../../src-core/compare/stats/mann-whitney';
import { midranks } from '../../../../src-core/compare/stats/ranks';

/** Exact two-sided p by brute force over every split, counting pairs (not ranks): an independent check. */
function bruteForceP(a: number[], b: number[]): number {
  const pooled = [...a, ...b];
  const uOf = (x: number[], y: number[]) => x.reduce((s, xi) => s + y.reduce((t, yj) => t + (xi > yj ? 1 : xi === yj ? 0.5 : 0), 0), 0);
  const mu = (a.length * b.length) / 2;
  const observed = Math.abs(uOf(a, b) - mu);
  let extreme = 0;
  let total = 0;
  const n = pooled.length;
  for (let mask = 0; mask < 1 << n; mask++) {
    let bits = 0;
    for (let m = mask; m; m >>= 1) bits += m & 1;
    if (bits !== a.length) continue;
    const x = pooled.filter((_, i) => mask & (1 << i));
    const y = pooled.filter((_, i) => !(mask & (1 << i)));
    total++;
    if (Math.abs(uOf(x, y) - mu) >= observed - 1e-9) extreme++;
  }
  return extreme / total;
}

describe('midranks', () => {
  it('averages the ranks of ties and reports their group sizes', () => {
    expect(midranks([10, 20, 20, 5, 20])).toEqual({ ranks: [2, 4, 4, 1, 4], ties: [3] });
    expect(midranks([])).toEqual({ ranks: [], ties: [] });
  });
});

describe('mannWhitneyU', () => {
  it('gives the exact p for complete separation, enumerated by hand', () => {
    // A = {1, 2}, B = {3, 4, 5}: A holds ranks {1, 2}. Of the C(5, 2) = 10 rank pairs, only {1, 2} (sum 3) and
    // {4, 5} (sum 9) are as far from the mean sum 6 → p = 2/10.
    const r = mannWhitneyU([1, 2], [3, 4, 5]);
    expect(r).toMatchObject({ ok: true, uA: 0, uB: 6, exact: true, rankBiserial: -1 });
    if (r.ok) expect(r.p).toBeCloseTo(0.2, 15);
    // scipy's documented case: mannwhitneyu([1, 2, 3], [4, 5, 6]) → p = 2/20 = 0.1.
    const s = mannWhitneyU([6, 5, 4], [1, 2, 3]);
    expect(s).toMatchObject({ ok: true, uA: 9, uB: 0, rankBiserial: 1 });
    if (s.ok) expect(s.p).toBeCloseTo(0.1, 15);
  });

  it('is exact with ties too, enumerated by hand', () => {
    // Pooled 1, 2, 2, 2, 3 → ranks 1, 3, 3, 3, 5. A = {1, 2, 2} has ranks {1, 3, 3}: R = 7, U = 7 − 6 = 1.
    // The 10 ways to pick 3 ranks: {1,5,3} ×3 → 9, {1,3,3} ×3 → 7, {5,3,3} ×3 → 11, {3,3,3} → 9.
    // |R − 9| ≥ 2 for the 6 sums 7 and 11 → p = 0.6.  Rank-biserial = 2·1/6 − 1 = −2/3.
    const r = mannWhitneyU([1, 2, 2], [2, 3]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.uA).toBe(1);
    expect(r.p).toBeCloseTo(0.6, 15);
    expect(r.rankBiserial).toBeCloseTo(-2 / 3, 15);
  });

  it('agrees with brute-force enumeration on samples with and without ties', () => {
    const cases: [number[], number[]][] = [
      [[0.81, 0.84, 0.8, 0.86, 0.83, 0.85], [0.79, 0.82, 0.8, 0.78, 0.77, 0.8]],
      [[3, 1, 4, 1, 5], [9, 2, 6, 5, 3, 5]],
      [[0.5, 0.25, 0.75], [0.1, 0.9, 0.3, 0.6, 0.2, 0.4, 0.8]],
    ];
    for (const [a, b] of cases) {
      const r = mannWhitneyU(a, b);
      if (!r.ok) throw new Error(r.reason);
      expect(r.exact).toBe(true);
      expect(r.p).toBeCloseTo(bruteForceP(a, b), 12);
    }
  });

  it('uses the normal approximation with tie and continuity corrections above 50 values', () => {
    // A = 0..29, B = 10..39 (20 tied pairs). Python reference: U = 200, z = 3.6897394969523548, p = 0.00022448380595775642.
    const a = Array.from({ length: 30 }, (_, i) => i);
    const b = Array.from({ length: 30 }, (_, i) => i + 10);
    const r = mannWhitneyU(a, b);
    if (!r.ok) throw new Error(r.reason);
    expect(r.exact).toBe(false);
    expect(r.uA).toBe(200);
    expect(r.p).toBeCloseTo(0.0002244838059577564, 12);
    expect(r.rankBiserial).toBeCloseTo(2 * 200 / 900 - 1, 14);
  });

  it('exact p at the switch-over size (50 values) is close to the normal approximation', () => {
    // No ties: μ = 25·25/2 = 312.5, σ = √(25·25·51/12). U = 171 → z = (141.5 − 0.5)/σ, normal p = 0.006223.
    const a = Array.from({ length: 25 }, (_, i) => i * 1.1);
    const b = Array.from({ length: 25 }, (_, i) => i * 1.1 + 7.05);
    const r = mannWhitneyU(a, b);
    if (!r.ok) throw new Error(r.reason);
    expect(r).toMatchObject({ exact: true, uA: 171 });
    // Python, by the recurrence f(u; m, n) = f(u − n; m − 1, n) + f(u; m, n − 1): p = 2·P(U ≤ 171) = 0.00549521438434097.
    expect(r.p).toBeCloseTo(0.00549521438434097, 14);
    const normalP = normalTwoSidedP((312.5 - 171 - 0.5) / Math.sqrt((625 * 51) / 12));
    expect(normalP).toBeCloseTo(0.006223, 6);
    expect(Math.abs(r.p - normalP)).toBeLessThan(0.001);
    expect(r.p).not.toBeCloseTo(normalP, 6); // it is the exact value, not the approximation
  });

  it('refuses groups of one value, all-equal values and NaN', () => {
    expect(mannWhitneyU([0.9], [0.8, 0.7])).toEqual({ ok: false, test: 'mann-whitney-u', reason: 'needs at least 2 values per group (got 1 and 2)' });
    expect(mannWhitneyU([1, 1], [1, 1, 1])).toMatchObject({ ok: false, reason: 'all values are equal, so there is no ordering to test' });
    expect(mannWhitneyU([1, 2], [NaN, 1])).toMatchObject({ ok: false, reason: 'group B value 1 is NaN, not a finite number' });
  });
});
