import { useKernels, type KernelBackend } from '../../src-core/nn/kernels/gemm';
import { wasmSupport } from '../../src-core/nn/kernels/wasm-kernels';

/**
 * The kernel backends a test runs over: the TypeScript reference, WebAssembly SIMD, and relaxed SIMD where this
 * engine has it (Node 20 only with --experimental-wasm-relaxed-simd). use() switches to one and returns what runs,
 * so a test asserts that the backend it names is the one it measured.
 */
export interface TestedBackend {
  name: KernelBackend;
  use(): KernelBackend;
}

export const testedBackends: TestedBackend[] = [
  { name: 'js', use: () => useKernels('js') },
  { name: 'wasm-simd', use: () => useKernels('wasm', { relaxedSimd: false }) },
  ...(wasmSupport().relaxedSimd ? [{ name: 'wasm-relaxed-simd' as const, use: () => useKernels('wasm', { relaxedSimd: true }) }] : []),
];
