import { HISTOGRAM_BINS, type Histogram } from '../../data/histogram';
import type { FloatArray } from '../float-array';
import { jsKernels, type AdamConstants, type Kernels, type Meanwhile } from './model-kernels';
import {
  PANEL_BYTES, TEAM_ADAM_F32, TEAM_GEMM_F32, TEAM_GEMM_F64, TEAM_MIN_ADAM_VALUES, TEAM_MIN_ELEMENTWISE_VALUES, TEAM_MIN_MULTIPLY_ADDS, TEAM_MIN_READ_AHEAD_VALUES,
  TEAM_CONV2D_BACKWARD_F32, TEAM_CONV2D_FORWARD_F32, TEAM_MAXPOOL_FORWARD_F32, TEAM_RELU_BACKWARD_F32, TEAM_RELU_FORWARD_F32, TEAM_SUM_PARTS_F32,
  SQUARES_CHUNK, TEAM_SQUARES_F32, type RowsCopy, type SharedRows, type ThreadTeam,
} from './thread-team';
import type { Conv2dDims, Conv2dWorkspace } from './conv2d-dims';
import { relaxedSimdKernelBytes, simdKernelBytes } from './wasm-bytes';

/**
 * The kernels of ./assembly/kernels.ts over one WebAssembly memory. A model allocates every buffer it trains with
 * (parameters, gradients, activations, layer caches, optimizer moments) in its own instance's memory (`alloc`), so
 * the kernels run on them in place: no copies. The memory is shared (a SharedArrayBuffer), because growing a shared
 * memory keeps the typed arrays already made over it valid, where growing a plain one detaches them.
 * An operand outside the memory (a test's or a caller's own array) is copied in and out around the call.
 * Float32Array runs the f32 kernels (4 lanes), Float64Array (the gradient check) the f64 ones (2 lanes).
 * With a thread team (./thread-team.ts) of more than one member, a large product is split between its members.
 */

/** What the kernel module exports (pointers are byte addresses; counts are values). */
export interface KernelExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  heapBase(): number;
  /** C (M, N) += A · B, A's element (i, k) at i·rsA + k·csA, B's (k, j) at k·rsB + j·csB (byte addresses, f32). */
  gemmF32(c: number, a: number, b: number, M: number, K: number, N: number, rsA: number, csA: number, rsB: number, csB: number): void;
  gemmF64(c: number, a: number, b: number, M: number, K: number, N: number, rsA: number, csA: number, rsB: number, csB: number): void;
  /** The chunks of that product member t takes (`size` run counters at `next`: claimChunk), packing into its own panel (PANEL_BYTES each from `panels`). */
  gemmPartF32(
    c: number, a: number, b: number, M: number, K: number, N: number, rsA: number, csA: number, rsB: number, csB: number, size: number, panels: number, next: number, t: number,
  ): void;
  gemmPartF64(
    c: number, a: number, b: number, M: number, K: number, N: number, rsA: number, csA: number, rsB: number, csB: number, size: number, panels: number, next: number, t: number,
  ): void;
  /** The chunks of adamStepF32's values member t takes (its own run first, then the others' left: `size` run counters at `next`). */
  adamPartF32(
    p: number, g: number, m: number, v: number, n: number,
    beta1: number, beta2: number, c1: number, c2: number, stepSize: number, invBc2Sqrt: number, eps: number, coupledWd: number, decay: number, clear: number,
    next: number, size: number, t: number,
  ): void;
  /** Member t's share of reluForwardF32's / reluBackwardF32's values. */
  reluForwardPartF32(out: number, inp: number, n: number, size: number, t: number): void;
  reluBackwardPartF32(dinp: number, dout: number, inp: number, n: number, size: number, t: number): void;
  /** The chunks member t takes of conv2d's forward / backward pass, described by the ConvJob at desc (./assembly/kernels.ts). */
  conv2dForwardPartF32(desc: number, size: number, t: number): void;
  conv2dBackwardPartF32(desc: number, size: number, t: number): void;
  /** Member t's planes of maxpool2x2ForwardF32. */
  maxpool2x2ForwardPartF32(out: number, argmax: number, inp: number, nc: number, h: number, w: number, oh: number, ow: number, size: number, t: number): void;
  /** Member t's share of dst[i] += parts[0·n + i] + parts[1·n + i] + …, in that order. */
  sumPartsPartF32(dst: number, parts: number, count: number, n: number, size: number, t: number): void;
  reluForwardF32(out: number, inp: number, n: number): void;
  reluForwardF64(out: number, inp: number, n: number): void;
  reluBackwardF32(dinp: number, dout: number, inp: number, n: number): void;
  reluBackwardF64(dinp: number, dout: number, inp: number, n: number): void;
  sumOfSquaresF32(a: number, n: number): number;
  sumOfSquaresF64(a: number, n: number): number;
  sumOfSquaresPartF32(a: number, n: number, out: number, size: number, t: number): void;
  adamStepF32(
    p: number, g: number, m: number, v: number, n: number,
    beta1: number, beta2: number, c1: number, c2: number, stepSize: number, invBc2Sqrt: number, eps: number, coupledWd: number, decay: number, clear: number,
  ): void;
  maxpool2x2ForwardF32(out: number, argmax: number, inp: number, nc: number, h: number, w: number, oh: number, ow: number): void;
  maxpool2x2ForwardF64(out: number, argmax: number, inp: number, nc: number, h: number, w: number, oh: number, ow: number): void;
  maxpoolBackwardF32(dinp: number, dout: number, argmax: number, count: number): void;
  maxpoolBackwardF64(dinp: number, dout: number, argmax: number, count: number): void;
  im2colF32(col: number, img: number, c: number, h: number, w: number, k: number, stride: number, pad: number, oh: number, ow: number, rowStride: number): void;
  im2colF64(col: number, img: number, c: number, h: number, w: number, k: number, stride: number, pad: number, oh: number, ow: number, rowStride: number): void;
  col2imF32(img: number, col: number, c: number, h: number, w: number, k: number, stride: number, pad: number, oh: number, ow: number, rowStride: number): void;
  col2imF64(img: number, col: number, c: number, h: number, w: number, k: number, stride: number, pad: number, oh: number, ow: number, rowStride: number): void;
  copyBlocksF32(dst: number, dstStride: number, src: number, srcStride: number, blocks: number, n: number): void;
  copyBlocksF64(dst: number, dstStride: number, src: number, srcStride: number, blocks: number, n: number): void;
  addRowSumsF32(dst: number, src: number, rows: number, n: number): void;
  addRowSumsF64(dst: number, src: number, rows: number, n: number): void;
  addColumnSumsF32(dst: number, src: number, rows: number, n: number): void;
  addColumnSumsF64(dst: number, src: number, rows: number, n: number): void;
  /** The finite values' min and max (f64) and HISTOGRAM_BINS-style counts (i32) of n f32 values, into out. */
  histogramF32(p: number, n: number, bins: number, out: number): void;
  /** Adds Σ a², Σ b² and Σ (a − b)² (b 0: the first only) over n f32 values to the three f64 at out. */
  squareSumsF32(a: number, b: number, n: number, out: number): void;
  fillF32(p: number, n: number, value: number): void;
  fillF64(p: number, n: number, value: number): void;
}

