/**
 * The first two principal components of a (rows, features) matrix: centred, the covariance's top two
 * eigenvectors by power iteration on the data (Xᵀ(X v), never forming the features² covariance) with
 * deflation, in float64. Sign convention (sklearn's svd_flip): each component's entry of largest magnitude
 * is positive, so the same data always gives the same picture.
 */
export interface Pca {
  features: number;
  mean: Float64Array; // (features)
  components: Float64Array; // (2, features), unit length, orthogonal
  /** Variance along each component (denominator rows − 1, as sklearn). */
  variance: [number, number];
  /** Each component's share of the total variance (0 when there is none). */
  varianceRatio: [number, number];
  projected: Float32Array; // (rows, 2)
}

const MAX_ITERATIONS = 1000;
const TOLERANCE = 1e-12;

export function pca2(x: ArrayLike<number>, rows: number, features: number): Pca {
  if (x.length !== rows * features) throw new RangeError(`pca: ${x.length} values are not ${rows} rows of ${features}`);
  if (features < 1) throw new RangeError('pca: the matrix has no features');
  const mean = new Float64Array(features);
  for (let r = 0; r < rows; r++) for (let f = 0; f < features; f++) mean[f] = mean[f]! + x[r * features + f]!;
  for (let f = 0; f < features; f++) mean[f] = mean[f]! / Math.max(1, rows);
  const centred = new Float64Array(rows * features); // (rows, features)
  let total = 0;
  for (let i = 0; i < rows * features; i++) {
    const d = x[i]! - mean[i % features]!;
    centred[i] = d;
    total += d * d;
  }
  const denominator = Math.max(1, rows - 1);
  const components = new Float64Array(2 * features);
  const variance: [number, number] = [0, 0];
  const scores = new Float64Array(rows); // (rows) X v
  for (let k = 0; k < Math.min(2, features); k++) {
    const v = components.subarray(k * features, (k + 1) * features);
    const previous = k > 0 ? components.subarray(0, features) : null;
    const lambda = topEigenvector(centred, rows, features, v, scores, previous, total);
    variance[k] = lambda / denominator;
    flipSign(v);
  }
  const projected = new Float32Array(rows * 2);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < 2; k++) {
      let s = 0;
      for (let f = 0; f < features; f++) s += centred[r * features + f]! * components[k * features + f]!;
      projected[r * 2 + k] = s;
    }
  }
  const totalVariance = total / denominator;
  const ratio = (v: number): number => (totalVariance > 0 ? v / totalVariance : 0);
  return { features, mean, components, variance, varianceRatio: [ratio(variance[0]), ratio(variance[1])], projected };
}

/**
 * Power iteration for the top eigenvector of XᵀX restricted to the complement of `previous`; writes it to
 * v and returns its eigenvalue (the sum of squares along v; 0 below rounding of the total sum of squares). Starts from a fixed vector, then from each axis
 * in turn should that one have no component outside `previous`.
 */
function topEigenvector(
  x: Float64Array,
  rows: number,
  features: number,
  v: Float64Array,
  scores: Float64Array,
  previous: Float64Array | null,
  total: number,
): number {
  for (let start = -1; start < features; start++) {
    const begin = (): number => {
      for (let f = 0; f < features; f++) v[f] = start < 0 ? 1 + f / features : f === start ? 1 : 0;
      if (previous) orthogonalize(v, previous);
      return normalize(v);
    };
    if (begin() === 0) continue;
    let lambda = 0;
    for (let it = 0; it < MAX_ITERATIONS; it++) {
      for (let r = 0; r < rows; r++) {
        let s = 0;
        for (let f = 0; f < features; f++) s += x[r * features + f]! * v[f]!;
        scores[r] = s;
      }
      v.fill(0);
      for (let r = 0; r < rows; r++) {
        const s = scores[r]!;
        if (s !== 0) for (let f = 0; f < features; f++) v[f] = v[f]! + x[r * features + f]! * s;
      }
      if (previous) orthogonalize(v, previous);
      const next = normalize(v);
      // What is left below rounding of the total is no variance; twice-orthogonalized, the direction stays clean.
      if (previous && next > 0) {
        orthogonalize(v, previous);
        normalize(v);
      }
      if (next <= 1e-12 * total) {
        begin(); // no variance left outside `previous`: any unit vector there will do
        return 0;
      }
      const settled = Math.abs(next - lambda) <= TOLERANCE * next;
      lambda = next;
      if (settled) break;
    }
    return lambda;
  }
  return 0;
}

function orthogonalize(v: Float64Array, u: Float64Array): void {
  let dot = 0;
  for (let i = 0; i < v.length; i++) dot += v[i]! * u[i]!;
  for (let i = 0; i < v.length; i++) v[i] = v[i]! - dot * u[i]!;
}

/** Scales v to unit length; returns its length before. */
function normalize(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  const n = Math.sqrt(s);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i] = v[i]! / n;
  return n;
}

function flipSign(v: Float64Array): void {
  let top = 0;
  for (let i = 1; i < v.length; i++) if (Math.abs(v[i]!) > Math.abs(v[top]!)) top = i;
  if (v[top]! < 0) for (let i = 0; i < v.length; i++) v[i] = -v[i]!;
}
