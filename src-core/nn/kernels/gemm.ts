import type { FloatArray } from '../float-array';
import * as js from './gemm-js';
import { createWasmKernels } from './wasm-kernels';

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

/** What a caller asks for. */
export type KernelChoice = 'js' | 'wasm';
export const kernelChoices: readonly KernelChoice[] = ['js', 'wasm'];
/** What runs: 'wasm' falls back to 'js' where WebAssembly SIMD is missing. */
export type KernelBackend = 'js' | 'wasm-simd' | 'wasm-relaxed-simd';

let active: { backend: KernelBackend; kernels: GemmKernels } | null = null;

/**
 * Chooses the kernels for every model in this thread (a training worker runs one session at a time) and returns
 * the backend that will run. relaxedSimd (default true) uses fused multiply-adds where the engine has them.
 */
export function useKernels(choice: KernelChoice, options: { relaxedSimd?: boolean } = {}): KernelBackend {
  const wasm = choice === 'wasm' ? createWasmKernels(options.relaxedSimd ?? true) : null;
  active = wasm
    ? { backend: wasm.relaxedSimd ? 'wasm-relaxed-simd' : 'wasm-simd', kernels: wasm.kernels }
    : { backend: 'js', kernels: js };
  return active.backend;
}

/** The backend the layers run on (choosing the default, wasm, on first use). */
export function kernelBackend(): KernelBackend {
  return kernels().backend;
}

const kernels = (): { backend: KernelBackend; kernels: GemmKernels } => {
  if (!active) useKernels('wasm');
  return active!;
};

export function gemmNT(c: FloatArray, a: FloatArray, b: FloatArray, M: number, K: number, N: number, cOff: number, aOff: number, bOff: number): void {
  kernels().kernels.gemmNT(c, a, b, M, K, N, cOff, aOff, bOff);
}

export function gemmNN(
  c: FloatArray, a: FloatArray, b: FloatArray, M: number, K: number, N: number, scratch: FloatArray, cOff: number, aOff: number, bOff: number,
): void {
  kernels().kernels.gemmNN(c, a, b, M, K, N, scratch, cOff, aOff, bOff);
}

export function gemmTN(
  c: FloatArray, a: FloatArray, b: FloatArray, M: number, K: number, N: number,
  scratchA: FloatArray, scratchB: FloatArray, cOff: number, aOff: number, bOff: number,
): void {
  kernels().kernels.gemmTN(c, a, b, M, K, N, scratchA, scratchB, cOff, aOff, bOff);
}

export { transpose } from './gemm-js';
