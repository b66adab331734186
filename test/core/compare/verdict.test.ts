import { describe, expect, it } from 'vitest';
import { powerEstimate, tTestPower, verdict, verdictFromValues } from '../../../src-core/compare/verdict';
import { epochs, makeRun } from './run-fixtures';

const sv = (seeds: number[], values: number[]) => values.map((value, i) => ({ seed: seeds[i]!, value }));
const seeds = (n: number, from = 1) => Array.from({ length: n }, (_, i) => from + i);

// Expected numbers below were computed once with scipy 1.17 (stats.ttest_rel / ttest_ind(equal_var=False) /
// wilcoxon / mannwhitneyu(method='exact'), .confidence_interval(0.95), stats.t.sf/cdf for the posterior and power).
const sgd = [0.912, 0.905, 0.921, 0.915, 0.909];
const adam = [0.895, 0.893, 0.898, 0.899, 0.892];

describe('verdict', () => {
  it('paired: same seeds, paired t-test, CI, d_z, posterior and the sentence', () => {
    const v = verdictFromValues(sv(seeds(5), sgd), sv(seeds(5), adam), 'valAccuracy', { nameA: 'SGD+momentum', nameB: 'Adam' });
    expect(v).toMatchObject({ design: 'paired', test: 'paired-t', unit: 'points', outcome: 'a-better', nA: 5, nB: 5, warnings: [] });
    expect(v.difference).toBeCloseTo(1.7, 10);
    expect(v.p).toBeCloseTo(0.0006436403754973164, 12); // ttest_rel
    expect(v.ci!.low).toBeCloseTo(1.2111563950633268, 8);
    expect(v.ci!.high).toBeCloseTo(2.188843604936679, 8);
    expect(v.effectSize).toEqual({ kind: 'cohens-dz', value: expect.closeTo(4.318004318006443, 10) });
    // Posterior μ ~ d̄ + s/√n · T(n−1), margin 0.5 points: t.sf((0.5 − d̄)/se, 4) and t.cdf((−0.5 − d̄)/se, 4).
    expect(v.bayes!.pABetter).toBeCloseTo(0.9987887718147582, 10);
    expect(v.bayes!.pBBetter).toBeCloseTo(0.0001179868408503054, 12);
    expect(v.sentence).toBe('SGD+momentum beats Adam on validation accuracy by 1.7 points (95 % CI 1.2 to 2.2), p < 0.001 over 5 seeds each (paired t-test).');
  });

  it('unpaired: different seeds, Welch t-test with its df, and the sentence names both counts', () => {
    const v = verdictFromValues(sv(seeds(5), sgd), sv(seeds(4, 6), [0.895, 0.901, 0.889, 0.903]), 'valAccuracy', { nameA: 'SGD', nameB: 'Adam' });
    expect(v).toMatchObject({ design: 'independent', test: 'welch-t', outcome: 'a-better' });
    expect(v.p).toBeCloseTo(0.008955410137223646, 12);
    expect(v.ci!.low).toBeCloseTo(0.5367561517601462, 8);
    expect(v.ci!.high).toBeCloseTo(2.5432438482398663, 8);
    expect(v.warnings[0]).toMatch(/only 5 and 4 seeds/);
    expect(v.sentence).toBe("SGD beats Adam on validation accuracy by 1.5 points (95 % CI 0.5 to 2.5), p = 0.009 over 5 and 4 seeds (Welch's t-test).");
  });

  it('no difference with 3 seeds: says so, with the power estimate', () => {
    const v = verdictFromValues(sv(seeds(3), [0.901, 0.889, 0.897]), sv(seeds(3, 4), [0.893, 0.902, 0.89]), 'valAccuracy', { nameA: 'SGD', nameB: 'Adam' });
    expect(v.outcome).toBe('no-difference');
    expect(v.p).toBeCloseTo(0.9012391664485147, 10);
    expect(v.ci!.low).toBeCloseTo(-1.3341046314158573, 8);
    // Power with the pooled sd: (shifted central t) 0.7940 at 7 seeds, 0.8535 at 8; scipy's exact noncentral t agrees (0.7937, 0.8529).
    expect(v.power).toMatchObject({ detect: 1, seedsEach: 8 });
    expect(v.warnings[0]).toMatch(/only 3 seeds each/);
    expect(v.sentence).toBe(
      "No detectable difference between SGD and Adam on validation accuracy with 3 seeds each (difference 0.07 points, 95 % CI −1.33 to 1.47, p = 0.9, Welch's t-test); about 8 seeds each would detect 1 point.",
    );
  });

  it('too few: one run on each side gives no test, only the reason', () => {
    const v = verdictFromValues(sv([1], [0.9]), sv([2], [0.8]), 'valAccuracy', { nameA: 'SGD', nameB: 'Adam' });
    expect(v).toMatchObject({ outcome: 'too-few', test: null, p: null, ci: null, bayes: null });
    expect(v.sentence).toBe('Too few seeds to compare SGD and Adam on validation accuracy: 1 and 1 runs with a value, and at least one side needs 2 to show the seed-to-seed spread.');
  });

  it('a run against a group: lower loss is better, the group spread stands for both', () => {
    const v = verdictFromValues(sv([9], [0.31]), sv(seeds(4), [0.35, 0.36, 0.355, 0.352]), 'valLoss', { nameA: 'new', nameB: 'baseline' });
    expect(v).toMatchObject({ design: 'single-run', test: 'single-run-t', unit: 'value', outcome: 'a-better' });
    expect(v.p).toBeCloseTo(0.002804125121552425, 10); // 2·t.sf(|x − ȳ| / (s√(1 + 1/4)), 3)
    expect(v.sentence).toBe('new beats baseline on validation loss by 0.044 (95 % CI 0.029 to 0.060), p = 0.0028 over 1 run against 4 seeds (t-test of one run against the group).');
  });

  it('8 paired seeds switch to the signed-rank test, which sees through a diverged seed', () => {
    const a = [0.3, 0.31, 0.29, 0.305, 0.298, 0.302, 0.31, 0.295];
    const b = [0.32, 0.325, 0.31, 0.33, 0.315, 0.318, 2.5, 0.312];
    const v = verdictFromValues(sv(seeds(8), a), sv(seeds(8), b), 'valLoss');
    expect(v).toMatchObject({ test: 'wilcoxon-signed-rank', estimator: 'hodges-lehmann', outcome: 'a-better', effectSize: { kind: 'rank-biserial', value: -1 } });
    expect(v.p).toBeCloseTo(0.0078125, 12); // stats.wilcoxon: every difference negative, 2/2⁸
    // Hodges–Lehmann: median of the 36 Walsh averages; interval [W₍4₎, W₍33₎], c = 3 from enumerating all 2⁸ sign
    // patterns (P(W⁺ ≤ 3) = 5/256 ≤ 0.025 < P(W⁺ ≤ 4)). The mean difference (−0.29) is the diverged seed's doing.
    expect(v.difference).toBeCloseTo(-0.01925, 12);
    expect(v.ci!.low).toBeCloseTo(-1.105, 12);
    expect(v.ci!.high).toBeCloseTo(-0.016, 12);
    expect(v.warnings).toEqual([]);
    expect(v.sentence).toBe('A beats B on validation loss by 0.019 (95 % CI 0.016 to 1.105), p = 0.0078 over 8 seeds each (Wilcoxon signed-rank test).');
  });

  it('12 seeds each of nearly equal values: Mann–Whitney, and practically equivalent within the margin', () => {
    const x = [0.9007, 0.9016, 0.9007, 0.8974, 0.9018, 0.9009, 0.8989, 0.9012, 0.9007, 0.9006, 0.9001, 0.9011];
    const y = [0.899, 0.9002, 0.8995, 0.9017, 0.9006, 0.8999, 0.8989, 0.9, 0.9005, 0.8999, 0.9031, 0.9025];
    const v = verdictFromValues(sv(seeds(12), x), sv(seeds(12, 20), y), 'valAccuracy');
    expect(v).toMatchObject({ test: 'mann-whitney-u', outcome: 'no-difference', effectSize: { kind: 'rank-biserial', value: expect.closeTo(0.2222222222, 8) } });
    // Exact and conditional on the ties (scipy's method='exact' ignores ties: 0.3777); counted by enumerating rank sums.
    expect(v.p).toBeCloseTo(0.36923683396963786, 10);
    // Median of the 144 differences x − y and [D₍38₎, D₍107₎]: c = 37 from the exact rank-sum null (C(24, 12) splits).
    expect(v.difference).toBeCloseTo(0.05, 9);
    expect(v.ci!.low).toBeCloseTo(-0.11, 9);
    expect(v.ci!.high).toBeCloseTo(0.12, 9);
    expect(v.bayes!.pEquivalent).toBeCloseTo(0.999999997564483, 8);
    expect(v.sentence).toMatch(/^No detectable difference .* these seeds would detect 0\.\d+ points\. They are practically equivalent \(within ±0\.5 points\) with probability 1\.00\.$/);
  });

  it('reads final or best values from runs', () => {
    const run = (id: string, seed: number, acc: number[]) => makeRun({ id, seed, metrics: epochs([1, 1, 1], { valAccuracy: acc }) });
    const a = [run('a1', 1, [0.5, 0.9, 0.8]), run('a2', 2, [0.5, 0.92, 0.81])];
    const b = [run('b1', 1, [0.5, 0.85, 0.84]), run('b2', 2, [0.5, 0.86, 0.83])];
    expect(verdict(a, b, 'valAccuracy').difference).toBeCloseTo(-3, 10);
    expect(verdict(a, b, 'valAccuracy', { at: 'best' }).difference).toBeCloseTo(5.5, 10);
  });
});

