import { studentTTwoSidedP } from './distributions';
import { isRoundingNoise, mean, sampleStd } from './descriptive';
import { nonFiniteInput, type NotEnoughData } from './test-result';

/** The paired t-test: a one-sample t-test on the differences a[i] − b[i], two-sided. */
export interface PairedTTest {
  ok: true;
  test: 'paired-t';
  /** Number of pairs. */
  n: number;
  /** Mean of the differences a[i] − b[i] (equal to meanA − meanB). */
  meanDiff: number;
  /** Sample standard deviation of the differences. */
  stdDiff: number;
  t: number;
  /** n − 1. */
  df: number;
  p: number;
  /** Cohen's d_z: meanDiff / stdDiff. */
  cohensDz: number;
}

/**
 * t = d̄ / (s_d / √n), df = n − 1. Same as scipy.stats.ttest_rel(a, b). `a[i]` and `b[i]` must be one pair.
 * Differences whose spread is only rounding error (every pair differs by the same amount) are refused, not given p ≈ 0.
 */
export function pairedTTest(a: readonly number[], b: readonly number[]): PairedTTest | NotEnoughData {
  const refused = nonFiniteInput('paired-t', a, b);
  if (refused) return refused;
  if (a.length !== b.length) {
    return { ok: false, test: 'paired-t', reason: `pairs need groups of equal size (got ${a.length} and ${b.length})` };
  }
  const n = a.length;
  if (n < 2) return { ok: false, test: 'paired-t', reason: `needs at least 2 pairs (got ${n})` };
  const diffs = a.map((v, i) => v - b[i]!);
  const meanDiff = mean(diffs);
  const stdDiff = sampleStd(diffs);
  if (stdDiff === 0 || isRoundingNoise(stdDiff, [...a, ...b])) {
    return {
      ok: false,
      test: 'paired-t',
      reason: `every pair differs by the same amount (${meanDiff}), so the differences have no variance and t is undefined`,
    };
  }
  const t = meanDiff / (stdDiff / Math.sqrt(n));
  return { ok: true, test: 'paired-t', n, meanDiff, stdDiff, t, df: n - 1, p: studentTTwoSidedP(t, n - 1), cohensDz: meanDiff / stdDiff };
}
