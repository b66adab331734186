import { describe, expect, it } from 'vitest';
import { hedgesCorrection, welchTTest } from '../../../../src-core/compare/stats/welch-t-test';

describe('welchTTest', () => {
  it('matches a hand-worked example', () => {
    // A = 1..5: mean 3, s² = 10/4 = 2.5, s²/n = 0.5.   B = 2, 4, 6: mean 4, s² = 8/2 = 4, s²/n = 4/3.
    // t = (3 − 4) / √(0.5 + 4/3) = −1 / √(11/6) = −0.7385489458759964
    // df = (11/6)² / (0.5²/4 + (4/3)²/2) = (121/36) / (1/16 + 8/9) = 3.5328467153284672
    // p (mpmath, two-sided at that df) = 0.5062141716528481
    // Cohen's d: s_p² = (4·2.5 + 2·4)/6 = 3 → d = −1/√3; Hedges' g = d · Γ(3)/(√3 Γ(2.5)) = d · 0.8686266878274132.
    const r = welchTTest([1, 2, 3, 4, 5], [2, 4, 6]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r).toMatchObject({ test: 'welch-t', nA: 5, nB: 3, meanA: 3, meanB: 4, meanDiff: -1 });
    expect(r.t).toBeCloseTo(-0.7385489458759964, 13);
    expect(r.df).toBeCloseTo(3.5328467153284673, 13);
    expect(r.p).toBeCloseTo(0.5062141716528481, 12);
    expect(r.cohensD).toBeCloseTo(-1 / Math.sqrt(3), 14);
    expect(r.hedgesG).toBeCloseTo(-0.50150185204245, 13);
  });

  it('finds a clear difference between two groups of validation accuracies', () => {
    // mpmath reference: t = 4.700096710803846, df = 6.980769230769228, p = 0.002224603348899632, d = 3.074085229787883.
    const r = welchTTest([0.91, 0.93, 0.92, 0.95, 0.94], [0.88, 0.9, 0.87, 0.89]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.t).toBeCloseTo(4.700096710803846, 10);
    expect(r.df).toBeCloseTo(6.980769230769228, 10);
    expect(r.p).toBeCloseTo(0.002224603348899632, 12);
    expect(r.cohensD).toBeCloseTo(3.074085229787883, 10);
    expect(r.hedgesG).toBeCloseTo(2.730411439531455, 10);
  });

  it('swapping the groups flips the sign of t and d but not p', () => {
    const ab = welchTTest([1, 2, 3, 4, 5], [2, 4, 6]);
    const ba = welchTTest([2, 4, 6], [1, 2, 3, 4, 5]);
    if (!ab.ok || !ba.ok) throw new Error('expected results');
    expect(ba.t).toBeCloseTo(-ab.t, 14);
    expect(ba.p).toBeCloseTo(ab.p, 14);
    expect(ba.cohensD).toBeCloseTo(-ab.cohensD, 14);
  });

  it('works when one group has zero variance', () => {
    // s_B² = 0: t = (2 − 5)/√(1/3), df = (1/3)²/((1/3)²/2) = 2.
    const r = welchTTest([1, 2, 3], [5, 5, 5]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.t).toBeCloseTo(-3 * Math.sqrt(3), 13);
    expect(r.df).toBeCloseTo(2, 13);
    // df = 2 closed form: p = 1 − |t|/√(2 + t²).
    expect(r.p).toBeCloseTo(1 - 3 * Math.sqrt(3) / Math.sqrt(29), 13);
  });

  it('refuses, with a reason, groups of one value, empty groups, zero variance and NaN', () => {
    expect(welchTTest([0.9], [0.8, 0.85])).toEqual({
      ok: false,
      test: 'welch-t',
      reason: 'needs at least 2 values per group to estimate variance (got 1 and 2)',
    });
    expect(welchTTest([], [])).toMatchObject({ ok: false });
    expect(welchTTest([0.9, 0.9], [0.8, 0.8])).toMatchObject({ ok: false, reason: expect.stringContaining('zero variance') });
    // 0.1 + 0.2 = 0.30000000000000004: a spread of rounding error only, not a t of 10¹⁵.
    expect(welchTTest([0.1 + 0.2, 0.3], [0.7, 0.7])).toMatchObject({ ok: false, reason: expect.stringContaining('zero variance') });
    expect(welchTTest([0.9, NaN], [0.8, 0.7])).toMatchObject({ ok: false, reason: 'group A value 2 is NaN, not a finite number' });
  });
});

describe('hedgesCorrection', () => {
  it('matches Γ(m/2)/(√(m/2) Γ((m−1)/2)) and its approximation 1 − 3/(4m − 1)', () => {
    // m = 8: Γ(4)/(√4 Γ(3.5)), with Γ(3.5) = (15/8)√π = 3.3233509704478426.
    expect(hedgesCorrection(8)).toBeCloseTo(6 / (2 * (15 / 8) * Math.sqrt(Math.PI)), 13);
    expect(hedgesCorrection(100)).toBeCloseTo(1 - 3 / 399, 5);
  });
});