/** The part of the WebAssembly API used here (src-core's ES-only lib does not declare it). */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}
interface WasmMemory {
  buffer: ArrayBufferLike;
  grow(pages: number): number;
}

const webAssembly = (globalThis as unknown as { WebAssembly?: WebAssemblyApi }).WebAssembly;

const PAGE = 65536;
/** The memory's maximum, 4 GB (scripts/build-wasm.mjs declares the same); a shared memory must name one. */
const MAXIMUM_PAGES = 65536;

const sharedMemory = (): WasmMemory => new webAssembly!.Memory({ initial: 1, maximum: MAXIMUM_PAGES, shared: true });

/**
 * Whether this engine runs WebAssembly SIMD over a shared memory, and relaxed SIMD (Node 20 needs
 * --experimental-wasm-relaxed-simd). A page without cross-origin isolation has no shared memory: it runs js.
 */
export function wasmSupport(): { simd: boolean; relaxedSimd: boolean } {
  if (!webAssembly) return { simd: false, relaxedSimd: false };
  try {
    sharedMemory();
  } catch {
    return { simd: false, relaxedSimd: false };
  }
  return { simd: webAssembly.validate(simdKernelBytes), relaxedSimd: webAssembly.validate(relaxedSimdKernelBytes) };
}

const modules = new Map<Uint8Array, object>();

/** The compiled kernel module of these bytes (compiled once per thread). */
export function kernelModule(bytes: Uint8Array): object {
  if (!webAssembly) throw new Error('this engine has no WebAssembly');
  let module = modules.get(bytes);
  if (!module) modules.set(bytes, (module = new webAssembly.Module(bytes)));
  return module;
}

/** A fresh instance of the kernel module over a fresh shared memory (bytes: simdKernelBytes or relaxedSimdKernelBytes); throws where refused. */
export function instantiateKernels(bytes: Uint8Array): KernelExports {
  return instantiateOver(kernelModule(bytes), sharedMemory());
}

/** An instance of a compiled kernel module over a given shared memory: a thread team's helper runs one over the model's. */
export function instantiateOver(module: object, memory: object): KernelExports {
  if (!webAssembly) throw new Error('this engine has no WebAssembly');
  return new webAssembly.Instance(module, { env: { memory } }).exports as KernelExports;
}

