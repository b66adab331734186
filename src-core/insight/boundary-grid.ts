import { classConfidence } from './class-confidence';
import { fromPlane, type InputPlane, type PlaneBounds } from './plane';
import type { Forward, Tensor } from './tensor';

/**
 * The decision boundary: the model's predicted class and its confidence at the centre of every cell of a
 * resolution[0] × resolution[1] grid over a plane. Both tensors are (ny, nx), row 0 at the lowest v, column 0
 * at the lowest u. The grid goes forward in chunks through one reused input buffer.
 */
export interface BoundaryGrid {
  bounds: PlaneBounds;
  classes: Tensor; // (ny, nx) class index
  confidence: Tensor; // (ny, nx) probability of that class
}

export interface GridOptions {
  bounds: PlaneBounds;
  /** Cells along u and v (default 100 × 100). */
  resolution?: [number, number];
  /** The outputs are probabilities (the spec ends in softmax/sigmoid); else logits. Default true. */
  probabilities?: boolean;
  /** Rows per forward pass (default 1024). */
  chunkRows?: number;
}

/** The centre of cell i of n between lo and hi. */
export function cellCentre(lo: number, hi: number, n: number, i: number): number {
  return lo + ((i + 0.5) * (hi - lo)) / n;
}

export function boundaryGrid(model: Forward, plane: InputPlane, options: GridOptions): BoundaryGrid {
  if (plane.axes.length !== 2) throw new RangeError(`boundary grid: the plane needs two axes, it has ${plane.axes.length}`);
  const [nx, ny] = options.resolution ?? [100, 100];
  const { min, max } = options.bounds;
  const cells = nx * ny;
  const chunk = Math.min(cells, options.chunkRows ?? 1024);
  const coords = new Float32Array(chunk * 2); // (chunk, 2)
  const input = new Float32Array(chunk * plane.inputSize); // (chunk, inputSize)
  const classes = new Float32Array(cells);
  const confidence = new Float32Array(cells);
  for (let start = 0; start < cells; start += chunk) {
    const n = Math.min(chunk, cells - start);
    for (let i = 0; i < n; i++) {
      const cell = start + i;
      coords[i * 2] = cellCentre(min[0]!, max[0]!, nx, cell % nx);
      coords[i * 2 + 1] = cellCentre(min[1]!, max[1]!, ny, Math.floor(cell / nx));
    }
    fromPlane(plane, coords, n, input);
    const out = model.predict(n === chunk ? input : input.subarray(0, n * plane.inputSize), n);
    classConfidence(out, n, out.length / n, options.probabilities ?? true, classes, confidence, start);
  }
  return { bounds: options.bounds, classes: { shape: [ny, nx], data: classes }, confidence: { shape: [ny, nx], data: confidence } };
}

/**
 * Regression on one feature: the fitted curve, the model's outputs (points, outputWidth) at `points` evenly
 * spaced values of a one-axis plane from bounds.min[0] to bounds.max[0] (both ends included).
 */
export function fittedCurve(model: Forward, plane: InputPlane, bounds: PlaneBounds, points = 200): { u: Float32Array; outputs: Tensor } {
  if (plane.axes.length !== 1) throw new RangeError(`fitted curve: the plane needs one axis, it has ${plane.axes.length}`);
  if (points < 2) throw new RangeError(`fitted curve: ${points} points are too few (at least 2)`);
  const u = new Float32Array(points);
  for (let i = 0; i < points; i++) u[i] = bounds.min[0]! + (i * (bounds.max[0]! - bounds.min[0]!)) / (points - 1);
  const input = new Float32Array(points * plane.inputSize);
  fromPlane(plane, u, points, input);
  const out = model.predict(input, points);
  return { u, outputs: { shape: [points, out.length / points], data: out } };
}
