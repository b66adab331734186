import type { FloatArray } from './float-array';

/**
 * One row of a softmax, as softmaxForward, crossEntropyWithLogitsLoss and softmaxCrossEntropy all compute it: the
 * exponentials e_f = exp(x_f − max) in float64 (kept for the caller's next pass: the same bits as computing them
 * twice), the row's max, and Σ e_f in index order. One function, so the three agree bit for bit.
 */
export const softmaxRow = { e: new Float64Array(16), max: 0, sum: 0 };

/** Fills softmaxRow from x[row .. row + F) and returns its exponentials (valid until the next call). */
export function expRow(x: FloatArray, row: number, F: number): Float64Array {
  if (softmaxRow.e.length < F) softmaxRow.e = new Float64Array(F);
  const e = softmaxRow.e;
  let max = -Infinity;
  for (let f = 0; f < F; f++) if (x[row + f]! > max) max = x[row + f]!;
  let sum = 0;
  for (let f = 0; f < F; f++) {
    e[f] = Math.exp(x[row + f]! - max);
    sum += e[f]!;
  }
  softmaxRow.max = max;
  softmaxRow.sum = sum;
  return e;
}
