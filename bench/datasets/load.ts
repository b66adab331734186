import { readFileSync } from 'node:fs';
import { fashionLabelsU8, fashionPixelsF32, twoMoonsLabelsF32, twoMoonsPointsF32, type FashionSplit } from './paths';

/** A loaded data set in flat arrays; labels are class indices. */
export interface BenchData {
  /** (rows, features) for tabular data, (rows, 1, 28, 28) == (rows, 28, 28, 1) for images (one channel). */
  x: Float32Array;
  /** (rows,) class index. */
  labels: Uint8Array;
  rows: number;
  features: number;
}

/** The file's floats on shared memory, as the app's training pool holds a data set (src-main/pool/shared-datasets.ts). */
const floats = (file: string): Float32Array => {
  const bytes = readFileSync(file);
  const shared = new Float32Array(new SharedArrayBuffer(bytes.byteLength));
  shared.set(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
  return shared;
};

/** Reads the binary cache written by prepare.ts; `rows` keeps the first rows only. */
export function loadFashion(split: FashionSplit, rows = Infinity): BenchData {
  const labels = new Uint8Array(readFileSync(fashionLabelsU8(split)));
  const n = Math.min(rows, labels.length);
  const x = floats(fashionPixelsF32(split)).subarray(0, n * 784);
  return { x, labels: labels.subarray(0, n), rows: n, features: 784 };
}

export function loadTwoMoons(): BenchData {
  const x = floats(twoMoonsPointsF32);
  const y = floats(twoMoonsLabelsF32);
  return { x, labels: Uint8Array.from(y), rows: y.length, features: 2 };
}