/**
 * A factory of kernel sets (relaxed SIMD if asked and supported), each splitting its large products between the
 * members of the team it is given; null where WebAssembly SIMD is unavailable or refused.
 */
export function createWasmKernels(relaxedSimd: boolean): { create: (team?: ThreadTeam | null) => Kernels; relaxedSimd: boolean } | null {
  const support = wasmSupport();
  if (!support.simd || !webAssembly) return null;
  const relaxed = relaxedSimd && support.relaxedSimd;
  const bytes = relaxed ? relaxedSimdKernelBytes : simdKernelBytes;
  try {
    instantiateKernels(bytes);
  } catch {
    return null; // e.g. a content security policy without 'wasm-unsafe-eval'
  }
  const backend = relaxed ? 'wasm-relaxed-simd' : 'wasm-simd';
  return { create: (team) => new WasmKernels(instantiateKernels(bytes), backend, kernelModule(bytes), team ?? null), relaxedSimd: relaxed };
}

const align = (bytes: number): number => (bytes + 15) & ~15;

type TypedArray = FloatArray | Int32Array;
type TypedArrayConstructor = Float32ArrayConstructor | Float64ArrayConstructor | Int32ArrayConstructor;

/**
 * Below this many values histogram and squareSums run their JavaScript twins (the same bits): a call and its views
 * cost more than a short loop (W3's 300 epochs read their small layers' diagnostics 300 times).
 */
const SMALL_LOOP = 4096;

/** The memory each team's helpers run over now (a team serves one model at a time; another model attaches anew). */
const teamMemories = new WeakMap<ThreadTeam, object>();

/** A kernel set over its own instance and memory; alloc() hands out views into that memory. */
class WasmKernels implements Kernels {
  readonly backend: 'wasm-simd' | 'wasm-relaxed-simd';
  private readonly x: KernelExports;
  /** Every buffer object the memory has had (one per growth): a view over any of them lies in the memory. */
  private readonly buffers = new Set<ArrayBufferLike>();
  /** The first free byte and the memory's size. */
  private top: number;
  private capacity = 0;
  /** The memory's buffer object since its last growth. */
  private current: ArrayBufferLike | null = null;
  /** Where operands from outside the memory are copied (grown by reallocation). */
  private scratchAt = 0;
  private scratchBytes = 0;
  /** The compiled module (a helper instantiates it over this memory), the team, and its members' packing panels. */
  private readonly module: object;
  private readonly team: ThreadTeam | null;
  /** The members' packing panels, reserved for `panelCount` members (again, larger, if the team grows). */
  private panels = -1;
  private panelCount = 0;
  /** Where histogram's kernel writes its range and counts (and squareSums its three sums). */
  private histogramAt = -1;
  /** Where sumOfSquares's partials go (squaresCount of them), one a chunk of SQUARES_CHUNK values. */
  private squaresAt = -1;
  private squaresCount = 0;
  /** A job's chunk counters (a product's or Adam's: nextCount of them, 4 bytes each), and a view of them (made again when the memory grows). */
  private next = -1;
  private nextCount = 0;
  private nextView: Int32Array | null = null;
  /** conv2d's job descriptor (a ConvJob), and each layer's chunk workspaces for members 1 … (by its workspace). */
  private convDesc = -1;
  private readonly convSpaces = new WeakMap<Conv2dWorkspace, { members: number; ys: number; dcols: number }>();

  constructor(exports: KernelExports, backend: 'wasm-simd' | 'wasm-relaxed-simd', module: object, team: ThreadTeam | null) {
    this.x = exports;
    this.backend = backend;
    this.module = module;
    this.team = team;
    this.top = align(exports.heapBase());
    this.refresh();
  }

  alloc<C extends TypedArrayConstructor>(ctor: C, n: number): InstanceType<C> {
    let at: number;
    try {
      at = this.reserve(n * ctor.BYTES_PER_ELEMENT);
    } catch {
      return new ctor(n) as InstanceType<C>; // past the 4 GB a memory holds: an array of its own, which the kernels copy
    }
    return new ctor(this.current as ArrayBuffer, at, n) as InstanceType<C>; // a SharedArrayBuffer: the views work alike
  }

  /** n bytes from the arena, 16-byte aligned and zero (the memory is never reused). */
  private reserve(bytes: number): number {
    const at = this.top;
    const end = at + align(bytes);
    if (end > this.capacity) {
      // At least doubling: growing a shared memory costs milliseconds (V8 updates every instance over it), and
      // pages never touched take no physical memory.
      const pages = Math.ceil((end - this.capacity) / PAGE);
      this.x.memory.grow(Math.min(Math.max(pages, this.capacity / PAGE), MAXIMUM_PAGES - this.capacity / PAGE));
      this.refresh();
    }
    this.top = end;
    return at;
  }

