import { describe, expect, it } from 'vitest';
import { pairedTTest } from '../../../../src-core/compare/stats/paired-t-test';

describe('pairedTTest', () => {
  it('matches a hand-worked example', () => {
    // d = 1, 2, 3, 4: mean 2.5, s_d = √(5/3), t = 2.5 / (√(5/3)/2) = √15 = 3.872983346207417, df = 3.
    // p (mpmath) = 0.030466291662170991; d_z = 2.5/√(5/3) = 1.9364916731037085.
    const r = pairedTTest([5, 6, 7, 8], [4, 4, 4, 4]);
    if (!r.ok) throw new Error(r.reason);
    expect(r).toMatchObject({ test: 'paired-t', n: 4, meanDiff: 2.5, df: 3 });
    expect(r.t).toBeCloseTo(Math.sqrt(15), 13);
    expect(r.p).toBeCloseTo(0.030466291662170991, 13);
    expect(r.cohensDz).toBeCloseTo(1.9364916731037085, 13);
  });

  it('on five seeds of accuracies: p = 0.0993 (mpmath), where pairing matters', () => {
    const a = [0.91, 0.93, 0.92, 0.95, 0.94];
    const b = [0.9, 0.91, 0.93, 0.92, 0.91];
    const r = pairedTTest(a, b);
    if (!r.ok) throw new Error(r.reason);
    expect(r.t).toBeCloseTo(2.138089935299395, 9);
    expect(r.p).toBeCloseTo(0.09930068321372684, 9);
    expect(r.cohensDz).toBeCloseTo(0.9561828874675149, 9);
  });

  it('refuses unequal lengths, a single pair and differences with no variance', () => {
    expect(pairedTTest([1, 2], [1])).toMatchObject({ ok: false, reason: 'pairs need groups of equal size (got 2 and 1)' });
    expect(pairedTTest([1], [2])).toMatchObject({ ok: false, reason: 'needs at least 2 pairs (got 1)' });
    expect(pairedTTest([2, 3, 4], [1, 2, 3])).toMatchObject({ ok: false, reason: expect.stringContaining('same amount (1)') });
    expect(pairedTTest([1, Infinity], [2, 3])).toMatchObject({ ok: false, reason: 'group A value 2 is Infinity, not a finite number' });
  });
});
