import { metricDirection, type MetricDirection, type MetricName } from './metric';
import type { RunWithConfig } from './run-input';
import { chooseDesign, seedValues, type SeedValue, type TestDesign, type ValueAt } from './significance';
import { isRoundingNoise, mean, sampleStd, sampleVariance } from './stats/descriptive';
import { studentTCdf, studentTQuantile } from './stats/distributions';
import { hodgesLehmannPaired, hodgesLehmannTwoSample, type ShiftEstimate } from './stats/hodges-lehmann';
import { mannWhitneyU } from './stats/mann-whitney';
import { pairedTTest } from './stats/paired-t-test';
import { welchTTest } from './stats/welch-t-test';
import { wilcoxonSignedRank } from './stats/wilcoxon-signed-rank';

/**
 * The verdict between two groups of runs (or one run and a group) on one metric: the difference with its confidence
 * interval, the p value of the test that fits the design and n, an effect size, the Bayesian probability that one is
 * better by more than a negligible margin, a power estimate, warnings, and one plain sentence. Every amount is in
 * display units: points (× 100) for accuracies, plain values for losses. See docs/COMPARISON.md.
 */
export interface Verdict {
  metric: MetricName;
  at: ValueAt;
  /** The values were taken from this epoch on (a fork compared with its parent: the shared history left out). */
  fromEpoch?: number;
  direction: MetricDirection;
  /** 'points' for accuracies (values × 100), 'value' for losses. */
  unit: 'points' | 'value';
  nameA: string;
  nameB: string;
  /** Runs with a finite value of the metric in each group. */
  nA: number;
  nB: number;
  /** 'paired' when both groups ran the same seeds; 'single-run' when one side is a single run against a group. */
  design: TestDesign | 'single-run';
  /** Why this design and this test, as a sentence. */
  why: string;
  /** The test whose p value is reported; null when no test could run. */
  test: VerdictTest | null;
  /**
   * A − B (display units): the difference of the means with a t-test; with a rank test, the Hodges–Lehmann estimate
   * that goes with it (median of the Walsh averages of the paired differences, or median of all a − b), which one
   * diverged seed cannot drag. NaN when a side has no value.
   */
  difference: number;
  estimator: 'mean' | 'hodges-lehmann';
  /**
   * The 95 % confidence interval of `difference`: t-based for the mean, the rank tests' distribution-free interval
   * for Hodges–Lehmann; null when it cannot be estimated.
   */
  ci: { low: number; high: number; level: number } | null;
  p: number | null;
  /** Positive when A tends higher (not "better": check `direction`). */
  effectSize: { kind: 'cohens-d' | 'cohens-dz' | 'rank-biserial'; value: number } | null;
  /** Bayesian t posterior of the difference (see `bayesian`): probabilities A better / equivalent / B better. */
  bayes: BayesComparison | null;
  power: PowerEstimate | null;
  warnings: string[];
  /** 'identical': every run of both groups ended on exactly the same value (paired: every pair). */
  outcome: 'a-better' | 'b-better' | 'no-difference' | 'identical' | 'too-few';
  sentence: string;
}

export type VerdictTest = 'paired-t' | 'wilcoxon-signed-rank' | 'sign-test' | 'welch-t' | 'mann-whitney-u' | 'single-run-t';

export interface BayesComparison {
  /** The negligible difference (display units): |difference| ≤ margin counts as "equivalent". */
  margin: number;
  pABetter: number;
  pEquivalent: number;
  pBBetter: number;
}

export interface PowerEstimate {
  /** The difference the estimate aims at (display units). */
  detect: number;
  /** Seeds per group that would detect `detect` with 80 % power at α = 0.05; null with no spread to go by or above 10,000. */
  seedsEach: number | null;
  /** The smallest difference the current seeds detect with 80 % power. */
  detectableNow: number;
}

export interface VerdictOptions {
  at?: ValueAt;
  nameA?: string;
  nameB?: string;
  /** Negligible difference, display units. Default: 0.5 points for accuracies, 1 % of the mean value for losses. */
  margin?: number;
  /** The difference the power estimate aims at, display units. Default: 1 point for accuracies, else the observed difference. */
  detect?: number;
  /** Significance level; default 0.05. */
  alpha?: number;
  /** The values were taken from this epoch on (see `fromForkEpoch`); the sentence says so. */
  fromEpoch?: number;
}

