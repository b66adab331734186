/**
 * The first two principal components of a (rows, features) matrix: centred, in float64, the top two
 * eigenvectors of S = XᵀX from a Lanczos basis (S applied as Xᵀ(X v), never formed) and a small Jacobi
 * eigen-solve: exact for up to LANCZOS_STEPS features, and beyond that the Krylov approximation, which finds
 * the extreme variances first. Sign convention (sklearn's svd_flip): each component's entry of largest
 * magnitude is positive, so the same data always gives the same picture.
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

/** Krylov dimension: exact (up to rounding) for up to this many features, a close approximation beyond. */
const LANCZOS_STEPS = 48;

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
  const { q, alpha, beta } = lanczos(dataProduct(centred, rows, features), features, Math.min(features, LANCZOS_STEPS), total);
  const { values, vectors } = jacobiEigen(alpha, beta);
  const n = alpha.length;
  // The two largest Ritz values (ties: the first), their vectors Q·y.
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => values[j]! - values[i]! || i - j);
  const components = new Float64Array(2 * features);
  const variance: [number, number] = [0, 0];
  for (let k = 0; k < Math.min(2, n); k++) {
    const col = order[k]!;
    const v = components.subarray(k * features, (k + 1) * features);
    for (let i = 0; i < n; i++) {
      const y = vectors[i * n + col]!;
      for (let f = 0; f < features; f++) v[f] = v[f]! + y * q[i]![f]!;
    }
    normalize(v);
    flipSign(v);
    const value = values[col]!;
    variance[k] = value > 1e-12 * total ? value / denominator : 0;
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

/** out = S v with S = XᵀX, computed from the rows as Xᵀ(X v). */
type Product = (v: Float64Array, out: Float64Array) => void;

function dataProduct(x: Float64Array, rows: number, features: number): Product {
  const scores = new Float64Array(rows); // (rows) X v
  return (v, out) => {
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let f = 0; f < features; f++) s += x[r * features + f]! * v[f]!;
      scores[r] = s;
    }
    out.fill(0);
    for (let r = 0; r < rows; r++) {
      const s = scores[r]!;
      if (s !== 0) for (let f = 0; f < features; f++) out[f] = out[f]! + x[r * features + f]! * s;
    }
  };
}

/**
 * Lanczos with full reorthogonalization: an orthonormal basis Q of up to `steps` vectors in which S is the
 * tridiagonal T (alpha on the diagonal, beta beside it). On a breakdown (an invariant subspace found) it
 * goes on from the next axis orthogonal to Q, with beta 0, so no direction of large variance is missed.
 */
function lanczos(multiply: Product, features: number, steps: number, total: number): { q: Float64Array[]; alpha: number[]; beta: number[] } {
  const q: Float64Array[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  let axis = 0;
  const fresh = (): Float64Array | undefined => {
    const v = new Float64Array(features);
    for (;;) {
      if (q.length === 0) for (let f = 0; f < features; f++) v[f] = 1 + f / features;
      else if (axis < features) {
        v.fill(0);
        v[axis++] = 1;
      } else return undefined;
      for (let pass = 0; pass < 2; pass++) for (const u of q) orthogonalize(v, u);
      if (normalize(v) > 1e-8) return v;
    }
  };
  let v = fresh();
  const w = new Float64Array(features);
  while (v && q.length < steps) {
    q.push(v);
    multiply(v, w);
    let a = 0;
    for (let f = 0; f < features; f++) a += v[f]! * w[f]!;
    alpha.push(a);
    for (let pass = 0; pass < 2; pass++) for (const u of q) orthogonalize(w, u);
    if (q.length === steps) break;
    const b = normalize(w);
    if (b > 1e-12 * total) {
      beta.push(b);
      v = Float64Array.from(w);
    } else {
      beta.push(0);
      v = fresh();
    }
  }
  return { q, alpha, beta: beta.slice(0, q.length - 1) };
}

/** Eigenvalues and eigenvectors (columns of vectors, (n, n)) of a symmetric tridiagonal matrix, by cyclic Jacobi. */
function jacobiEigen(alpha: number[], beta: number[]): { values: Float64Array; vectors: Float64Array } {
  const n = alpha.length;
  const a = new Float64Array(n * n);
  const vectors = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    a[i * n + i] = alpha[i]!;
    vectors[i * n + i] = 1;
    if (i + 1 < n) a[i * n + i + 1] = a[(i + 1) * n + i] = beta[i]!;
  }
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        norm += a[i * n + j]! ** 2;
        if (i !== j) off += a[i * n + j]! ** 2;
      }
    }
    if (off <= 1e-30 * norm) break;
    for (let p = 0; p < n; p++) {
      for (let r = p + 1; r < n; r++) {
        const apr = a[p * n + r]!;
        if (apr === 0) continue;
        const theta = (a[r * n + r]! - a[p * n + p]!) / (2 * apr);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akr = a[k * n + r]!;
          a[k * n + p] = c * akp - s * akr;
          a[k * n + r] = s * akp + c * akr;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const ark = a[r * n + k]!;
          a[p * n + k] = c * apk - s * ark;
          a[r * n + k] = s * apk + c * ark;
        }
        for (let k = 0; k < n; k++) {
          const vkp = vectors[k * n + p]!;
          const vkr = vectors[k * n + r]!;
          vectors[k * n + p] = c * vkp - s * vkr;
          vectors[k * n + r] = s * vkp + c * vkr;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: n }, (_, i) => a[i * n + i]!), vectors };
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