  private refresh(): void {
    const buffer = this.x.memory.buffer;
    this.current = buffer;
    this.buffers.add(buffer);
    this.capacity = buffer.byteLength;
  }

  /** a's byte address in the memory, or −1 when it lies elsewhere. */
  private address(a: TypedArray): number {
    const buffer = a.buffer;
    return buffer === this.current || this.buffers.has(buffer) ? a.byteOffset : -1;
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
    const pC = this.address(c);
    let pA = this.address(a);
    let pB = this.address(b);
    if (pC < 0 || pA < 0 || pB < 0) {
      // Outside operands go to the scratch, one after another.
      const need = (pC < 0 ? align(M * N * S) : 0) + (pA < 0 ? align(M * K * S) : 0) + (pB < 0 ? align(K * N * S) : 0);
      if (need > this.scratchBytes) {
        this.scratchAt = this.reserve(need);
        this.scratchBytes = align(need);
      }
      let at = this.scratchAt;
      if (pA < 0) {
        pA = this.copyIn(a, aOff, M * K, at);
        at += align(M * K * S);
      } else pA += aOff * S;
      if (pB < 0) {
        pB = this.copyIn(b, bOff, K * N, at);
        at += align(K * N * S);
      } else pB += bOff * S;
      if (pC < 0) {
        this.copyIn(c, cOff, M * N, at);
        this.gemm(S, at, pA, pB, M, K, N, rsA, csA, rsB, csB);
        const view = S === 4 ? new Float32Array(this.current!, at, M * N) : new Float64Array(this.current!, at, M * N);
        c.set(view, cOff);
        return;
      }
      this.gemm(S, pC + cOff * S, pA, pB, M, K, N, rsA, csA, rsB, csB);
      return;
    }
    this.gemm(S, pC + cOff * S, pA + aOff * S, pB + bOff * S, M, K, N, rsA, csA, rsB, csB);
  }

  private gemm(S: number, c: number, a: number, b: number, M: number, K: number, N: number, rsA: number, csA: number, rsB: number, csB: number): void {
    const team = this.team;
    const size = team ? team.size : 1; // read once: a pool may change it between jobs
    if (size > 1 && (M * N * K >= TEAM_MIN_MULTIPLY_ADDS || team!.splitAll)) return this.teamGemm(team!, size, S, c, a, b, M, K, N, rsA, csA, rsB, csB);
    if (S === 4) this.x.gemmF32(c, a, b, M, K, N, rsA, csA, rsB, csB);
    else this.x.gemmF64(c, a, b, M, K, N, rsA, csA, rsB, csB);
  }

  /** The product split between the team's members: the helpers start on theirs, the leader computes block 0, then the barrier. */
  private teamGemm(
    team: ThreadTeam, size: number, S: number, c: number, a: number, b: number, M: number, K: number, N: number, rsA: number, csA: number, rsB: number, csB: number,
  ): void {
    this.attachTeam(team, size);
    const next = this.counters(size);
    team.start([S === 4 ? TEAM_GEMM_F32 : TEAM_GEMM_F64, c, a, b, M, K, N, rsA, csA, rsB, csB, size, this.panels, next], size);
    const part = S === 4 ? this.x.gemmPartF32 : this.x.gemmPartF64;
    let ok = false;
    try {
      part(c, a, b, M, K, N, rsA, csA, rsB, csB, size, this.panels, next, 0);
      ok = true;
    } finally {
      // Never leave helpers writing into the memory behind the leader's back; after a failure, steal nothing.
      team.join(ok ? (t) => part(c, a, b, M, K, N, rsA, csA, rsB, csB, size, this.panels, next, t) : undefined);
    }
  }

  /**
   * An element-wise job of n values split by index range between the team's members (each value's result is its
   * own, so the same bits for any team size), when there is a team and n reaches `min`: the helpers start on
   * theirs, the leader computes share 0, then the barrier. `part` takes `args`, the team's size and the member.
   * False when the job stays on the leader.
   */
  private split(n: number, min: number, op: number, args: number[], part: (...a: number[]) => void): boolean {
    const team = this.team;
    const size = team ? team.size : 1; // read once: a pool may change it between jobs
    if (size < 2 || (n < min && !team!.splitAll)) return false;
    this.attachTeam(team!, size);
    team!.start([op, ...args, size], size);
    let ok = false;
    try {
      part(...args, size, 0);
      ok = true;
    } finally {
      // Never leave helpers writing into the memory behind the leader's back; after a failure, steal nothing.
      team!.join(ok ? (t) => part(...args, size, t) : undefined);
    }
    return true;
  }