/** Below this many seeds per group the t-tests are used: a rank test cannot reach small p values with so few. */
export const RANK_TEST_MIN_N = 8;
/** Below this many seeds per group the verdict warns that its numbers are rough. */
export const FEW_SEEDS = 5;
const POWER = 0.8;
const MAX_SEEDS = 10_000;

const metricLabels: Record<MetricName, string> = {
  loss: 'training loss',
  accuracy: 'training accuracy',
  valLoss: 'validation loss',
  valAccuracy: 'validation accuracy',
};

const testLabels: Record<VerdictTest, string> = {
  'paired-t': 'paired t-test',
  'wilcoxon-signed-rank': 'Wilcoxon signed-rank test',
  'sign-test': 'sign test',
  'welch-t': "Welch's t-test",
  'mann-whitney-u': 'Mann–Whitney U test',
  'single-run-t': 't-test of one run against the group',
};

/** How a test is named in a sentence: "paired t-test". */
export function testLabel(test: VerdictTest): string {
  return testLabels[test];
}

/** How a metric is named in a sentence: "validation accuracy". */
export function metricLabel(metric: MetricName): string {
  return metricLabels[metric];
}

/** Accuracies are shown in points (× 100), losses as they are. */
export function metricScale(metric: MetricName): number {
  return metric === 'accuracy' || metric === 'valAccuracy' ? 100 : 1;
}

/** The verdict between two groups of runs, each run's final (default) or best value of `metric`. */
export function verdict(groupA: readonly RunWithConfig[], groupB: readonly RunWithConfig[], metric: MetricName, options: VerdictOptions = {}): Verdict {
  const at = options.at ?? 'final';
  return verdictFromValues(seedValues(groupA, metric, at), seedValues(groupB, metric, at), metric, options);
}