describe('power', () => {
  it('matches the shifted central t computed with scipy: 0.8535 at 8 seeds each', () => {
    const sigma = 0.6177917664283561; // the no-difference case's pooled sd (points)
    expect(tTestPower(1, sigma, 8, 'independent')).toBeCloseTo(0.8535303953926627, 8);
    expect(powerEstimate(sigma, 'independent', 3, 1).seedsEach).toBe(8);
  });
});

describe('verdict without spread', () => {
  it('identical runs: no difference, said plainly', () => {
    const v = verdictFromValues(sv(seeds(5), [0.9, 0.96, 0.9, 0.94, 0.92]), sv(seeds(5), [0.9, 0.96, 0.9, 0.94, 0.92]), 'valAccuracy', { nameA: 'adam', nameB: 'sgd' });
    expect(v).toMatchObject({ outcome: 'identical', design: 'paired', p: null, difference: 0 });
    expect(v.sentence).toBe('No difference between adam and sgd on validation accuracy: the same final value on all 5 seeds.');
    const independent = verdictFromValues(sv(seeds(3), [0.5, 0.5, 0.5]), sv(seeds(2, 9), [0.5, 0.5]), 'valAccuracy');
    expect(independent.sentence).toBe('No difference between A and B on validation accuracy: the same final value in all 5 runs.');
  });

  it('every pair differs by the same amount: the sign test, p = 2·½ⁿ', () => {
    const a = [0.3, 0.31, 0.29, 0.305, 0.298, 0.302];
    const v = verdictFromValues(sv(seeds(6), a), sv(seeds(6), a.map((x) => x + 0.25)), 'valLoss');
    expect(v).toMatchObject({ test: 'sign-test', outcome: 'a-better', p: 0.03125, bayes: null, power: null });
    expect(v.difference).toBeCloseTo(-0.25, 12);
    expect(v.sentence).toMatch(/^A beats B on validation loss by 0\.25 \(95 % CI 0\.25 to 0\.25\), p = 0\.031 over 6 seeds each \(sign test\)\.$/);
  });

  it('each group constant but different: Mann–Whitney on the ties (scipy mannwhitneyu exact: 2/C(10, 5) = 0.0079)', () => {
    const v = verdictFromValues(sv(seeds(5), [0.9, 0.9, 0.9, 0.9, 0.9]), sv(seeds(5, 10), [0.8, 0.8, 0.8, 0.8, 0.8]), 'valAccuracy');
    expect(v).toMatchObject({ test: 'mann-whitney-u', outcome: 'a-better', design: 'independent' });
    expect(v.p).toBeCloseTo(2 / 252, 12);
    expect(v.difference).toBeCloseTo(10, 9);
  });
});
