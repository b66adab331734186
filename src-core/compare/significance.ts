import type { MetricName } from './metric';
import type { RunWithConfig } from './run-input';
import type { SeedGroup } from './seed-groups';
import { mannWhitneyU, type MannWhitneyU } from './stats/mann-whitney';
import { pairedTTest, type PairedTTest } from './stats/paired-t-test';
import { permutationTest, type PermutationOptions, type PermutationTest } from './stats/permutation-test';
import type { NotEnoughData } from './stats/test-result';
import { welchTTest, type WelchTTest } from './stats/welch-t-test';
import { wilcoxonSignedRank, type WilcoxonSignedRank } from './stats/wilcoxon-signed-rank';
import { summarizeRun } from './summary';

/** One run's value entering a test, labelled by the seed it ran with. */
export interface SeedValue {
  seed: number;
  value: number;
}

/**
 * 'paired' when both groups ran exactly the same seeds (runs are paired by seed: same initial weights, same shuffles,
 * so seed-to-seed noise cancels); 'independent' otherwise.
 */
export type TestDesign = 'paired' | 'independent';

/** Which value of each run is compared: its final value, or its best value over all epochs. */
export type ValueAt = 'final' | 'best';

/** Two groups compared: a t-test and a rank test suited to the design, plus a permutation test when independent. */
export type GroupComparison =
  | {
      design: 'paired';
      /** Why this design was chosen, as a sentence for the user. */
      why: string;
      /** The pairs as tested: a[i] and b[i] ran with seeds[i]. */
      seeds: number[];
      a: number[];
      b: number[];
      tTest: PairedTTest | NotEnoughData;
      rankTest: WilcoxonSignedRank | NotEnoughData;
    }
  | {
      design: 'independent';
      why: string;
      a: number[];
      b: number[];
      tTest: WelchTTest | NotEnoughData;
      rankTest: MannWhitneyU | NotEnoughData;
      permutation: PermutationTest | NotEnoughData;
    };

/** Paired when the two seed sets are identical, no seed repeats within a group, and there are at least 2 seeds. */
export function chooseDesign(a: readonly SeedValue[], b: readonly SeedValue[]): { design: TestDesign; why: string } {
  const seedsA = new Set(a.map((s) => s.seed));
  const seedsB = new Set(b.map((s) => s.seed));
  if (seedsA.size !== a.length || seedsB.size !== b.length) {
    return { design: 'independent', why: 'a seed repeats within a group, so runs cannot be paired by seed; the groups are treated as independent samples' };
  }
  const same = seedsA.size === seedsB.size && [...seedsA].every((s) => seedsB.has(s));
  if (same && seedsA.size >= 2) {
    return {
      design: 'paired',
      why: `both groups ran the same ${seedsA.size} seeds, so runs are paired by seed (paired t-test, Wilcoxon signed-rank)`,
    };
  }
  return {
    design: 'independent',
    why: "the groups' seeds differ, so their runs are independent samples (Welch's t-test, Mann–Whitney U, permutation test)",
  };
}

/** Runs the tests that fit the design chosen by `chooseDesign`. Non-finite values should be left out beforehand. */
export function compareSamples(
  a: readonly SeedValue[],
  b: readonly SeedValue[],
  permutation: PermutationOptions = {},
): GroupComparison {
  const { design, why } = chooseDesign(a, b);
  if (design === 'paired') {
    const bySeed = new Map(b.map((s) => [s.seed, s.value]));
    const seeds = a.map((s) => s.seed).sort((x, y) => x - y);
    const valuesA = new Map(a.map((s) => [s.seed, s.value]));
    const pa = seeds.map((s) => valuesA.get(s)!);
    const pb = seeds.map((s) => bySeed.get(s)!);
    return { design, why, seeds, a: pa, b: pb, tTest: pairedTTest(pa, pb), rankTest: wilcoxonSignedRank(pa, pb) };
  }
  const va = a.map((s) => s.value);
  const vb = b.map((s) => s.value);
  return {
    design,
    why,
    a: va,
    b: vb,
    tTest: welchTTest(va, vb),
    rankTest: mannWhitneyU(va, vb),
    permutation: permutationTest(va, vb, permutation),
  };
}

/** Each run's final or best value of a metric, with its seed; runs with no finite value are left out. */
export function seedValues(runs: readonly RunWithConfig[], metric: MetricName, at: ValueAt = 'final'): SeedValue[] {
  const values: SeedValue[] = [];
  for (const run of runs) {
    const point = summarizeRun(run, metric)[at];
    if (point) values.push({ seed: run.seed, value: point.value });
  }
  return values;
}

/** Compares two seed groups on one metric, at each run's final (default) or best value. */
export function compareSeedGroups(
  groupA: Pick<SeedGroup, 'runs'>,
  groupB: Pick<SeedGroup, 'runs'>,
  metric: MetricName,
  options: { at?: ValueAt; permutation?: PermutationOptions } = {},
): GroupComparison {
  const at = options.at ?? 'final';
  return compareSamples(seedValues(groupA.runs, metric, at), seedValues(groupB.runs, metric, at), options.permutation);
}