  conv2dForward(out: FloatArray, inp: FloatArray, weight: FloatArray, bias: FloatArray | null, ws: Conv2dWorkspace, d: Conv2dDims): boolean {
    return this.conv2dChunks(TEAM_CONV2D_FORWARD_F32, this.x.conv2dForwardPartF32, [out, inp, weight, bias, ws.cols, ws.y, ws.dcol, null], ws, d);
  }

  conv2dBackward(
    dinp: FloatArray | null, dweight: FloatArray, dbias: FloatArray | null, dout: FloatArray, weight: FloatArray, ws: Conv2dWorkspace, d: Conv2dDims,
  ): boolean {
    const parts = [dout, dinp, weight, dbias ? ws.partB : null, ws.cols, ws.y, ws.dcol, ws.partW];
    if (!this.conv2dChunks(TEAM_CONV2D_BACKWARD_F32, this.x.conv2dBackwardPartF32, parts, ws, d)) return false;
    // The partials in chunk order (./assembly/kernels.ts, sumPartsPartF32): the same bits for any team size.
    const chunks = Math.ceil(d.N / d.S);
    const sum = (dst: FloatArray, from: FloatArray, n: number): void => {
      const args = [this.address(dst), this.address(from), chunks, n];
      if (!this.split(n, TEAM_MIN_ELEMENTWISE_VALUES, TEAM_SUM_PARTS_F32, args, this.x.sumPartsPartF32)) this.x.sumPartsPartF32(args[0]!, args[1]!, chunks, n, 1, 0);
    };
    sum(dweight, ws.partW, d.F * d.C * d.K * d.K);
    if (dbias) sum(dbias, ws.partB, d.F);
    return true;
  }

  /**
   * A conv2d pass's chunks, each member of the team taking the next chunk left (a counter in the job) and
   * computing it in its own chunk workspaces (the layer's for member 0); false (the layer's own loop runs) for float64 or an operand outside the memory.
   * `operands`: the arrays of ConvJob's address fields (./assembly/kernels.ts) but ys and dcols, in its order (null: 0).
   */
  private conv2dChunks(op: number, part: (desc: number, size: number, t: number) => void, operands: (FloatArray | null)[], ws: Conv2dWorkspace, d: Conv2dDims): boolean {
    const words: number[] = [];
    for (const a of operands) {
      if (a && a.BYTES_PER_ELEMENT !== 4) return false;
      const at = a ? this.address(a) : 0;
      if (at < 0) return false;
      words.push(at);
    }
    const { N, C, H, W, F, K, stride, pad, OH, OW, S } = d;
    const team = this.team;
    const chunks = Math.ceil(N / S);
    // Small layers stay on the leader as small products do (W2's split: 3 M and 9 M multiply-adds a pass).
    const big = F * C * K * K * OH * OW * N >= TEAM_MIN_MULTIPLY_ADDS || team?.splitAll === true;
    const size = team && big ? Math.min(team.size, chunks) : 1; // read once: a pool may change it between jobs
    const spaces = this.convSpace(ws, size, F * S * OH * OW, C * K * K * S * OH * OW);
    if (this.convDesc < 0) this.convDesc = this.reserve(32 * 4);
    const [out, inp, weight, bias, cols, y0, dcol0, parts] = words as [number, number, number, number, number, number, number, number];
    this.panelsFor(size);
    new Int32Array(this.current!, this.convDesc, 23).set([
      out, inp, weight, bias, cols, y0, spaces.ys, dcol0, spaces.dcols, parts, N, C, H, W, F, K, stride, pad, OH, OW, S, this.panels, 0,
    ]);
    if (size < 2) {
      part(this.convDesc, 1, 0);
      return true;
    }
    this.attachTeam(team!, size);
    team!.start([op, this.convDesc, size], size);
    let ok = false;
    try {
      part(this.convDesc, size, 0);
      ok = true;
    } finally {
      team!.join(ok ? (t) => part(this.convDesc, size, t) : undefined);
    }
    return true;
  }

  /** Chunk workspaces for members 1 … size − 1 of a conv2d layer (y and dcol values each), reserved once per size reached. */
  private convSpace(ws: Conv2dWorkspace, size: number, y: number, dcol: number): { ys: number; dcols: number } {
    let space = this.convSpaces.get(ws);
    if (!space || space.members < size) {
      const extra = Math.max(0, size - 1);
      space = { members: size, ys: extra ? this.reserve(extra * y * 4) : 0, dcols: extra ? this.reserve(extra * dcol * 4) : 0 };
      this.convSpaces.set(ws, space);
    }
    return space;
  }

