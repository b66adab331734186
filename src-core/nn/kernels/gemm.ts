import type { FloatArray } from '../float-array';
import { jsKernels, type Kernels } from './model-kernels';
import { createWasmKernels } from './wasm-kernels';

import type { KernelBackend } from './gemm-kernels';

export type { GemmKernels, KernelBackend } from './gemm-kernels';

/** What a caller asks for. */
export type KernelChoice = 'js' | 'wasm';
export const kernelChoices: readonly KernelChoice[] = ['js', 'wasm'];

/** The chosen backend, a factory of kernel sets for it, and the set the free functions below run on. */
let active: { backend: KernelBackend; create: () => Kernels; kernels: Kernels } | null = null;

/**
 * Chooses the kernels for every model in this thread (a training worker runs one session at a time) and returns
 * the backend that will run. relaxedSimd (default true) uses fused multiply-adds where the engine has them.
 */
export function useKernels(choice: KernelChoice, options: { relaxedSimd?: boolean } = {}): KernelBackend {
  const wasm = choice === 'wasm' ? createWasmKernels(options.relaxedSimd ?? true) : null;
  active = wasm
    ? { backend: wasm.relaxedSimd ? 'wasm-relaxed-simd' : 'wasm-simd', create: wasm.create, kernels: wasm.create() }
    : { backend: 'js', create: () => jsKernels, kernels: jsKernels };
  return active.backend;
}

/** The set this thread's free functions run on (the default of a layer pass called without a model). */
export function threadKernels(): Kernels {
  return kernels().kernels;
}

/** A kernel set of the chosen backend for one model: with WebAssembly, over a memory of its own. */
export function createKernels(): Kernels {
  try {
    return kernels().create();
  } catch {
    return jsKernels; // no address space left for another memory: this model runs the reference kernels
  }
}

/** The backend the layers run on (choosing the default, wasm, on first use). */
export function kernelBackend(): KernelBackend {
  return kernels().backend;
}

const kernels = (): { backend: KernelBackend; create: () => Kernels; kernels: Kernels } => {
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