/** `verdict` on values already taken from the runs (raw metric values, labelled by seed). */
export function verdictFromValues(a: readonly SeedValue[], b: readonly SeedValue[], metric: MetricName, options: VerdictOptions = {}): Verdict {
  const scale = metricScale(metric);
  const direction = metricDirection(metric);
  const sign = direction === 'max' ? 1 : -1;
  const alpha = options.alpha ?? 0.05;
  const va = a.map((s) => s.value * scale);
  const vb = b.map((s) => s.value * scale);
  const base: Omit<Verdict, 'design' | 'why' | 'test' | 'ci' | 'p' | 'effectSize' | 'bayes' | 'power' | 'warnings' | 'outcome' | 'sentence'> = {
    metric,
    at: options.at ?? 'final',
    ...(options.fromEpoch !== undefined ? { fromEpoch: options.fromEpoch } : {}),
    direction,
    unit: scale === 100 ? 'points' : 'value',
    nameA: options.nameA ?? 'A',
    nameB: options.nameB ?? 'B',
    nA: va.length,
    nB: vb.length,
    difference: va.length && vb.length ? mean(va) - mean(vb) : NaN,
    estimator: 'mean',
  };
  const margin = options.margin ?? (scale === 100 ? 0.5 : 0.01 * Math.abs(mean([...va, ...vb])));
  const fit = fitDesign(a, b, va, vb);
  const warnings: string[] = [];
  const n = Math.min(va.length, vb.length);
  if (fit.kind === 'none') {
    const power = fit.sigma > 0 ? powerEstimate(fit.sigma, 'independent', Math.max(n, 1), options.detect ?? defaultDetect(scale, base.difference, fit.sigma), alpha) : null;
    const v: Verdict = { ...base, design: 'independent', why: fit.why, test: null, ci: null, p: null, effectSize: null, bayes: null, power, warnings: [fit.why], outcome: 'too-few', sentence: '' };
    return { ...v, sentence: verdictSentence(v) };
  }
  if (fit.kind === 'identical') {
    const v: Verdict = { ...base, difference: 0, design: fit.design, why: fit.why, test: null, ci: null, p: null, effectSize: null, bayes: null, power: null, warnings, outcome: 'identical', sentence: '' };
    return { ...v, sentence: verdictSentence(v) };
  }
  if (n < FEW_SEEDS) {
    warnings.push(`only ${seedCount(base.nA, base.nB, fit.design)}: the interval and p value are rough; ${FEW_SEEDS} or more seeds each give a verdict to trust`);
  }
  const meanDiff = base.difference;
  const shift = fit.rankShift ? fit.rankShift(alpha) : undefined;
  const diff = shift?.estimate ?? meanDiff;
  const tCrit = studentTQuantile(1 - alpha / 2, fit.df);
  const ci = shift ? { low: shift.low, high: shift.high, level: shift.level } : { low: meanDiff - tCrit * fit.se, high: meanDiff + tCrit * fit.se, level: 1 - alpha };
  const adv = sign * meanDiff;
  // No spread at all (every pair differs by the same amount, or each group is constant): no posterior, no power.
  let bayes: BayesComparison | null = null;
  let power: PowerEstimate | null = null;
  if (fit.se > 0) {
    const pABetter = 1 - studentTCdf((margin - adv) / fit.se, fit.df);
    const pBBetter = studentTCdf((-margin - adv) / fit.se, fit.df);
    bayes = { margin, pABetter, pBBetter, pEquivalent: Math.max(0, 1 - pABetter - pBBetter) };
    const detect = options.detect ?? defaultDetect(scale, diff, fit.sigma);
    power = powerEstimate(fit.sigma, fit.design === 'paired' ? 'paired' : 'independent', n === 1 ? Math.max(va.length, vb.length) : n, detect, alpha);
  }
  const significant = fit.p < alpha;
  const estimateAdv = sign * diff;
  if (significant && ci.low <= 0 && ci.high >= 0) {
    warnings.push(`the ${testLabels[fit.test]} finds a difference but the interval includes 0: look at the runs for an outlying seed`);
  }
  const outcome: Verdict['outcome'] = !significant ? 'no-difference' : estimateAdv > 0 ? 'a-better' : 'b-better';
  const v: Verdict = { ...base, difference: diff, estimator: shift ? 'hodges-lehmann' : 'mean', design: fit.design, why: fit.why, test: fit.test, ci, p: fit.p, effectSize: fit.effectSize, bayes, power, warnings, outcome, sentence: '' };
  return { ...v, sentence: verdictSentence(v) };
}

type Fit =
  | { kind: 'none'; why: string; sigma: number }
  | { kind: 'identical'; design: TestDesign; why: string }
  | {
      kind: 'test';
      design: Verdict['design'];
      why: string;
      test: VerdictTest;
      p: number;
      effectSize: NonNullable<Verdict['effectSize']>;
      /** Standard error of the difference and its degrees of freedom (t-based CI and posterior). */
      se: number;
      df: number;
      /** The spread a power estimate goes by: sd of the differences (paired) or pooled sd (independent). */
      sigma: number;
      /** With a rank test: its Hodges–Lehmann estimate of A − B and interval at a level. */
      rankShift?: (alpha: number) => ShiftEstimate;
    };

