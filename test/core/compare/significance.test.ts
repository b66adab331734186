import { describe, expect, it } from 'vitest';
import { bandsForGroup, groupBySeed } from '../../../src-core/compare/seed-groups';
import { chooseDesign, compareSamples, compareSeedGroups, seedValues } from '../../../src-core/compare/significance';
import { epochs, makeRun, train } from './run-fixtures';

const sv = (pairs: [number, number][]) => pairs.map(([seed, value]) => ({ seed, value }));

describe('chooseDesign', () => {
  it('pairs by seed when both groups ran the same seeds, in any order', () => {
    expect(chooseDesign(sv([[1, 0], [2, 0], [3, 0]]), sv([[3, 0], [1, 0], [2, 0]]))).toMatchObject({ design: 'paired' });
  });

  it('treats groups as independent when seeds differ, repeat, or only one is shared', () => {
    expect(chooseDesign(sv([[1, 0], [2, 0]]), sv([[1, 0], [3, 0]])).design).toBe('independent');
    expect(chooseDesign(sv([[1, 0], [1, 0]]), sv([[1, 0], [1, 0]]))).toMatchObject({
      design: 'independent',
      why: expect.stringContaining('a seed repeats'),
    });
    expect(chooseDesign(sv([[1, 0]]), sv([[1, 0]])).design).toBe('independent');
  });
});

describe('compareSamples', () => {
  it('runs the paired t-test and signed-rank test on values matched by seed', () => {
    // Matched by seed: differences 1, 2, 3, 4 (see paired-t-test.test.ts: t = √15, p = 0.0304662916621710).
    const a = sv([[10, 5], [20, 6], [30, 7], [40, 8]]);
    const b = sv([[40, 4], [30, 4], [10, 4], [20, 4]]);
    const c = compareSamples(a, b);
    if (c.design !== 'paired') throw new Error('expected a paired design');
    expect(c.seeds).toEqual([10, 20, 30, 40]);
    expect(c.a).toEqual([5, 6, 7, 8]);
    expect(c.b).toEqual([4, 4, 4, 4]);
    expect(c.tTest.ok && c.tTest.p).toBeCloseTo(0.030466291662170991, 13);
    expect(c.rankTest.ok && c.rankTest.p).toBeCloseTo(2 / 16, 15);
  });

  it('pairing changes the answer: the same numbers, paired by seed or not', () => {
    const a = [0.91, 0.93, 0.92, 0.95, 0.94];
    const b = [0.9, 0.91, 0.93, 0.92, 0.91];
    const paired = compareSamples(sv(a.map((v, i) => [i, v])), sv(b.map((v, i) => [i, v])));
    const independent = compareSamples(sv(a.map((v, i) => [i, v])), sv(b.map((v, i) => [i + 100, v])));
    expect(paired.design).toBe('paired');
    expect(independent.design).toBe('independent');
    expect(paired.tTest.ok && paired.tTest.test).toBe('paired-t');
    expect(independent.tTest.ok && independent.tTest.test).toBe('welch-t');
    if (!paired.tTest.ok || !independent.tTest.ok) throw new Error('expected results');
    expect(paired.tTest.p).toBeCloseTo(0.09930068321372684, 9);
    expect(independent.tTest.p).not.toBeCloseTo(paired.tTest.p, 2);
  });

  it('runs Welch, Mann–Whitney and the permutation test on independent groups', () => {
    const c = compareSamples(sv([[1, 1], [2, 2]]), sv([[3, 3], [4, 4], [5, 5]]));
    if (c.design !== 'independent') throw new Error('expected independent');
    expect(c.rankTest.ok && c.rankTest.p).toBeCloseTo(0.2, 15);
    expect(c.permutation.ok && c.permutation.p).toBeCloseTo(0.2, 15);
    expect(c.tTest.ok && c.tTest.test).toBe('welch-t');
  });

  it('says why no test could run for groups of one seed, instead of NaN', () => {
    const c = compareSamples(sv([[1, 0.9]]), sv([[2, 0.8]]));
    expect(c.tTest).toMatchObject({ ok: false, reason: expect.stringContaining('at least 2') });
    expect(c.rankTest).toMatchObject({ ok: false });
    expect(JSON.stringify(c)).not.toContain('NaN');
  });
});

describe('compareSeedGroups on stored runs', () => {
  const curve = (final: number, best: number) => epochs([0.7, 0.6, 0.5], { valAccuracy: [0.5, best, final] });
  const adam = [1, 2, 3].map((seed, i) =>
    makeRun({ id: `adam${seed}`, seed, metrics: curve([0.9, 0.92, 0.91][i]!, 0.95) }),
  );
  const sgdTrain = { ...train, optimizer: { type: 'sgd' as const, lr: 0.1 } };
  const sgd = [1, 2, 3].map((seed, i) =>
    makeRun({ id: `sgd${seed}`, seed, train: sgdTrain, metrics: curve([0.8, 0.83, 0.81][i]!, 0.85 + i * 0.01) }),
  );

  it('groups by seed, then compares the groups paired by seed on final values', () => {
    const [g1, g2] = groupBySeed([...adam, ...sgd]);
    expect(g1!.seeds).toEqual([1, 2, 3]);
    const c = compareSeedGroups(g1!, g2!, 'valAccuracy');
    expect(c.design).toBe('paired');
    // Differences 0.10, 0.09, 0.10: mean 0.0966…, all the same sign.
    expect(c.a).toEqual([0.9, 0.92, 0.91]);
    expect(c.tTest.ok && c.tTest.meanDiff).toBeCloseTo(0.29 / 3, 12);
    expect(c.rankTest.ok && c.rankTest.p).toBeCloseTo(2 / 8, 15);
  });

  it('compares best values on request', () => {
    expect(seedValues(sgd, 'valAccuracy', 'best').map((s) => s.value)).toEqual([0.85, 0.86, 0.87]);
    const c = compareSeedGroups({ runs: adam }, { runs: sgd }, 'valAccuracy', { at: 'best' });
    expect(c.a).toEqual([0.95, 0.95, 0.95]);
  });

  it('leaves out runs without a finite value of the metric', () => {
    const broken = makeRun({ id: 'nan', seed: 4, metrics: epochs([NaN]) });
    expect(seedValues([...adam, broken], 'loss').map((s) => s.seed)).toEqual([1, 2, 3]);
  });

  it('computes bands and a comparison for 20 runs of 200 epochs', () => {
    const runs = Array.from({ length: 20 }, (_, r) =>
      makeRun({
        id: `r${r}`,
        seed: r % 10,
        train: r < 10 ? train : sgdTrain,
        metrics: epochs(Array.from({ length: 200 }, (_, e) => 1 / (e + 1) + (r % 10) * 1e-3 + (r < 10 ? 0 : 0.01))),
      }),
    );
    const groups = groupBySeed(runs);
    expect(groups).toHaveLength(2);
    const bands = bandsForGroup(groups[0]!, 'loss');
    expect(bands.points).toHaveLength(200);
    expect(bands.points[199]!.n).toBe(10);
    const c = compareSeedGroups(groups[0]!, groups[1]!, 'loss');
    expect(c.design).toBe('paired');
    expect(c.tTest.ok).toBe(false); // every pair differs by exactly 0.01: refused, with a reason
    expect(c.rankTest.ok && c.rankTest.p).toBeCloseTo(2 / 1024, 15);
  });
});
