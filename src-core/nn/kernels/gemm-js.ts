import type { FloatArray } from '../float-array';

/**
 * The matrix-multiply kernels in plain TypeScript, row-major, all ACCUMULATING into C (C += ...): the reference
 * the WebAssembly kernels are tested against, and the fallback where WebAssembly SIMD is missing. Offsets address
 * one sample's slice of a batch buffer without allocating a view. The layers call them through ./gemm.ts.
 *
 * Every product runs through one register-blocked kernel, gemmNT: C (M, N) += A (M, K) · B (N, K)ᵀ.
 * Both operands are read along unit-stride rows of length K, and a 4 × 4 block of C is held in sixteen
 * local accumulators, so each k loads 8 values for 16 multiply-adds and C is touched once per block.
 * The other layouts transpose an operand into a caller-owned scratch buffer first (O(K·N) against the
 * O(M·K·N) product), which is faster than streaming C through memory for every k.
 */

/** C (M, N) += A (M, K) · B (N, K)ᵀ. */
export function gemmNT(
  c: FloatArray, a: FloatArray, b: FloatArray,
  M: number, K: number, N: number,
  cOff: number, aOff: number, bOff: number,
): void {
  const M4 = M - (M % 4);
  const N4 = N - (N % 4);
  // Cache blocking: a block of B's rows (about 64 KB of float32) is reused by every row block of A.
  const blockN = Math.max(4, (Math.floor(16384 / Math.max(K, 1)) >> 2) << 2);
  for (let j0 = 0; j0 < N4; j0 += blockN) {
    const j1 = Math.min(N4, j0 + blockN);
    gemmNTBlock(c, a, b, M4, K, N, j0, j1, cOff, aOff, bOff);
  }
  for (let i = 0; i < M4; i += 4) {
    const a0 = aOff + i * K;
    const a1 = a0 + K;
    const a2 = a1 + K;
    const a3 = a2 + K;
    for (let j = N4; j < N; j++) {
      const b0 = bOff + j * K;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < K; k++) {
        const y = b[b0 + k]!;
        s0 += a[a0 + k]! * y; s1 += a[a1 + k]! * y; s2 += a[a2 + k]! * y; s3 += a[a3 + k]! * y;
      }
      const r = cOff + i * N + j;
      c[r] = c[r]! + s0; c[r + N] = c[r + N]! + s1; c[r + 2 * N] = c[r + 2 * N]! + s2; c[r + 3 * N] = c[r + 3 * N]! + s3;
    }
  }
  for (let i = M4; i < M; i++) {
    const a0 = aOff + i * K;
    let j = 0;
    for (; j < N4; j += 4) {
      const b0 = bOff + j * K;
      const b1 = b0 + K;
      const b2 = b1 + K;
      const b3 = b2 + K;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < K; k++) {
        const x = a[a0 + k]!;
        s0 += x * b[b0 + k]!; s1 += x * b[b1 + k]!; s2 += x * b[b2 + k]!; s3 += x * b[b3 + k]!;
      }
      const r = cOff + i * N + j;
      c[r] = c[r]! + s0; c[r + 1] = c[r + 1]! + s1; c[r + 2] = c[r + 2]! + s2; c[r + 3] = c[r + 3]! + s3;
    }
    for (; j < N; j++) {
      const b0 = bOff + j * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += a[a0 + k]! * b[b0 + k]!;
      const r = cOff + i * N + j;
      c[r] = c[r]! + s;
    }
  }
}

/** The 4 × 4 register-blocked core over rows [0, M4) of A and rows [j0, j1) of B (multiples of 4). */
function gemmNTBlock(
  c: FloatArray, a: FloatArray, b: FloatArray,
  M4: number, K: number, N: number, j0: number, j1: number,
  cOff: number, aOff: number, bOff: number,
): void {
  for (let i = 0; i < M4; i += 4) {
    const a0 = aOff + i * K;
    const a1 = a0 + K;
    const a2 = a1 + K;
    const a3 = a2 + K;
    for (let j = j0; j < j1; j += 4) {
      const b0 = bOff + j * K;
      const b1 = b0 + K;
      const b2 = b1 + K;
      const b3 = b2 + K;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
      let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0;
      let s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = a[a0 + k]!, x1 = a[a1 + k]!, x2 = a[a2 + k]!, x3 = a[a3 + k]!;
        const y0 = b[b0 + k]!, y1 = b[b1 + k]!, y2 = b[b2 + k]!, y3 = b[b3 + k]!;
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
        s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
        s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
      }
      let r = cOff + i * N + j;
      c[r] = c[r]! + s00; c[r + 1] = c[r + 1]! + s01; c[r + 2] = c[r + 2]! + s02; c[r + 3] = c[r + 3]! + s03;
      r += N;
      c[r] = c[r]! + s10; c[r + 1] = c[r + 1]! + s11; c[r + 2] = c[r + 2]! + s12; c[r + 3] = c[r + 3]! + s13;
      r += N;
      c[r] = c[r]! + s20; c[r + 1] = c[r + 1]! + s21; c[r + 2] = c[r + 2]! + s22; c[r + 3] = c[r + 3]! + s23;
      r += N;
      c[r] = c[r]! + s30; c[r + 1] = c[r + 1]! + s31; c[r + 2] = c[r + 2]! + s32; c[r + 3] = c[r + 3]! + s33;
    }
  }
}

/** dst (cols, rows) = src (rows, cols)ᵀ, in tiles so both sides stay in cache. */
export function transpose(
  dst: FloatArray, src: FloatArray, rows: number, cols: number, dstOff: number, srcOff: number,
): void {
  const T = 32;
  for (let r0 = 0; r0 < rows; r0 += T) {
    const r1 = Math.min(rows, r0 + T);
    for (let c0 = 0; c0 < cols; c0 += T) {
      const c1 = Math.min(cols, c0 + T);
      for (let r = r0; r < r1; r++) {
        const s = srcOff + r * cols;
        for (let cc = c0; cc < c1; cc++) dst[dstOff + cc * rows + r] = src[s + cc]!;
      }
    }
  }
}

/** C (M, N) += A (M, K) · B (K, N); scratch holds Bᵀ (N·K values). */
export function gemmNN(
  c: FloatArray, a: FloatArray, b: FloatArray,
  M: number, K: number, N: number,
  scratch: FloatArray,
  cOff: number, aOff: number, bOff: number,
): void {
  transpose(scratch, b, K, N, 0, bOff);
  gemmNT(c, a, scratch, M, K, N, cOff, aOff, 0);
}

/** C (M, N) += A (K, M)ᵀ · B (K, N); scratchA holds Aᵀ (M·K values), scratchB holds Bᵀ (N·K values). */
export function gemmTN(
  c: FloatArray, a: FloatArray, b: FloatArray,
  M: number, K: number, N: number,
  scratchA: FloatArray, scratchB: FloatArray,
  cOff: number, aOff: number, bOff: number,
): void {
  transpose(scratchA, a, K, M, 0, aOff);
  transpose(scratchB, b, K, N, 0, bOff);
  gemmNT(c, scratchA, scratchB, M, K, N, cOff, 0, 0);
}