function fitDesign(a: readonly SeedValue[], b: readonly SeedValue[], va: number[], vb: number[]): Fit {
  const spread = (values: number[]): number => (values.length > 1 ? sampleStd(values) : 0);
  if (va.length < 2 && vb.length < 2) {
    return { kind: 'none', why: `${va.length} and ${vb.length} runs with a value, and at least one side needs 2 to show the seed-to-seed spread`, sigma: 0 };
  }
  if (va.length === 0 || vb.length === 0) {
    return { kind: 'none', why: `${va.length} and ${vb.length} runs with a value of this metric, and each side needs at least one`, sigma: Math.max(spread(va), spread(vb)) };
  }
  if (va.length === 1 || vb.length === 1) {
    const group = va.length === 1 ? vb : va;
    const s = sampleStd(group);
    const m = group.length;
    if (s === 0) return { kind: 'none', why: 'the group has no spread (all its values are equal), so a single run cannot be tested against it', sigma: 0 };
    const diff = mean(va) - mean(vb);
    const se = s * Math.sqrt(1 + 1 / m);
    const t = diff / se;
    return {
      kind: 'test',
      design: 'single-run',
      why: `one run against a group of ${m}: the group's spread stands for both (t with ${m - 1} degrees of freedom)`,
      test: 'single-run-t',
      p: Math.min(1, 2 * studentTCdf(-Math.abs(t), m - 1)),
      effectSize: { kind: 'cohens-d', value: diff / s },
      se,
      df: m - 1,
      sigma: s,
    };
  }
  const { design, why } = chooseDesign(a, b);
  if (design === 'paired') {
    const bySeed = new Map(b.map((s, i) => [s.seed, vb[i]!]));
    const pa = va;
    const pb = a.map((s) => bySeed.get(s.seed)!);
    const n = pa.length;
    const t = pairedTTest(pa, pb);
    if (!t.ok) return constantDifference(pa, pb, why.split(' (')[0]!);
    const rank = n >= RANK_TEST_MIN_N ? wilcoxonSignedRank(pa, pb) : null;
    const useRank = rank !== null && rank.ok;
    return {
      kind: 'test',
      design,
      why: `${why.split(' (')[0]}; ${useRank ? `with ${n} pairs the Wilcoxon signed-rank test (robust to one diverged seed)` : `with ${n} pairs the paired t-test (a rank test cannot reach small p values below ${RANK_TEST_MIN_N} pairs)`}`,
      test: useRank ? 'wilcoxon-signed-rank' : 'paired-t',
      p: useRank ? rank.p : t.p,
      effectSize: useRank ? { kind: 'rank-biserial', value: rank.rankBiserial } : { kind: 'cohens-dz', value: t.cohensDz },
      se: t.stdDiff / Math.sqrt(n),
      df: t.df,
      sigma: t.stdDiff,
      ...(useRank ? { rankShift: (alpha: number) => hodgesLehmannPaired(pa.map((x, i) => x - pb[i]!), alpha) } : {}),
    };
  }
  const w = welchTTest(va, vb);
  if (!w.ok) return constantGroups(va, vb, why.split(' (')[0]!);
  const n = Math.min(va.length, vb.length);
  const rank = n >= RANK_TEST_MIN_N ? mannWhitneyU(va, vb) : null;
  const useRank = rank !== null && rank.ok;
  return {
    kind: 'test',
    design,
    why: `${why.split(' (')[0]}; ${useRank ? `with ${n} or more seeds each the Mann–Whitney U test (robust to one diverged seed)` : `with ${n} seeds on the smaller side Welch's t-test (a rank test cannot reach small p values below ${RANK_TEST_MIN_N} seeds each)`}`,
    test: useRank ? 'mann-whitney-u' : 'welch-t',
    p: useRank ? rank.p : w.p,
    effectSize: useRank ? { kind: 'rank-biserial', value: rank.rankBiserial } : { kind: 'cohens-d', value: w.cohensD },
    se: Math.sqrt(sampleVariance(va) / va.length + sampleVariance(vb) / vb.length),
    df: w.df,
    sigma: Math.sqrt(((va.length - 1) * sampleVariance(va) + (vb.length - 1) * sampleVariance(vb)) / (va.length + vb.length - 2)),
    ...(useRank ? { rankShift: (alpha: number) => hodgesLehmannTwoSample(va, vb, alpha) } : {}),
  };
}

/** Every pair differs by the same amount: identical runs, or the sign test (all n differences one way: p = 2·½ⁿ). */
function constantDifference(pa: number[], pb: number[], design: string): Fit {
  const diffs = pa.map((x, i) => x - pb[i]!);
  const c = mean(diffs);
  const n = diffs.length;
  if (diffs.every((d) => d === 0) || isRoundingNoise(Math.abs(c), [...pa, ...pb])) {
    return { kind: 'identical', design: 'paired', why: `${design}; every pair ended on the same value` };
  }
  return {
    kind: 'test',
    design: 'paired',
    why: `${design}; every pair differs by the same amount, so there is no spread for a t-test: the sign test (all ${n} differences one way)`,
    test: 'sign-test',
    p: Math.min(1, 2 * 0.5 ** n),
    effectSize: { kind: 'rank-biserial', value: Math.sign(c) },
    se: 0,
    df: n - 1,
    sigma: 0,
    rankShift: (alpha) => ({ estimate: c, low: c, high: c, level: 1 - alpha }),
  };
}