  /**
   * The address of a job's chunk counters, one a run of chunks (a member's own: claimChunk in ./assembly/kernels.ts),
   * `size` of them set to 0 for the next job.
   */
  private counters(size: number): number {
    if (this.nextCount < size) {
      this.nextCount = Math.max(4, size);
      this.next = this.reserve(this.nextCount * 4);
    }
    if (this.nextView?.buffer !== this.current || this.nextView.byteOffset !== this.next) this.nextView = new Int32Array(this.current!, this.next, this.nextCount);
    this.nextView.fill(0, 0, size);
    return this.next;
  }

  /** Packing panels for `size` members (again, larger, if the team grows). */
  private panelsFor(size: number): void {
    if (this.panelCount < size) {
      this.panels = this.reserve(size * PANEL_BYTES);
      this.panelCount = size;
    }
  }

  readyTeam(): void {
    const size = this.team ? this.team.size : 1;
    if (size > 1) this.attachTeam(this.team!, size);
  }

  /** The caller's rows for helper 1 to copy (Meanwhile.takeRows), where they go into this memory. */
  private rowsCopy(meanwhile: Meanwhile | undefined): RowsCopy | undefined {
    const taken = meanwhile?.takeRows?.();
    if (!taken) return undefined;
    const at = this.address(taken.into);
    if (at < 0 || taken.into.BYTES_PER_ELEMENT !== 4) {
      meanwhile!.run(); // taken, so the leader copies them now
      return undefined;
    }
    return { rows: taken.rows, first: taken.first, count: taken.count, at };
  }

  readAhead(rows: SharedRows, first: number, count: number): void {
    const team = this.team;
    if (!team?.copiesRows || !team.readAhead || count * rows.length < TEAM_MIN_READ_AHEAD_VALUES) return;
    const size = team.size; // read once: a pool may change it between jobs
    if (size > 1) team.readAhead(rows, first, count, size);
  }

  /** The helpers over this memory (again, if the team served another model since), with a packing panel each. */
  private attachTeam(team: ThreadTeam, size: number): void {
    const memory = this.x.memory;
    this.panelsFor(size);
    if (teamMemories.get(team) !== memory) {
      team.attach(memory, this.module);
      teamMemories.set(team, memory);
    }
  }

  /** Copies n values of src from off to byte address at; returns at. */
  private copyIn(src: FloatArray, off: number, n: number, at: number): number {
    const view = src.BYTES_PER_ELEMENT === 4 ? new Float32Array(this.current!, at, n) : new Float64Array(this.current!, at, n);
    view.set(off === 0 && n === src.length ? src : src.subarray(off, off + n));
    return at;
  }

  reluForward(out: FloatArray, inp: FloatArray, size: number): void {
    const pOut = this.address(out);
    const pInp = this.address(inp);
    if (pOut < 0 || pInp < 0 || out.BYTES_PER_ELEMENT !== inp.BYTES_PER_ELEMENT) return jsKernels.reluForward(out, inp, size);
    if (out.BYTES_PER_ELEMENT === 4 && this.split(size, TEAM_MIN_ELEMENTWISE_VALUES, TEAM_RELU_FORWARD_F32, [pOut, pInp, size], this.x.reluForwardPartF32)) return;
    if (out.BYTES_PER_ELEMENT === 4) this.x.reluForwardF32(pOut, pInp, size);
    else this.x.reluForwardF64(pOut, pInp, size);
  }

  reluBackward(dinp: FloatArray, dout: FloatArray, inp: FloatArray, size: number): void {
    const p = this.address(dinp);
    const q = this.address(dout);
    const r = this.address(inp);
    if (p < 0 || q < 0 || r < 0) return jsKernels.reluBackward(dinp, dout, inp, size);
    if (dinp.BYTES_PER_ELEMENT === 4 && this.split(size, TEAM_MIN_ELEMENTWISE_VALUES, TEAM_RELU_BACKWARD_F32, [p, q, r, size], this.x.reluBackwardPartF32)) return;
    if (dinp.BYTES_PER_ELEMENT === 4) this.x.reluBackwardF32(p, q, r, size);
    else this.x.reluBackwardF64(p, q, r, size);
  }

  sumOfSquares(a: FloatArray): number {
    const p = this.address(a);
    if (p < 0) return jsKernels.sumOfSquares(a);
    const n = a.length;
    if (a.BYTES_PER_ELEMENT !== 4) return this.x.sumOfSquaresF64(p, n);
    if (n <= SQUARES_CHUNK) return this.x.sumOfSquaresF32(p, n); // one chunk: its sum is the total
    const chunks = Math.ceil(n / SQUARES_CHUNK);
    if (this.squaresCount < chunks) {
      this.squaresAt = this.reserve(chunks * 8);
      this.squaresCount = chunks;
    }
    const out = this.squaresAt;
    if (!this.split(n, TEAM_MIN_ELEMENTWISE_VALUES, TEAM_SQUARES_F32, [p, n, out], this.x.sumOfSquaresPartF32)) this.x.sumOfSquaresPartF32(p, n, out, 1, 0);
    const parts = new Float64Array(this.current!, out, chunks);
    let s = 0;
    for (let c = 0; c < chunks; c++) s += parts[c]!;
    return s;
  }

