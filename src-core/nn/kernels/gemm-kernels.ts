import type { FloatArray } from '../float-array';

/** What runs: 'wasm' falls back to 'js' where WebAssembly SIMD is missing. */
export type KernelBackend = 'js' | 'wasm-simd' | 'wasm-relaxed-simd';

/**
 * The GEMM interface the layers call, row-major, all ACCUMULATING into C (C += ...), dispatched to one backend per
 * thread: the WebAssembly SIMD kernels by default, the TypeScript reference (./gemm-js.ts) by choice or where
 * WebAssembly SIMD is missing. Offsets address one sample's slice of a batch buffer without allocating a view.
 */
export interface GemmKernels {
  /** C (M, N) += A (M, K) · B (N, K)ᵀ. */
  gemmNT(c: FloatArray, a: FloatArray, b: FloatArray, M: number, K: number, N: number, cOff: number, aOff: number, bOff: number): void;
  /** C (M, N) += A (M, K) · B (K, N); scratch holds Bᵀ (N·K values) for the kernels that want it. */
  gemmNN(c: FloatArray, a: FloatArray, b: FloatArray, M: number, K: number, N: number, scratch: FloatArray, cOff: number, aOff: number, bOff: number): void;
  /** C (M, N) += A (K, M)ᵀ · B (K, N); scratchA holds Aᵀ (M·K values), scratchB Bᵀ (N·K values). */
  gemmTN(
    c: FloatArray, a: FloatArray, b: FloatArray, M: number, K: number, N: number,
    scratchA: FloatArray, scratchB: FloatArray, cOff: number, aOff: number, bOff: number,
  ): void;
}