/** Both groups constant (Welch's t undefined): identical when equal, else the Mann–Whitney test on the ties. */
function constantGroups(va: number[], vb: number[], design: string): Fit {
  if ([...va, ...vb].every((x) => x === va[0])) return { kind: 'identical', design: 'independent', why: `${design}; every run ended on the same value` };
  const u = mannWhitneyU(va, vb);
  if (!u.ok) return { kind: 'none', why: u.reason, sigma: 0 };
  return {
    kind: 'test',
    design: 'independent',
    why: `${design}; each group ended on one value, so there is no spread for a t-test: the Mann–Whitney U test`,
    test: 'mann-whitney-u',
    p: u.p,
    effectSize: { kind: 'rank-biserial', value: u.rankBiserial },
    se: 0,
    df: va.length + vb.length - 2,
    sigma: 0,
    rankShift: (alpha) => hodgesLehmannTwoSample(va, vb, alpha),
  };
}

function defaultDetect(scale: number, difference: number, sigma: number): number {
  if (scale === 100) return 1;
  return Number.isFinite(difference) && difference !== 0 ? Math.abs(difference) : sigma;
}

/**
 * Power of a two-sided t-test at level α for a true difference δ, with the noncentral t approximated by a shifted
 * central t: P(T > t_crit − δ/se) + P(T < −t_crit − δ/se). Paired: se = σ/√n, df = n − 1; independent (n per group):
 * se = σ√(2/n), df = 2n − 2.
 */
export function tTestPower(delta: number, sigma: number, n: number, design: 'paired' | 'independent', alpha = 0.05): number {
  const se = design === 'paired' ? sigma / Math.sqrt(n) : sigma * Math.sqrt(2 / n);
  const df = design === 'paired' ? n - 1 : 2 * n - 2;
  if (df < 1) return 0;
  const tCrit = studentTQuantile(1 - alpha / 2, df);
  const shift = Math.abs(delta) / se;
  return 1 - studentTCdf(tCrit - shift, df) + studentTCdf(-tCrit - shift, df);
}

/** Seeds per group for 80 % power to detect `detect`, and the difference the current `n` detects with 80 % power. */
export function powerEstimate(sigma: number, design: 'paired' | 'independent', n: number, detect: number, alpha = 0.05): PowerEstimate {
  let seedsEach: number | null = null;
  const enough = (m: number): boolean => tTestPower(detect, sigma, m, design, alpha) >= POWER;
  if (sigma > 0 && detect > 0 && enough(MAX_SEEDS)) {
    // Power grows with m: double until enough, then bisect (a few dozen evaluations, not thousands).
    let hi = 2;
    while (!enough(hi)) hi *= 2;
    let lo = hi / 2;
    if (hi === 2) lo = 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (enough(mid)) hi = mid;
      else lo = mid;
    }
    seedsEach = Math.min(hi, MAX_SEEDS);
  }
  const df = design === 'paired' ? n - 1 : 2 * n - 2;
  const se = design === 'paired' ? sigma / Math.sqrt(n) : sigma * Math.sqrt(2 / n);
  const detectableNow = df >= 1 ? (studentTQuantile(1 - alpha / 2, df) + studentTQuantile(POWER, df)) * se : Infinity;
  return { detect, seedsEach, detectableNow };
}

function seedCount(nA: number, nB: number, design: Verdict['design']): string {
  if (design === 'single-run') return `1 run against ${Math.max(nA, nB)} seeds`;
  return nA === nB ? `${nA} seed${nA === 1 ? '' : 's'} each` : `${nA} and ${nB} seeds`;
}

/**
 * Decimals for a verdict's numbers: two significant digits of the difference, but no more than one digit past two
 * significant digits of the interval's half width (a difference near 0 does not get six decimals).
 */
