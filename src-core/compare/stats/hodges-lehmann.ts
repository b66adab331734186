import { normalQuantile } from './distributions';

/** A Hodges–Lehmann estimate of a shift with its distribution-free confidence interval (the rank tests' own). */
export interface ShiftEstimate {
  estimate: number;
  low: number;
  high: number;
  /** The nominal level; the interval covers at least this (rank statistics are discrete). */
  level: number;
}

/** Above this many pairs (or nA·nB), the null distribution's quantile comes from the normal approximation. */
const EXACT_MAX = 50;

/**
 * The paired (one-sample) estimate: the median of the Walsh averages (dᵢ + dⱼ)/2, i ≤ j, and the interval
 * [W₍c+1₎, W₍M−c₎] of the sorted averages, c the largest count with P(W⁺ ≤ c) ≤ α/2 under the signed-rank null
 * (without ties; as R's wilcox.test(conf.int = TRUE) does). Needs at least one difference.
 */
export function hodgesLehmannPaired(d: readonly number[], alpha = 0.05): ShiftEstimate {
  const walsh: number[] = [];
  for (let i = 0; i < d.length; i++) for (let j = i; j < d.length; j++) walsh.push((d[i]! + d[j]!) / 2);
  const n = d.length;
  const c = d.length <= EXACT_MAX ? lowerCount(signedRankCounts(n), alpha / 2) : normalCount(n * (n + 1) / 4, Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24), alpha);
  return interval(walsh, c, alpha);
}

/**
 * The two-sample estimate: the median of all aᵢ − bⱼ, and [D₍c+1₎, D₍nm−c₎] of the sorted differences, c the largest
 * count with P(U ≤ c) ≤ α/2 under the Mann–Whitney null (without ties).
 */
export function hodgesLehmannTwoSample(a: readonly number[], b: readonly number[], alpha = 0.05): ShiftEstimate {
  const diffs = a.flatMap((x) => b.map((y) => x - y));
  const [n, m] = [a.length, b.length];
  const c = n + m <= EXACT_MAX ? lowerCount(rankSumCounts(n, m), alpha / 2) : normalCount((n * m) / 2, Math.sqrt((n * m * (n + m + 1)) / 12), alpha);
  return interval(diffs, c, alpha);
}

function interval(values: number[], c: number, alpha: number): ShiftEstimate {
  const sorted = values.sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  const estimate = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const k = Math.min(c, (sorted.length - 1) >> 1);
  if (k < 0) return { estimate, low: -Infinity, high: Infinity, level: 1 - alpha };
  return { estimate, low: sorted[k]!, high: sorted[sorted.length - 1 - k]!, level: 1 - alpha };
}

/** The number of sign patterns of n pairs with W⁺ = w, for w = 0 … n(n+1)/2 (subset sums of 1…n). */
function signedRankCounts(n: number): number[] {
  const counts = new Array<number>((n * (n + 1)) / 2 + 1).fill(0);
  counts[0] = 1;
  for (let r = 1; r <= n; r++) for (let w = counts.length - 1; w >= r; w--) counts[w]! += counts[w - r]!;
  return counts;
}

/** The number of rankings with U = u for groups of n and m, u = 0 … nm (the Mann–Whitney recursion). */
function rankSumCounts(n: number, m: number): number[] {
  // f[i][j][u]: arrangements of i A's and j B's with U = u; built row by row: f(i,j) = f(i−1,j)[u−j] + f(i,j−1)[u].
  let previous: number[][] = Array.from({ length: m + 1 }, () => [1]);
  for (let i = 1; i <= n; i++) {
    const row: number[][] = [[1]];
    for (let j = 1; j <= m; j++) {
      const counts = new Array<number>(i * j + 1).fill(0);
      previous[j]!.forEach((c, u) => (counts[u + j]! += c));
      row[j - 1]!.forEach((c, u) => (counts[u]! += c));
      row.push(counts);
    }
    previous = row;
  }
  return previous[m]!;
}

/** The largest c with P(X ≤ c) ≤ q, or −1 when even P(X = 0) exceeds q (then the interval is the whole range). */
function lowerCount(counts: readonly number[], q: number): number {
  const total = counts.reduce((s, c) => s + c, 0);
  let cumulative = 0;
  let c = -1;
  for (let x = 0; x < counts.length; x++) {
    cumulative += counts[x]!;
    if (cumulative / total > q) break;
    c = x;
  }
  return c;
}

function normalCount(mean: number, sd: number, alpha: number): number {
  return Math.floor(mean - normalQuantile(1 - alpha / 2) * sd - 0.5);
}
