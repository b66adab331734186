import { normalTwoSidedP } from './distributions';
import { midranks, tieSum } from './ranks';
import { nonFiniteInput, type NotEnoughData } from './test-result';

/** Up to this many non-zero differences, the p value is exact (all 2^n sign patterns). */
export const SIGNED_RANK_EXACT_MAX_N = 50;

/** The Wilcoxon signed-rank test on paired values, two-sided. */
export interface WilcoxonSignedRank {
  ok: true;
  test: 'wilcoxon-signed-rank';
  /** Number of pairs given. */
  n: number;
  /** Pairs whose difference is exactly 0: dropped before ranking (Wilcoxon's original method). */
  zeros: number;
  /** Sum of the ranks of |a[i] − b[i]| where a[i] > b[i]. */
  wPlus: number;
  /** Sum of the ranks where a[i] < b[i]. */
  wMinus: number;
  p: number;
  exact: boolean;
  /** Matched-pairs rank-biserial correlation (W+ − W−)/(W+ + W−), in [−1, 1]; positive when A tends higher. */
  rankBiserial: number;
}

/**
 * Drops zero differences, ranks |d| (midranks for ties), W+ = Σ ranks of positive d.
 * Exact for up to 50 non-zero differences: the share of the 2^n equally likely sign patterns whose W+ is at least as
 * far from n(n+1)/4 as the observed one (conditional on the tie pattern). Above that, the normal approximation with
 * σ² = n(n+1)(2n+1)/24 − Σ(t³−t)/48 and a continuity correction of ½.
 */
export function wilcoxonSignedRank(a: readonly number[], b: readonly number[]): WilcoxonSignedRank | NotEnoughData {
  const test = 'wilcoxon-signed-rank' as const;
  const refused = nonFiniteInput(test, a, b);
  if (refused) return refused;
  if (a.length !== b.length) return { ok: false, test, reason: `pairs need groups of equal size (got ${a.length} and ${b.length})` };
  const diffs = a.map((v, i) => v - b[i]!).filter((d) => d !== 0);
  const zeros = a.length - diffs.length;
  if (a.length < 2) return { ok: false, test, reason: `needs at least 2 pairs (got ${a.length})` };
  if (diffs.length < 2) {
    return { ok: false, test, reason: `needs at least 2 pairs that differ (${zeros} of ${a.length} pairs are equal)` };
  }
  const n = diffs.length;
  const { ranks, ties } = midranks(diffs.map(Math.abs));
  let wPlus = 0;
  diffs.forEach((d, i) => {
    if (d > 0) wPlus += ranks[i]!;
  });
  const total = (n * (n + 1)) / 2;
  const wMinus = total - wPlus;
  const rankBiserial = (wPlus - wMinus) / total;
  const base = { ok: true as const, test, n: a.length, zeros, wPlus, wMinus, rankBiserial };
  if (n <= SIGNED_RANK_EXACT_MAX_N) return { ...base, p: exactSignedRankP(ranks, wPlus), exact: true };
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieSum(ties) / 48);
  const z = Math.max(0, Math.abs(wPlus - total / 2) - 0.5) / sigma;
  return { ...base, p: normalTwoSidedP(z), exact: false };
}

/** Counts sign patterns per doubled W+ (doubled midranks are integers): ways[s] = subsets of ranks with doubled sum s. */
function exactSignedRankP(ranks: readonly number[], wPlus: number): number {
  const doubled = ranks.map((r) => Math.round(2 * r));
  const maxSum = doubled.reduce((s, r) => s + r, 0);
  const ways = new Float64Array(maxSum + 1); // (maxSum + 1)
  ways[0] = 1;
  let reach = 0;
  for (const r of doubled) {
    reach += r;
    for (let s = reach; s >= r; s--) ways[s]! += ways[s - r]!;
  }
  const center = maxSum / 2; // doubled expected W+
  const observed = Math.abs(Math.round(2 * wPlus) - center);
  let extreme = 0;
  let total = 0;
  for (let s = 0; s <= maxSum; s++) {
    total += ways[s]!;
    if (Math.abs(s - center) >= observed) extreme += ways[s]!;
  }
  return Math.min(1, extreme / total);
}
