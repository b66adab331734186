import { describe, expect, it } from 'vitest';
import { wilcoxonSignedRank } from '../../../../src-core/compare/stats/wilcoxon-signed-rank';

/** Exact two-sided p over all 2^n sign patterns, ranking by counting: an independent check. */
function bruteForceP(diffs: number[]): number {
  const d = diffs.filter((x) => x !== 0);
  const abs = d.map(Math.abs);
  const rank = abs.map((x) => 1 + abs.filter((y) => y < x).length + (abs.filter((y) => y === x).length - 1) / 2);
  const center = (d.length * (d.length + 1)) / 4;
  const observed = Math.abs(d.reduce((s, x, i) => s + (x > 0 ? rank[i]! : 0), 0) - center);
  let extreme = 0;
  for (let mask = 0; mask < 1 << d.length; mask++) {
    const w = rank.reduce((s, r, i) => s + (mask & (1 << i) ? r : 0), 0);
    if (Math.abs(w - center) >= observed - 1e-9) extreme++;
  }
  return extreme / 2 ** d.length;
}

describe('wilcoxonSignedRank', () => {
  it('gives 2/2^n when every pair moves the same way, enumerated by hand', () => {
    // d = 1, 2, 3, 4: W+ = 10, the maximum. Of 16 sign patterns only all-plus (10) and all-minus (0) are as extreme.
    const r = wilcoxonSignedRank([5, 6, 7, 8], [4, 4, 4, 4]);
    expect(r).toMatchObject({ ok: true, n: 4, zeros: 0, wPlus: 10, wMinus: 0, exact: true, rankBiserial: 1 });
    if (r.ok) expect(r.p).toBeCloseTo(2 / 16, 15);
  });

  it('counts sign patterns by hand for a mixed example', () => {
    // d = 1, −2, 3, 4: W+ = 1 + 3 + 4 = 8, W− = 2, mean 5. Subset sums of {1,2,3,4} ≤ 2: {}, {1}, {2}; ≥ 8: {1,3,4},
    // {2,3,4}, {1,2,3,4} → p = 6/16. Rank-biserial = (8 − 2)/10 = 0.6.
    const r = wilcoxonSignedRank([2, 0, 6, 9], [1, 2, 3, 5]);
    if (!r.ok) throw new Error(r.reason);
    expect(r).toMatchObject({ wPlus: 8, wMinus: 2 });
    expect(r.p).toBeCloseTo(6 / 16, 15);
    expect(r.rankBiserial).toBeCloseTo(0.6, 15);
  });

  it('drops zero differences and is exact with tied magnitudes, as brute force says', () => {
    const cases = [
      [0.5, -0.25, 0.5, 0, 1, 0.75, -0.5, 0.25, 1, 0.5],
      [3, -1, 4, -1, 5, -9, 2, 6, -5, 3, 5],
      [0.02, 0.01, -0.03, 0.04, 0.05, 0.06],
    ];
    for (const d of cases) {
      const r = wilcoxonSignedRank(d, d.map(() => 0));
      if (!r.ok) throw new Error(r.reason);
      expect(r.zeros).toBe(d.filter((x) => x === 0).length);
      expect(r.exact).toBe(true);
      expect(r.p).toBeCloseTo(bruteForceP(d), 12);
    }
  });

  it('uses the normal approximation with tie and continuity corrections above 50 differences', () => {
    // Python reference on these 60 pairs (3 zeros dropped, 57 left): W+ = 1075.5, z = 1.9812357210389997, p = 0.047564845067063215.
    const d = Array.from({ length: 60 }, (_, i) => (i % 7) - 2.5 + (i % 3 === 0 ? 0.5 : 0));
    const r = wilcoxonSignedRank(d, d.map(() => 0));
    if (!r.ok) throw new Error(r.reason);
    expect(r).toMatchObject({ exact: false, zeros: 3, wPlus: 1075.5 });
    expect(r.p).toBeCloseTo(0.04756484506706322, 12);
  });

  it('refuses single pairs, identical groups, unequal sizes and NaN', () => {
    expect(wilcoxonSignedRank([1], [2])).toMatchObject({ ok: false, reason: 'needs at least 2 pairs (got 1)' });
    expect(wilcoxonSignedRank([1, 2, 3], [1, 2, 4])).toMatchObject({
      ok: false,
      reason: 'needs at least 2 pairs that differ (2 of 3 pairs are equal)',
    });
    expect(wilcoxonSignedRank([1, 2], [1, 2, 3])).toMatchObject({ ok: false, reason: 'pairs need groups of equal size (got 2 and 3)' });
    expect(wilcoxonSignedRank([1, 2], [1, NaN])).toMatchObject({ ok: false, test: 'wilcoxon-signed-rank' });
  });
});
