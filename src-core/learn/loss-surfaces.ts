/**
 * Explorer 2's landscapes: 2-D loss surfaces with their gradients, and the contour grid a view draws under
 * the optimizers' paths. Values (ny, nx), row 0 at the lowest y, as insight's grids.
 */
export type SurfaceId = 'bowl' | 'rosenbrock' | 'saddle' | 'himmelblau';

export interface LossSurface {
  id: SurfaceId;
  name: string;
  description: string;
  value(x: number, y: number): number;
  /** ∂f/∂x, ∂f/∂y written into out. */
  gradient(x: number, y: number, out: Float64Array): void;
  bounds: { min: [number, number]; max: [number, number] };
  /** A start that shows the surface's difficulty. */
  start: [number, number];
  minima: Array<[number, number]>;
}

export const lossSurfaces: readonly LossSurface[] = [
  {
    id: 'bowl',
    name: 'Ill-conditioned bowl',
    description: 'f = (x² + 50y²)/2: fifty times steeper across than along; plain gradient descent zig-zags.',
    value: (x, y) => 0.5 * (x * x + 50 * y * y),
    gradient: (x, y, out) => { out[0] = x; out[1] = 50 * y; },
    bounds: { min: [-3, -2], max: [3, 2] },
    start: [-2.5, 1.5],
    minima: [[0, 0]],
  },
  {
    id: 'rosenbrock',
    name: "Rosenbrock's valley",
    description: 'f = (1 − x)² + 100(y − x²)²: a curved, flat-bottomed valley; finding it is easy, following it to (1, 1) is not.',
    value: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    gradient: (x, y, out) => { out[0] = -2 * (1 - x) - 400 * x * (y - x * x); out[1] = 200 * (y - x * x); },
    bounds: { min: [-2, -1], max: [2, 3] },
    start: [-1.5, 2],
    minima: [[1, 1]],
  },
  {
    id: 'saddle',
    name: 'Saddle',
    description: 'f = x² − y² + y⁴/2: a saddle point at the origin between two valleys at y = ±1; a start on the ridge stalls there.',
    value: (x, y) => x * x - y * y + 0.5 * y ** 4,
    gradient: (x, y, out) => { out[0] = 2 * x; out[1] = -2 * y + 2 * y ** 3; },
    bounds: { min: [-2, -2], max: [2, 2] },
    start: [-1.8, 0.01],
    minima: [[0, -1], [0, 1]],
  },
  {
    id: 'himmelblau',
    name: "Himmelblau's function",
    description: "f = (x² + y − 11)² + (x + y² − 7)²: four minima of equal depth; where an optimizer ends depends on where it starts.",
    value: (x, y) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
    gradient: (x, y, out) => {
      const a = x * x + y - 11;
      const b = x + y * y - 7;
      out[0] = 4 * x * a + 2 * b;
      out[1] = 2 * a + 4 * y * b;
    },
    bounds: { min: [-5, -5], max: [5, 5] },
    start: [0, -0.5],
    minima: [[3, 2], [-2.805118, 3.131312], [-3.77931, -3.283186], [3.584428, -1.848126]],
  },
];

export function findSurface(id: SurfaceId): LossSurface {
  const surface = lossSurfaces.find((s) => s.id === id);
  if (!surface) throw new RangeError(`no loss surface '${String(id)}' (known: ${lossSurfaces.map((s) => s.id).join(', ')})`);
  return surface;
}

export interface ContourGrid {
  /** Cell centres along x (nx) and y (ny). */
  xs: Float64Array;
  ys: Float64Array;
  values: Float64Array; // (ny, nx)
  min: number;
  max: number;
  /** Contour levels spaced evenly in log(f − min), so the flat bottom gets as many lines as the walls. */
  levels: number[];
}

export function contourGrid(surface: LossSurface, nx = 80, ny = 80, levelCount = 16): ContourGrid {
  const { min, max } = surface.bounds;
  const xs = new Float64Array(nx);
  const ys = new Float64Array(ny);
  for (let i = 0; i < nx; i++) xs[i] = min[0] + ((i + 0.5) * (max[0] - min[0])) / nx;
  for (let j = 0; j < ny; j++) ys[j] = min[1] + ((j + 0.5) * (max[1] - min[1])) / ny;
  const values = new Float64Array(nx * ny);
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const v = surface.value(xs[i]!, ys[j]!);
      values[j * nx + i] = v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return { xs, ys, values, min: lo, max: hi, levels: logLevels(lo, hi, levelCount) };
}

/** `count` levels from just above lo to hi, evenly spaced in log(level − lo) over four decades. */
export function logLevels(lo: number, hi: number, count: number): number[] {
  const span = hi - lo;
  if (!(span > 0) || count < 1) return [];
  const first = span * 1e-4;
  const levels: number[] = [];
  for (let i = 0; i < count; i++) levels.push(lo + first * (span / first) ** (count === 1 ? 1 : i / (count - 1)));
  return levels;
}
