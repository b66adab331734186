/** Arithmetic mean; NaN for an empty list (callers check sizes first). */
export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Sample variance with Bessel's correction, Σ(x − x̄)² / (n − 1), computed in two passes for accuracy.
 * 0 for a single value: one seed shows no spread (not "unknown spread"), which is what a band should draw.
 */
export function sampleVariance(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  return ss / (n - 1);
}

/** Sample standard deviation, √(sample variance); 0 for a single value. */
export function sampleStd(values: readonly number[]): number {
  return Math.sqrt(sampleVariance(values));
}
