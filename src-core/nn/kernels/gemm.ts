import type { FloatArray } from '../float-array';
import { jsKernels, type Kernels } from './model-kernels';
import type { ThreadTeam } from './thread-team';
import { createWasmKernels } from './wasm-kernels';

import type { KernelBackend } from './gemm-kernels';

export type { GemmKernels, KernelBackend } from './gemm-kernels';
export type { ThreadTeam } from './thread-team';

/** What a caller asks for. */
export type KernelChoice = 'js' | 'wasm';
export const kernelChoices: readonly KernelChoice[] = ['js', 'wasm'];

interface Active {
  backend: KernelBackend;
  create: (team?: ThreadTeam | null) => Kernels;
  kernels: Kernels;
  team: ThreadTeam | null;
}

/** The chosen backend, a factory of kernel sets for it, the set the free functions below run on, and the thread team. */
let active: Active | null = null;

/**
 * Chooses the kernels for every model in this thread (a training worker runs one session at a time) and returns
 * the backend that will run. relaxedSimd (default true) uses fused multiply-adds where the engine has them; team
 * (./thread-team.ts) splits every model's large products between its threads (wasm only: js ignores it).
 */
export function useKernels(choice: KernelChoice, options: { relaxedSimd?: boolean; team?: ThreadTeam | null } = {}): KernelBackend {
  const wasm = choice === 'wasm' ? createWasmKernels(options.relaxedSimd ?? true) : null;
  const team = options.team ?? null;
  active = wasm
    ? { backend: wasm.relaxedSimd ? 'wasm-relaxed-simd' : 'wasm-simd', create: wasm.create, kernels: wasm.create(), team }
    : { backend: 'js', create: () => jsKernels, kernels: jsKernels, team };
  return active.backend;
}

/** Gives the models created from now on in this thread a team (null: one thread), keeping the chosen backend. */
export function useThreadTeam(team: ThreadTeam | null): void {
  kernels().team = team;
}

/** The threads a model's products run on: the team's size with WebAssembly, 1 with js (which ignores a team). */
export function kernelThreads(): number {
  const a = kernels();
  return a.backend === 'js' || !a.team ? 1 : a.team.size;
}

/** The set this thread's free functions run on (the default of a layer pass called without a model). */
export function threadKernels(): Kernels {
  return kernels().kernels;
}

/** A kernel set of the chosen backend for one model: with WebAssembly, over a memory of its own, split over team (default: useKernels'). */
export function createKernels(team?: ThreadTeam | null): Kernels {
  try {
    const a = kernels();
    return a.create(team === undefined ? a.team : team);
  } catch {
    return jsKernels; // no address space left for another memory: this model runs the reference kernels
  }
}

/** The backend the layers run on (choosing the default, wasm, on first use). */
export function kernelBackend(): KernelBackend {
  return kernels().backend;
}

const kernels = (): Active => {
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
