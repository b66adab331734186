import type { PreprocessorState } from '../data/preprocess/preprocessor-state';
import { pca2 } from './pca';

/**
 * A plane (or, with one axis, a line) through the model's input space, in the units a person reads:
 * model input = origin + u·axes[0] + v·axes[1]. For two features of a table (u, v) are their raw values,
 * mapped through the same transform the preprocessor applied in training, every other input held at its
 * training median (a one-hot block at its most frequent category); for principal components (u, v) are the
 * scores along the first two components of the model's inputs.
 */
export interface InputPlane {
  inputSize: number;
  origin: Float32Array; // (inputSize)
  axes: Float32Array[]; // one or two (inputSize) directions, mutually orthogonal
  labels: string[];
}

export interface PlaneBounds {
  min: number[]; // per axis
  max: number[];
}

export interface FeaturePlaneOptions {
  /** Model-input columns (indices into the preprocessor's featureNames) spanning the plane: one or two. */
  features: number[];
  /** The training inputs (rows, inputSize) as the model saw them (after preprocessing). */
  x: Float32Array;
  rows: number;
  /** The run's fitted preprocessor; without one the inputs are the raw values (a generated dataset). */
  preprocessor?: PreprocessorState;
  /** Column names without a preprocessor (default x1, x2, …). */
  names?: string[];
}

/** Raw value → model input of one input column: (value − offset) / scale (identity for 0/1 and untransformed columns). */
export function columnTransform(preprocessor: PreprocessorState | undefined, column: number): { offset: number; scale: number } {
  if (!preprocessor) return { offset: 0, scale: 1 };
  let at = 0;
  for (const t of preprocessor.features) {
    const width = t.kind === 'categorical' ? t.categories.length : t.kind === 'pixels' ? t.columns.length : 1;
    if (column < at + width) {
      if (t.kind === 'numeric') return { offset: t.offset, scale: t.scale };
      if (t.kind === 'pixels') return { offset: 0, scale: t.pixelScale };
      return { offset: 0, scale: 1 };
    }
    at += width;
  }
  throw new RangeError(`plane: input column ${column} is outside the ${at} columns of the preprocessor`);
}

export function featurePlane(options: FeaturePlaneOptions): InputPlane {
  const { features, x, rows, preprocessor } = options;
  const inputSize = x.length / Math.max(1, rows);
  if (rows < 1 || !Number.isInteger(inputSize)) throw new RangeError(`plane: x has ${x.length} values, not ${rows} rows`);
  if (features.length < 1 || features.length > 2) throw new RangeError(`plane: pick one or two features, not ${features.length}`);
  const bad = features.find((f) => !Number.isInteger(f) || f < 0 || f >= inputSize);
  if (bad !== undefined) throw new RangeError(`plane: feature ${bad} is outside 0..${inputSize - 1}`);
  if (features.length === 2 && features[0] === features[1]) throw new RangeError(`plane: the two features are the same (${features[0]})`);
  const origin = trainingMedians(x, rows, inputSize, preprocessor);
  const axes = features.map((f) => {
    const { offset, scale } = columnTransform(preprocessor, f);
    origin[f] = (0 - offset) / scale; // 0 − offset: never −0
    const axis = new Float32Array(inputSize);
    axis[f] = 1 / scale;
    return axis;
  });
  const names = preprocessor?.featureNames ?? options.names;
  return { inputSize, origin, axes, labels: features.map((f) => names?.[f] ?? `x${f + 1}`) };
}

/** The plane of the first two principal components of the model's inputs x (rows, inputSize). */
export function principalPlane(x: Float32Array, rows: number): InputPlane {
  const inputSize = x.length / Math.max(1, rows);
  const p = pca2(x, rows, inputSize);
  return {
    inputSize,
    origin: Float32Array.from(p.mean),
    axes: [Float32Array.from(p.components.subarray(0, inputSize)), Float32Array.from(p.components.subarray(inputSize))],
    labels: ['PC1', 'PC2'],
  };
}

/** Per input column the median over the rows; a one-hot block set to its most frequent category instead. */
export function trainingMedians(x: Float32Array, rows: number, inputSize: number, preprocessor: PreprocessorState | undefined): Float32Array {
  const out = new Float32Array(inputSize);
  const column = new Float32Array(rows);
  for (let f = 0; f < inputSize; f++) {
    for (let r = 0; r < rows; r++) column[r] = x[r * inputSize + f]!;
    column.sort();
    out[f] = rows % 2 ? column[(rows - 1) / 2]! : (column[rows / 2 - 1]! + column[rows / 2]!) / 2;
  }
  let at = 0;
  for (const t of preprocessor?.features ?? []) {
    const width = t.kind === 'categorical' ? t.categories.length : t.kind === 'pixels' ? t.columns.length : 1;
    if (t.kind === 'categorical' && width > 0) {
      let best = 0;
      let bestSum = -Infinity;
      for (let k = 0; k < width; k++) {
        let sum = 0;
        for (let r = 0; r < rows; r++) sum += x[r * inputSize + at + k]!;
        if (sum > bestSum) [best, bestSum] = [k, sum];
      }
      for (let k = 0; k < width; k++) out[at + k] = k === best ? 1 : 0;
    }
    at += width;
  }
  return out;
}

/** Model inputs (rows, inputSize) → plane coordinates (rows, axes): each row's offset from the origin along each axis. */
export function toPlane(plane: InputPlane, x: Float32Array, rows: number): Float32Array {
  const { inputSize, origin, axes } = plane;
  const out = new Float32Array(rows * axes.length);
  axes.forEach((axis, k) => {
    let squared = 0;
    for (let f = 0; f < inputSize; f++) squared += axis[f]! * axis[f]!;
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let f = 0; f < inputSize; f++) if (axis[f] !== 0) s += (x[r * inputSize + f]! - origin[f]!) * axis[f]!;
      out[r * axes.length + k] = s / squared;
    }
  });
  return out;
}

/** Plane coordinates (rows, axes) → model inputs written into out (rows, inputSize) from row `at`. */
export function fromPlane(plane: InputPlane, coords: ArrayLike<number>, rows: number, out: Float32Array, at = 0): void {
  const { inputSize, origin, axes } = plane;
  const k = axes.length;
  for (let r = 0; r < rows; r++) {
    const base = (at + r) * inputSize;
    for (let f = 0; f < inputSize; f++) {
      let v = origin[f]!;
      for (let a = 0; a < k; a++) v += coords[r * k + a]! * axes[a]![f]!;
      out[base + f] = v;
    }
  }
}

/** The span of points (rows, axes) in plane coordinates, widened by `margin` of it on each side (a point span gets ±1). */
export function planeBounds(coords: Float32Array, rows: number, axes: number, margin = 0.1): PlaneBounds {
  const min: number[] = [];
  const max: number[] = [];
  for (let a = 0; a < axes; a++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let r = 0; r < rows; r++) {
      const v = coords[r * axes + a]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (!(hi >= lo)) [lo, hi] = [0, 0];
    const pad = hi > lo ? (hi - lo) * margin : 1;
    min.push(lo - pad);
    max.push(hi + pad);
  }
  return { min, max };
}
