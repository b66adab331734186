import type { TensorData } from '../training-data';
import type { GeneratorParams } from './generator-params';
import { twoMoons } from './two-moons';

/**
 * Two moons broken on purpose, one way each, for the debugging checklist: the same rows as `twoMoons` with one
 * mistake a person makes when preparing data. Deterministic from the seed like every generator.
 */

/** x2 recorded in thousandths and offset: x2 · 1000 + 5000, so it runs to thousands while x1 stays within ±2. */
export function unscaledMoons(params: GeneratorParams): TensorData {
  const data = twoMoons(params);
  for (let r = 0; r < data.rows; r++) data.x[r * 2 + 1] = data.x[r * 2 + 1]! * 1000 + 5000;
  return data;
}

/**
 * Labels joined to the rows in the wrong order: row i takes row (7919·i + 13) mod n's label, a fixed permutation
 * (7919 is prime; n must not be a multiple of it), so the inputs no longer predict the labels.
 */
export function misalignedMoons(params: GeneratorParams): TensorData {
  const data = twoMoons(params);
  const n = data.rows;
  if (n % 7919 === 0) throw new RangeError(`misaligned moons: ${n} rows is a multiple of 7919`);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) y[i] = data.y[(i * 7919 + 13) % n]!;
  return { ...data, y };
}

/** A failed sensor read: x1 is NaN in every 60th row (rows 7, 67, 127, …). */
export function nanMoons(params: GeneratorParams): TensorData {
  const data = twoMoons(params);
  for (let r = 7; r < data.rows; r += 60) data.x[r * 2] = Number.NaN;
  return data;
}
