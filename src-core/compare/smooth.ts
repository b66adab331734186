/**
 * Exponential moving average for drawing a noisy curve: s[0] = v[0], s[i] = w·s[i−1] + (1 − w)·v[i], with a
 * debiased start (as TensorBoard's smoothing) so the first points are not pulled toward the first value.
 * `weight` 0 leaves the values as they are; nulls stay null and do not break the average.
 */
export function emaSmooth(values: readonly (number | null)[], weight: number): (number | null)[] {
  const w = Math.min(Math.max(weight, 0), 0.999);
  if (w === 0) return [...values];
  let last = 0;
  let count = 0;
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    last = w * last + (1 - w) * v;
    count++;
    return last / (1 - w ** count);
  });
}