  adamStep(params: FloatArray, grads: FloatArray, m: FloatArray, v: FloatArray, k: AdamConstants, meanwhile?: Meanwhile, clearGrads = false): boolean {
    const clear = clearGrads ? 1 : 0;
    const p = this.address(params);
    const g = this.address(grads);
    const pm = this.address(m);
    const pv = this.address(v);
    if (p < 0 || g < 0 || pm < 0 || pv < 0 || params.BYTES_PER_ELEMENT !== 4) return false;
    const n = params.length;
    const team = this.team;
    const size = team ? team.size : 1; // read once: a pool may change it between jobs
    if (size < 2 || (n < TEAM_MIN_ADAM_VALUES && !team!.splitAll)) {
      meanwhile?.run();
      this.x.adamStepF32(p, g, pm, pv, n, k.beta1, k.beta2, k.c1, k.c2, k.stepSize, k.invBc2Sqrt, k.eps, k.coupledWd, k.decay, clear);
      return true;
    }
    // Helper 1 copies the caller's rows (the next batch's input), read into its cache during the batch (readAhead),
    // before it takes chunks; the leader takes chunks at once, then helper 1's if it is late. Without rows to hand
    // over, the helpers take chunks while the leader does the caller's work, then it takes chunks too.
    const next = this.counters(size);
    this.attachTeam(team!, size);
    const copy = team!.copiesRows ? this.rowsCopy(meanwhile) : undefined;
    team!.start([TEAM_ADAM_F32, p, g, pm, pv, n, k.beta1, k.beta2, k.c1, k.c2, k.stepSize, k.invBc2Sqrt, k.eps, k.coupledWd, k.decay, clear, next, size], size, copy);
    const adamPart = (t: number): void => {
      this.x.adamPartF32(p, g, pm, pv, n, k.beta1, k.beta2, k.c1, k.c2, k.stepSize, k.invBc2Sqrt, k.eps, k.coupledWd, k.decay, clear, next, size, t);
    };
    const part = copy ? (t: number): void => {
      if (t === 1) meanwhile!.run();
      adamPart(t);
    } : adamPart;
    let ok = false;
    try {
      if (!copy) meanwhile?.run();
      adamPart(0);
      ok = true;
    } finally {
      // Never leave helpers writing into the memory behind the leader's back; after a failure, steal nothing.
      team!.join(ok ? part : undefined);
    }
    return true;
  }

  maxpool2x2Forward(out: FloatArray, argmax: Int32Array, inp: FloatArray, NC: number, H: number, W: number, OH: number, OW: number): void {
    const p = this.address(out);
    const q = this.address(argmax);
    const r = this.address(inp);
    if (p < 0 || q < 0 || r < 0) return jsKernels.maxpool2x2Forward(out, argmax, inp, NC, H, W, OH, OW);
    const args = [p, q, r, NC, H, W, OH, OW];
    if (out.BYTES_PER_ELEMENT === 4 && this.split(NC * H * W, TEAM_MIN_ELEMENTWISE_VALUES, TEAM_MAXPOOL_FORWARD_F32, args, this.x.maxpool2x2ForwardPartF32)) return;
    if (out.BYTES_PER_ELEMENT === 4) this.x.maxpool2x2ForwardF32(p, q, r, NC, H, W, OH, OW);
    else this.x.maxpool2x2ForwardF64(p, q, r, NC, H, W, OH, OW);
  }

  maxpoolBackward(dinp: FloatArray, dout: FloatArray, argmax: Int32Array, count: number): void {
    const p = this.address(dinp);
    const q = this.address(dout);
    const r = this.address(argmax);
    if (p < 0 || q < 0 || r < 0) return jsKernels.maxpoolBackward(dinp, dout, argmax, count);
    if (dinp.BYTES_PER_ELEMENT === 4) this.x.maxpoolBackwardF32(p, q, r, count);
    else this.x.maxpoolBackwardF64(p, q, r, count);
  }

  im2col(
    col: FloatArray, colOff: number, img: FloatArray, imgOff: number,
    C: number, H: number, W: number, K: number, stride: number, pad: number, OH: number, OW: number, rowStride = OH * OW,
  ): void {
    const p = this.address(col);
    const q = this.address(img);
    if (p < 0 || q < 0) return jsKernels.im2col(col, colOff, img, imgOff, C, H, W, K, stride, pad, OH, OW, rowStride);
    const S = col.BYTES_PER_ELEMENT;
    if (S === 4) this.x.im2colF32(p + colOff * S, q + imgOff * S, C, H, W, K, stride, pad, OH, OW, rowStride);
    else this.x.im2colF64(p + colOff * S, q + imgOff * S, C, H, W, K, stride, pad, OH, OW, rowStride);
  }

