/** The statistical tests this module runs. */
export type TestName = 'welch-t' | 'paired-t' | 'mann-whitney-u' | 'wilcoxon-signed-rank' | 'permutation';

/** A test that could not be run on the data given, with a sentence saying why (never a NaN p value). */
export interface NotEnoughData {
  ok: false;
  test: TestName;
  reason: string;
}

/** The first non-finite value in either group, as a refusal; null when all are finite. */
export function nonFiniteInput(test: TestName, a: readonly number[], b: readonly number[]): NotEnoughData | null {
  for (const [label, values] of [['A', a], ['B', b]] as const) {
    const i = values.findIndex((v) => !Number.isFinite(v));
    if (i >= 0) return { ok: false, test, reason: `group ${label} value ${i + 1} is ${values[i]}, not a finite number` };
  }
  return null;
}