function decimalsFor(v: Verdict): number {
  const twoDigits = (x: number): number => (x > 0 && Number.isFinite(x) ? 1 - Math.floor(Math.log10(x)) : Infinity);
  const half = v.ci ? (v.ci.high - v.ci.low) / 2 : NaN;
  const decimals = Math.min(twoDigits(Math.abs(v.difference)), twoDigits(half) + 1);
  if (!Number.isFinite(decimals)) return v.unit === 'points' ? 1 : 3;
  return Math.min(8, Math.max(0, decimals));
}

/** How many decimals a number written with few significant digits needs: 1 → 0, 0.042 → 3. */
function decimalsOf(x: number): number {
  const text = String(x);
  return text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
}

/** "p = 0.012", "p < 0.001". */
export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${Number(p.toPrecision(2))}`;
}

function amount(value: number, decimals: number, unit: Verdict['unit']): string {
  const text = value.toFixed(decimals).replace(/^-(0\.?0*)$/, '$1').replace(/^-/, '−');
  return unit === 'points' ? `${text} point${text === '1' || text === '1.0' ? '' : 's'}` : text;
}

/** The verdict as one plain sentence (or two, when a negligible-difference statement adds to it). */
export function verdictSentence(v: Verdict): string {
  const metric = metricLabel(v.metric) + (v.fromEpoch !== undefined ? ` from epoch ${v.fromEpoch} on` : '');
  const detect = v.power ? amount(v.power.detect, decimalsOf(Number(v.power.detect.toPrecision(2))), v.unit) : '';
  const moreSeeds = v.power?.seedsEach ? `about ${v.power.seedsEach} seeds each would detect ${detect}` : '';
  if (v.outcome === 'identical') {
    const where = v.design === 'paired' ? `on all ${v.nA} seeds` : `in all ${v.nA + v.nB} runs`;
    return `No difference between ${v.nameA} and ${v.nameB} on ${metric}: the same ${v.at} value ${where}.`;
  }
  if (v.outcome === 'too-few') {
    return `Too few seeds to compare ${v.nameA} and ${v.nameB} on ${metric}: ${v.why}${moreSeeds ? `; ${moreSeeds}` : ''}.`;
  }
  const d = decimalsFor(v);
  const num = (x: number): string => amount(x, d, 'value');
  const test = v.test ? testLabels[v.test] : '';
  const pText = v.p === null ? '' : formatP(v.p);
  const count = seedCount(v.nA, v.nB, v.design);
  if (v.outcome === 'a-better' || v.outcome === 'b-better') {
    const aWins = v.outcome === 'a-better';
    const [winner, loser] = aWins ? [v.nameA, v.nameB] : [v.nameB, v.nameA];
    // The winner's advantage: positive, in its favour, whatever the metric's direction.
    const towardWinner = (aWins ? 1 : -1) * (v.direction === 'max' ? 1 : -1);
    const adv = towardWinner * v.difference;
    const [lo, hi] = towardWinner > 0 ? [v.ci!.low, v.ci!.high] : [-v.ci!.high, -v.ci!.low];
    return `${winner} beats ${loser} on ${metric} by ${amount(adv, d, v.unit)} (${Math.round(v.ci!.level * 100)} % CI ${num(lo)} to ${num(hi)}), ${pText} over ${count} (${test}).`;
  }
  const ci = v.ci ? `, ${Math.round(v.ci.level * 100)} % CI ${num(v.ci.low)} to ${num(v.ci.high)}` : '';
  const now = v.power && Number.isFinite(v.power.detectableNow) ? `these seeds would detect ${amount(v.power.detectableNow, d, v.unit)}` : '';
  const tail = v.power?.seedsEach && v.power.seedsEach > Math.min(v.nA, v.nB) ? moreSeeds : now;
  let sentence = `No detectable difference between ${v.nameA} and ${v.nameB} on ${metric} with ${count} (difference ${amount(v.difference, d, v.unit)}${ci}, ${pText}, ${test})${tail ? `; ${tail}` : ''}.`;
  if (v.bayes && v.bayes.pEquivalent >= 0.95) {
    sentence += ` They are practically equivalent (within ±${amount(v.bayes.margin, decimalsOf(Number(v.bayes.margin.toPrecision(2))), v.unit)}) with probability ${v.bayes.pEquivalent.toFixed(2)}.`;
  }
  return sentence;
}
