import { studentTTwoSidedP } from './distributions';
import { isRoundingNoise, mean, sampleVariance } from './descriptive';
import { logGamma } from './special-functions';
import { nonFiniteInput, type NotEnoughData } from './test-result';

/** Welch's unequal-variance t-test between two independent samples, two-sided. */
export interface WelchTTest {
  ok: true;
  test: 'welch-t';
  nA: number;
  nB: number;
  meanA: number;
  meanB: number;
  /** meanA − meanB. */
  meanDiff: number;
  t: number;
  /** Welch–Satterthwaite degrees of freedom (not an integer in general). */
  df: number;
  /** Two-sided: P(|T| ≥ |t|). */
  p: number;
  /** Cohen's d with the pooled standard deviation: (meanA − meanB) / s_p, s_p² = ((nA−1)s_A² + (nB−1)s_B²)/(nA+nB−2). */
  cohensD: number;
  /** Hedges' g: Cohen's d times the exact small-sample correction J(nA+nB−2) = Γ(m/2) / (√(m/2) Γ((m−1)/2)). */
  hedgesG: number;
}

/**
 * t = (x̄_A − x̄_B) / √(s_A²/n_A + s_B²/n_B),
 * df = (s_A²/n_A + s_B²/n_B)² / ((s_A²/n_A)²/(n_A−1) + (s_B²/n_B)²/(n_B−1)).
 * Same as scipy.stats.ttest_ind(a, b, equal_var=False). Needs two values per group and some variance.
 */
export function welchTTest(a: readonly number[], b: readonly number[]): WelchTTest | NotEnoughData {
  const refused = nonFiniteInput('welch-t', a, b);
  if (refused) return refused;
  const nA = a.length;
  const nB = b.length;
  if (nA < 2 || nB < 2) {
    return { ok: false, test: 'welch-t', reason: `needs at least 2 values per group to estimate variance (got ${nA} and ${nB})` };
  }
  const varA = sampleVariance(a);
  const varB = sampleVariance(b);
  const vA = varA / nA;
  const vB = varB / nB;
  if (vA + vB === 0 || isRoundingNoise(Math.sqrt(Math.max(varA, varB)), [...a, ...b])) {
    return { ok: false, test: 'welch-t', reason: 'both groups have zero variance (all values equal within each group), so t is undefined' };
  }
  const meanA = mean(a);
  const meanB = mean(b);
  const meanDiff = meanA - meanB;
  const t = meanDiff / Math.sqrt(vA + vB);
  const df = (vA + vB) ** 2 / (vA ** 2 / (nA - 1) + vB ** 2 / (nB - 1));
  const pooledDf = nA + nB - 2;
  const cohensD = meanDiff / Math.sqrt(((nA - 1) * varA + (nB - 1) * varB) / pooledDf);
  return {
    ok: true,
    test: 'welch-t',
    nA,
    nB,
    meanA,
    meanB,
    meanDiff,
    t,
    df,
    p: studentTTwoSidedP(t, df),
    cohensD,
    hedgesG: cohensD * hedgesCorrection(pooledDf),
  };
}

/** Hedges' exact bias correction J(m) = Γ(m/2) / (√(m/2) Γ((m−1)/2)), ≈ 1 − 3/(4m − 1). */
export function hedgesCorrection(m: number): number {
  return Math.exp(logGamma(m / 2) - 0.5 * Math.log(m / 2) - logGamma((m - 1) / 2));
}
