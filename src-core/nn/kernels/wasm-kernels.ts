import type { FloatArray } from '../float-array';
import type { GemmKernels } from './gemm-kernels';
import { relaxedSimdKernelBytes, simdKernelBytes } from './wasm-bytes';

/**
 * The GEMM layouts on the WebAssembly SIMD kernels of ./assembly/kernels.ts. The model's buffers are JS typed
 * arrays, so each product copies its operands into the module's memory, runs there and copies C back (the copies
 * are O(M·K + K·N + M·N) against the O(M·K·N) product; docs/ARCHITECTURE.md has the measured share).
 * Float32Array runs the f32 kernel (4 lanes), Float64Array (the gradient check) the f64 one (2 lanes).
 */

/** What the kernel module exports. */
export interface KernelExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  heapBase(): number;
  /** C (M, N) += A · B, A's element (i, k) at i·rsA + k·csA, B's (k, j) at k·rsB + j·csB (byte addresses, f32). */
  gemmF32(c: number, a: number, b: number, M: number, K: number, N: number, rsA: number, csA: number, rsB: number, csB: number): void;
  gemmF64(c: number, a: number, b: number, M: number, K: number, N: number, rsA: number, csA: number, rsB: number, csB: number): void;
}

/** The part of the WebAssembly API used here (src-core's ES-only lib does not declare it). */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

const webAssembly = (globalThis as unknown as { WebAssembly?: WebAssemblyApi }).WebAssembly;

/** Whether this engine runs WebAssembly SIMD, and relaxed SIMD (Node 20 needs --experimental-wasm-relaxed-simd). */
export function wasmSupport(): { simd: boolean; relaxedSimd: boolean } {
  if (!webAssembly) return { simd: false, relaxedSimd: false };
  return { simd: webAssembly.validate(simdKernelBytes), relaxedSimd: webAssembly.validate(relaxedSimdKernelBytes) };
}

/** Instantiates the kernels (relaxed SIMD if asked and supported); null where WebAssembly SIMD is unavailable or refused. */
export function createWasmKernels(relaxedSimd: boolean): { kernels: GemmKernels; relaxedSimd: boolean } | null {
  const support = wasmSupport();
  if (!support.simd || !webAssembly) return null;
  const relaxed = relaxedSimd && support.relaxedSimd;
  try {
    return { kernels: new WasmGemm(instantiateKernels(relaxed ? relaxedSimdKernelBytes : simdKernelBytes)), relaxedSimd: relaxed };
  } catch {
    return null; // e.g. a content security policy without 'wasm-unsafe-eval'
  }
}

/** A fresh instance of the kernel module (bytes: simdKernelBytes or relaxedSimdKernelBytes); throws where refused. */
export function instantiateKernels(bytes: Uint8Array): KernelExports {
  if (!webAssembly) throw new Error('this engine has no WebAssembly');
  return new webAssembly.Instance(new webAssembly.Module(bytes), {}).exports as KernelExports;
}

const PAGE = 65536;
const align = (bytes: number): number => (bytes + 15) & ~15;

class WasmGemm implements GemmKernels {
  private readonly x: KernelExports;
  private readonly base: number;
  private f32 = new Float32Array(0);
  private f64 = new Float64Array(0);
  /** The memory's size in bytes (reading memory.buffer on every product shows in small networks' profiles). */
  private capacity = 0;

  constructor(exports: KernelExports) {
    this.x = exports;
    this.base = align(exports.heapBase());
    this.views();
  }

  gemmNT(c: FloatArray, a: FloatArray, b: FloatArray, M: number, K: number, N: number, cOff: number, aOff: number, bOff: number): void {
    this.product(c, a, b, M, K, N, cOff, aOff, bOff, K, 1, 1, K); // B stored (N, K): element (k, j) at j·K + k
  }

  gemmNN(c: FloatArray, a: FloatArray, b: FloatArray, M: number, K: number, N: number, _scratch: FloatArray, cOff: number, aOff: number, bOff: number): void {
    this.product(c, a, b, M, K, N, cOff, aOff, bOff, K, 1, N, 1);
  }

  gemmTN(
    c: FloatArray, a: FloatArray, b: FloatArray, M: number, K: number, N: number,
    _scratchA: FloatArray, _scratchB: FloatArray, cOff: number, aOff: number, bOff: number,
  ): void {
    this.product(c, a, b, M, K, N, cOff, aOff, bOff, 1, M, N, 1); // A stored (K, M): element (i, k) at k·M + i
  }

  /** C (M, N) += A · B with A's element (i, k) at i·rsA + k·csA and B's (k, j) at k·rsB + j·csB, in elements. */
  private product(
    c: FloatArray, a: FloatArray, b: FloatArray, M: number, K: number, N: number,
    cOff: number, aOff: number, bOff: number, rsA: number, csA: number, rsB: number, csB: number,
  ): void {
    if (M * N === 0 || K === 0) return;
    const S = c.BYTES_PER_ELEMENT;
    const pC = this.base;
    const pA = pC + align(M * N * S);
    const pB = pA + align(M * K * S);
    this.reserve(pB + align(K * N * S));
    this.copyIn(c, cOff, M * N, pC);
    this.copyIn(a, aOff, M * K, pA);
    this.copyIn(b, bOff, K * N, pB);
    if (S === 4) this.x.gemmF32(pC, pA, pB, M, K, N, rsA, csA, rsB, csB);
    else this.x.gemmF64(pC, pA, pB, M, K, N, rsA, csA, rsB, csB);
    this.copyOut(c, cOff, M * N, pC);
  }

  /** Grows the memory to at least `end` bytes (the operands lie from `base`, each 16-byte aligned). */
  private reserve(end: number): void {
    if (end <= this.capacity) return;
    this.x.memory.grow(Math.ceil((end - this.capacity) / PAGE));
    this.views();
  }

  private views(): void {
    const buffer = this.x.memory.buffer;
    this.capacity = buffer.byteLength;
    this.f32 = new Float32Array(buffer);
    this.f64 = new Float64Array(buffer);
  }

  private copyIn(src: FloatArray, off: number, n: number, at: number): void {
    const view = src.BYTES_PER_ELEMENT === 4 ? this.f32 : this.f64;
    view.set(off === 0 && n === src.length ? src : src.subarray(off, off + n), at / src.BYTES_PER_ELEMENT);
  }

  private copyOut(dst: FloatArray, off: number, n: number, at: number): void {
    const view = dst.BYTES_PER_ELEMENT === 4 ? this.f32 : this.f64;
    const S = dst.BYTES_PER_ELEMENT;
    dst.set(view.subarray(at / S, at / S + n), off);
  }
}