  col2im(
    img: FloatArray, imgOff: number, col: FloatArray, colOff: number,
    C: number, H: number, W: number, K: number, stride: number, pad: number, OH: number, OW: number, rowStride = OH * OW,
  ): void {
    const p = this.address(img);
    const q = this.address(col);
    if (p < 0 || q < 0) return jsKernels.col2im(img, imgOff, col, colOff, C, H, W, K, stride, pad, OH, OW, rowStride);
    const S = col.BYTES_PER_ELEMENT;
    if (S === 4) this.x.col2imF32(p + imgOff * S, q + colOff * S, C, H, W, K, stride, pad, OH, OW, rowStride);
    else this.x.col2imF64(p + imgOff * S, q + colOff * S, C, H, W, K, stride, pad, OH, OW, rowStride);
  }

  fill(a: FloatArray, off: number, n: number, value: number): void {
    const p = this.address(a);
    if (p < 0) return jsKernels.fill(a, off, n, value);
    if (a.BYTES_PER_ELEMENT === 4) this.x.fillF32(p + off * 4, n, value);
    else this.x.fillF64(p + off * 8, n, value);
  }

  copyBlocks(dst: FloatArray, dstOff: number, dstStride: number, src: FloatArray, srcOff: number, srcStride: number, blocks: number, n: number): void {
    const p = this.address(dst);
    const q = this.address(src);
    const S = dst.BYTES_PER_ELEMENT;
    if (p < 0 || q < 0 || S !== src.BYTES_PER_ELEMENT) return jsKernels.copyBlocks(dst, dstOff, dstStride, src, srcOff, srcStride, blocks, n);
    if (S === 4) this.x.copyBlocksF32(p + dstOff * 4, dstStride, q + srcOff * 4, srcStride, blocks, n);
    else this.x.copyBlocksF64(p + dstOff * 8, dstStride, q + srcOff * 8, srcStride, blocks, n);
  }

  addRowSums(dst: FloatArray, src: FloatArray, rows: number, n: number): void {
    const p = this.address(dst);
    const q = this.address(src);
    if (p < 0 || q < 0 || dst.BYTES_PER_ELEMENT !== src.BYTES_PER_ELEMENT) return jsKernels.addRowSums(dst, src, rows, n);
    if (dst.BYTES_PER_ELEMENT === 4) this.x.addRowSumsF32(p, q, rows, n);
    else this.x.addRowSumsF64(p, q, rows, n);
  }

  addColumnSums(dst: FloatArray, src: FloatArray, rows: number, n: number): void {
    const p = this.address(dst);
    const q = this.address(src);
    if (p < 0 || q < 0 || dst.BYTES_PER_ELEMENT !== src.BYTES_PER_ELEMENT) return jsKernels.addColumnSums(dst, src, rows, n);
    if (dst.BYTES_PER_ELEMENT === 4) this.x.addColumnSumsF32(p, q, rows, n);
    else this.x.addColumnSumsF64(p, q, rows, n);
  }

  histogram(values: FloatArray): Histogram {
    const p = this.address(values);
    if (p < 0 || values.BYTES_PER_ELEMENT !== 4 || values.length < SMALL_LOOP) return jsKernels.histogram(values);
    if (this.histogramAt < 0) this.histogramAt = this.reserve(16 + HISTOGRAM_BINS * 4);
    this.x.histogramF32(p, values.length, HISTOGRAM_BINS, this.histogramAt);
    const [min, max] = new Float64Array(this.current!, this.histogramAt, 2);
    return { min: min!, max: max!, counts: Array.from(new Int32Array(this.current!, this.histogramAt + 16, HISTOGRAM_BINS)) };
  }

  squareSums(a: FloatArray, b: FloatArray | null, off: number, n: number, sums: [number, number, number]): void {
    const p = this.address(a);
    const q = b ? this.address(b) : 0;
    if (p < 0 || q < 0 || a.BYTES_PER_ELEMENT !== 4 || (b && b.BYTES_PER_ELEMENT !== 4) || n < SMALL_LOOP) return jsKernels.squareSums(a, b, off, n, sums);
    if (this.histogramAt < 0) this.histogramAt = this.reserve(16 + HISTOGRAM_BINS * 4);
    const out = new Float64Array(this.current!, this.histogramAt, 3);
    out.set(sums);
    this.x.squareSumsF32(p + off * 4, b ? q + off * 4 : 0, n, this.histogramAt);
    sums[0] = out[0]!;
    sums[1] = out[1]!;
    sums[2] = out[2]!;
  }
}
