import type { Random } from '../../src-core/data/random';
import type { BenchData } from '../datasets/load';

/** A fresh random order of `rows` indices (Fisher-Yates), the same scheme in every JS engine. */
export function shuffledOrder(rows: number, rng: Random): Int32Array {
  const order = new Int32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  for (let i = rows - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

/** Copies rows order[start..start+size) of data into xOut (size, features) and their labels into yOut (size,). */
export function gatherBatch(
  data: BenchData,
  order: Int32Array,
  start: number,
  size: number,
  xOut: Float32Array,
  yOut: Int32Array,
): void {
  const f = data.features;
  for (let b = 0; b < size; b++) {
    const row = order[start + b]!;
    xOut.set(data.x.subarray(row * f, row * f + f), b * f);
    yOut[b] = data.labels[row]!;
  }
}

/** Share of rows whose highest score is the label; scores are (rows, classes), or (rows, 1) probabilities for binary. */
export function accuracyOf(scores: ArrayLike<number>, labels: Uint8Array, classes: number): number {
  let right = 0;
  for (let r = 0; r < labels.length; r++) {
    let predicted = 0;
    if (classes === 1) predicted = scores[r]! >= 0.5 ? 1 : 0;
    else {
      let best = -Infinity;
      for (let c = 0; c < classes; c++) {
        const s = scores[r * classes + c]!;
        if (s > best) {
          best = s;
          predicted = c;
        }
      }
    }
    if (predicted === labels[r]) right++;
  }
  return right / labels.length;
}
