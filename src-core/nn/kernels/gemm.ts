import type { FloatArray } from '../float-array';

/**
 * The matrix-multiply kernels, row-major, all ACCUMULATING into C (C += ...). Offsets let a caller
 * address one sample's slice of a batch buffer without allocating a view. This is the one kernel
 * interface a faster backend (WASM SIMD) would replace.
 *
 * Cache blocking: the reduction dimension is walked in blocks so a block of B's rows stays in L1/L2
 * while a block of C's rows is updated, and the innermost loop is unit-stride on both C and B.
 */

const BLOCK_K = 64;
const BLOCK_J = 256;

/** C (M, N) += A (M, K) · B (K, N). Loop order i-k-j: the inner loop streams rows of B and C. */
export function gemmNN(
  c: FloatArray, a: FloatArray, b: FloatArray,
  M: number, K: number, N: number,
  cOff = 0, aOff = 0, bOff = 0,
): void {
  for (let j0 = 0; j0 < N; j0 += BLOCK_J) {
    const j1 = Math.min(N, j0 + BLOCK_J);
    for (let k0 = 0; k0 < K; k0 += BLOCK_K) {
      const k1 = Math.min(K, k0 + BLOCK_K);
      for (let i = 0; i < M; i++) {
        const cRow = cOff + i * N;
        const aRow = aOff + i * K;
        let k = k0;
        // Two rows of B per pass halve the loads and stores of C.
        for (; k + 1 < k1; k += 2) {
          const a0 = a[aRow + k]!;
          const a1 = a[aRow + k + 1]!;
          const b0 = bOff + k * N;
          const b1 = b0 + N;
          for (let j = j0; j < j1; j++) c[cRow + j] = c[cRow + j]! + a0 * b[b0 + j]! + a1 * b[b1 + j]!;
        }
        if (k < k1) {
          const a0 = a[aRow + k]!;
          const b0 = bOff + k * N;
          for (let j = j0; j < j1; j++) c[cRow + j] = c[cRow + j]! + a0 * b[b0 + j]!;
        }
      }
    }
  }
}

/** C (M, N) += A (M, K) · B (N, K)ᵀ. Each entry is a dot product of two unit-stride rows. */
export function gemmNT(
  c: FloatArray, a: FloatArray, b: FloatArray,
  M: number, K: number, N: number,
  cOff = 0, aOff = 0, bOff = 0,
): void {
  // Block over rows of B so they stay cached across rows of A.
  const blockN = Math.max(1, Math.floor(8192 / Math.max(K, 1)));
  for (let j0 = 0; j0 < N; j0 += blockN) {
    const j1 = Math.min(N, j0 + blockN);
    for (let i = 0; i < M; i++) {
      const aRow = aOff + i * K;
      const cRow = cOff + i * N;
      let j = j0;
      // Four rows of B at once: each load of A serves four dot products.
      for (; j + 3 < j1; j += 4) {
        const b0 = bOff + j * K;
        const b1 = b0 + K;
        const b2 = b1 + K;
        const b3 = b2 + K;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let k = 0; k < K; k++) {
          const av = a[aRow + k]!;
          s0 += av * b[b0 + k]!;
          s1 += av * b[b1 + k]!;
          s2 += av * b[b2 + k]!;
          s3 += av * b[b3 + k]!;
        }
        c[cRow + j] = c[cRow + j]! + s0;
        c[cRow + j + 1] = c[cRow + j + 1]! + s1;
        c[cRow + j + 2] = c[cRow + j + 2]! + s2;
        c[cRow + j + 3] = c[cRow + j + 3]! + s3;
      }
      for (; j < j1; j++) {
        const b0 = bOff + j * K;
        let s = 0;
        for (let k = 0; k < K; k++) s += a[aRow + k]! * b[b0 + k]!;
        c[cRow + j] = c[cRow + j]! + s;
      }
    }
  }
}

/** C (M, N) += A (K, M)ᵀ · B (K, N). Loop order k-i-j: rows of A and B stream, C is revisited per k. */
export function gemmTN(
  c: FloatArray, a: FloatArray, b: FloatArray,
  M: number, K: number, N: number,
  cOff = 0, aOff = 0, bOff = 0,
): void {
  // Block over rows of C so the block being accumulated stays in cache for every k.
  const blockM = Math.max(1, Math.floor(16384 / Math.max(N, 1)));
  for (let i0 = 0; i0 < M; i0 += blockM) {
    const i1 = Math.min(M, i0 + blockM);
    let k = 0;
    for (; k + 1 < K; k += 2) {
      const aRow0 = aOff + k * M;
      const aRow1 = aRow0 + M;
      const b0 = bOff + k * N;
      const b1 = b0 + N;
      for (let i = i0; i < i1; i++) {
        const a0 = a[aRow0 + i]!;
        const a1 = a[aRow1 + i]!;
        const cRow = cOff + i * N;
        for (let j = 0; j < N; j++) c[cRow + j] = c[cRow + j]! + a0 * b[b0 + j]! + a1 * b[b1 + j]!;
      }
    }
    if (k < K) {
      const aRow0 = aOff + k * M;
      const b0 = bOff + k * N;
      for (let i = i0; i < i1; i++) {
        const a0 = a[aRow0 + i]!;
        const cRow = cOff + i * N;
        for (let j = 0; j < N; j++) c[cRow + j] = c[cRow + j]! + a0 * b[b0 + j]!;
      }
    }
  }
}
