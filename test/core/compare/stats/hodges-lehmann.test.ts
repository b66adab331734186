import { describe, expect, it } from 'vitest';
import { hodgesLehmannPaired, hodgesLehmannTwoSample } from '../../../../src-core/compare/stats/hodges-lehmann';

// The counts c below (how many sorted values each end leaves out) were computed once in Python by enumerating the
// exact null distributions (subset sums of ranks), and the normal approximation checked against them.
describe('Hodges–Lehmann intervals', () => {
  it('two samples, exact (n + m ≤ 50) and normal (above): c = 37 for 12 vs 12, c = 230 for 26 vs 26 (exact 230)', () => {
    const a = Array.from({ length: 26 }, (_, i) => i);
    const b = Array.from({ length: 26 }, (_, j) => j + j * j * 1e-3 + 0.37);
    const diffs = a.flatMap((x) => b.map((y) => x - y));
    const big = hodgesLehmannTwoSample(a, b);
    expect(diffs.filter((d) => d < big.low)).toHaveLength(230);
    expect(diffs.filter((d) => d > big.high)).toHaveLength(230);
    const small = hodgesLehmannTwoSample(a.slice(0, 12), b.slice(0, 12));
    const smallDiffs = a.slice(0, 12).flatMap((x) => b.slice(0, 12).map((y) => x - y));
    expect(smallDiffs.filter((d) => d < small.low)).toHaveLength(37);
    expect(small.estimate).toBeGreaterThan(small.low);
    expect(small.estimate).toBeLessThan(small.high);
  });

  it('paired: c = 3 for 8 pairs, 648 for 60 (exact 648); too few pairs give the whole line', () => {
    const d = Array.from({ length: 60 }, (_, i) => i + i * i * 1e-3 - 20); // distinct Walsh averages
    const walsh = d.flatMap((x, i) => d.slice(i).map((y) => (x + y) / 2));
    const big = hodgesLehmannPaired(d);
    expect(walsh.filter((w) => w < big.low)).toHaveLength(648);
    const eight = hodgesLehmannPaired(d.slice(0, 8));
    expect(d.slice(0, 8).flatMap((x, i) => d.slice(i, 8).map((y) => (x + y) / 2)).filter((w) => w < eight.low)).toHaveLength(3);
    expect(hodgesLehmannPaired([1, 2, 3])).toMatchObject({ estimate: 2, low: -Infinity, high: Infinity });
  });
});
