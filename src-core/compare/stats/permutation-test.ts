import { Random } from '../../data/random';
import { nonFiniteInput, type NotEnoughData } from './test-result';

export interface PermutationOptions {
  /** Enumerate every split when C(nA + nB, nA) is at most this; otherwise sample. Default 100 000. */
  maxExactSplits?: number;
  /** Random splits drawn when sampling. Default 9 999, so p = (1 + extreme)/10 000. */
  samples?: number;
  /** Seed of the sampler, so a sampled p value is the same on every run. Default 1. */
  seed?: number;
}

/** A two-sided permutation test of the difference in means between two independent samples. */
export interface PermutationTest {
  ok: true;
  test: 'permutation';
  nA: number;
  nB: number;
  /** meanA − meanB. */
  meanDiff: number;
  p: number;
  /** True when every split was enumerated; false for a seeded Monte Carlo sample. */
  exact: boolean;
  /** Splits enumerated or sampled. */
  splits: number;
}

/**
 * Pools the values and, for every way (or a seeded random sample of ways) to deal them into groups of nA and nB,
 * compares |mean difference| with the observed one. Exact p = (splits at least as extreme) / C(N, nA), the observed
 * split included; sampled p = (1 + extreme samples) / (1 + samples), which never reports 0.
 * "At least as extreme" allows a relative 1e-9 for rounding, so a split equal in exact arithmetic is counted.
 */
export function permutationTest(
  a: readonly number[],
  b: readonly number[],
  options: PermutationOptions = {},
): PermutationTest | NotEnoughData {
  const refused = nonFiniteInput('permutation', a, b);
  if (refused) return refused;
  const nA = a.length;
  const nB = b.length;
  if (nA < 2 || nB < 2) return { ok: false, test: 'permutation', reason: `needs at least 2 values per group (got ${nA} and ${nB})` };
  const pooled = [...a, ...b];
  if (pooled.every((v) => v === pooled[0])) {
    return { ok: false, test: 'permutation', reason: 'all values are equal, so every split gives the same difference' };
  }
  const total = pooled.reduce((s, v) => s + v, 0);
  const diffOf = (sumA: number) => sumA / nA - (total - sumA) / nB;
  const sumA = a.reduce((s, v) => s + v, 0);
  const meanDiff = diffOf(sumA);
  const scale = pooled.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const threshold = Math.abs(meanDiff) - 1e-9 * Math.max(scale, Number.MIN_VALUE);

  const splits = binomial(nA + nB, nA);
  if (splits <= (options.maxExactSplits ?? 100_000)) {
    let extreme = 0;
    forEachSubsetSum(pooled, nA, (s) => {
      if (Math.abs(diffOf(s)) >= threshold) extreme++;
    });
    return { ok: true, test: 'permutation', nA, nB, meanDiff, p: extreme / splits, exact: true, splits };
  }

  const samples = options.samples ?? 9_999;
  const random = new Random(options.seed ?? 1);
  const deck = pooled.slice();
  let extreme = 0;
  for (let draw = 0; draw < samples; draw++) {
    // Partial Fisher–Yates: the first nA cards of the shuffled deck are group A.
    let s = 0;
    for (let i = 0; i < nA; i++) {
      const j = i + random.int(deck.length - i);
      const card = deck[j]!;
      deck[j] = deck[i]!;
      deck[i] = card;
      s += card;
    }
    if (Math.abs(diffOf(s)) >= threshold) extreme++;
  }
  return { ok: true, test: 'permutation', nA, nB, meanDiff, p: (1 + extreme) / (1 + samples), exact: false, splits: samples };
}

/** C(n, k) as a float (exact while below 2^53). */
export function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) c = (c * (n - Math.min(k, n - k) + i)) / i;
  return Math.round(c);
}

/** Calls `visit` with the sum of every k-element subset of `values` (by position, so equal values are distinct). */
function forEachSubsetSum(values: readonly number[], k: number, visit: (sum: number) => void): void {
  const pick = (start: number, left: number, sum: number): void => {
    if (left === 0) {
      visit(sum);
      return;
    }
    for (let i = start; i <= values.length - left; i++) pick(i + 1, left - 1, sum + values[i]!);
  };
  pick(0, k, 0);
}
