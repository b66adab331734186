import { normalTwoSidedP } from './distributions';
import { midranks, tieSum } from './ranks';
import { nonFiniteInput, type NotEnoughData } from './test-result';

/** Up to this many values in both groups together, the p value is exact (the full permutation distribution). */
export const MANN_WHITNEY_EXACT_MAX_N = 50;

/** The Wilcoxon rank-sum / Mann–Whitney U test between two independent samples, two-sided. */
export interface MannWhitneyU {
  ok: true;
  test: 'mann-whitney-u';
  nA: number;
  nB: number;
  /** U of group A: the number of (a, b) pairs with a > b, ties counting ½. uA + uB = nA·nB. */
  uA: number;
  uB: number;
  p: number;
  /** True when p comes from the exact distribution of the rank sum (ties included); false for the normal approximation. */
  exact: boolean;
  /**
   * Rank-biserial correlation 2·uA/(nA·nB) − 1, in [−1, 1]: +1 when every value of A is above every value of B,
   * −1 when every value is below, 0 when neither tends higher.
   */
  rankBiserial: number;
}

/**
 * Ranks both groups together (midranks for ties), takes A's rank sum R_A and U_A = R_A − n_A(n_A+1)/2.
 * For n_A + n_B ≤ 50 the p value is exact: the share of all C(N, n_A) ways to pick A's ranks whose rank sum is at
 * least as far from its mean n_A(N+1)/2 as the observed one (this is exact with ties too, conditional on them).
 * Above that it uses the normal approximation with the tie-corrected variance
 * σ² = n_A n_B/12 · ((N+1) − Σ(t³−t)/(N(N−1))) and a continuity correction of ½, as scipy.stats.mannwhitneyu does.
 */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyU | NotEnoughData {
  const refused = nonFiniteInput('mann-whitney-u', a, b);
  if (refused) return refused;
  const nA = a.length;
  const nB = b.length;
  if (nA < 2 || nB < 2) {
    return { ok: false, test: 'mann-whitney-u', reason: `needs at least 2 values per group (got ${nA} and ${nB})` };
  }
  const all = [...a, ...b];
  const { ranks, ties } = midranks(all);
  const n = nA + nB;
  if (ties.length === 1 && ties[0] === n) {
    return { ok: false, test: 'mann-whitney-u', reason: 'all values are equal, so there is no ordering to test' };
  }
  let rankSumA = 0;
  for (let i = 0; i < nA; i++) rankSumA += ranks[i]!;
  const uA = rankSumA - (nA * (nA + 1)) / 2;
  const uB = nA * nB - uA;
  const rankBiserial = (2 * uA) / (nA * nB) - 1;

  if (n <= MANN_WHITNEY_EXACT_MAX_N) {
    const p = exactRankSumP(ranks, nA, rankSumA);
    return { ok: true, test: 'mann-whitney-u', nA, nB, uA, uB, p, exact: true, rankBiserial };
  }
  const mu = (nA * nB) / 2;
  const sigma = Math.sqrt(((nA * nB) / 12) * (n + 1 - tieSum(ties) / (n * (n - 1))));
  const z = Math.max(0, Math.abs(uA - mu) - 0.5) / sigma;
  return { ok: true, test: 'mann-whitney-u', nA, nB, uA, uB, p: normalTwoSidedP(z), exact: false, rankBiserial };
}

/**
 * P(|R − E R| ≥ |r − E R|) when n_A of the ranks are drawn at random without replacement.
 * Midranks are halves at worst, so doubled ranks are integers and the count of subsets per doubled rank sum is an
 * exact dynamic programme: ways[k][s] = subsets of size k with doubled sum s.
 */
function exactRankSumP(ranks: readonly number[], k: number, rankSum: number): number {
  const doubled = ranks.map((r) => Math.round(2 * r));
  const maxSum = doubled.reduce((s, r) => s + r, 0);
  const width = maxSum + 1;
  const ways = new Float64Array((k + 1) * width); // (k + 1, maxSum + 1)
  ways[0] = 1;
  let reach = 0;
  doubled.forEach((r, i) => {
    reach += r;
    for (let size = Math.min(i + 1, k); size >= 1; size--) {
      const row = size * width;
      const prev = (size - 1) * width;
      for (let s = reach; s >= r; s--) ways[row + s]! += ways[prev + s - r]!;
    }
  });
  const n = ranks.length;
  const center = k * (n + 1); // doubled expected rank sum
  const observed = Math.abs(Math.round(2 * rankSum) - center);
  let extreme = 0;
  let total = 0;
  for (let s = 0; s <= maxSum; s++) {
    const w = ways[k * width + s]!;
    total += w;
    if (Math.abs(s - center) >= observed) extreme += w;
  }
  return Math.min(1, extreme / total);
}
