import { histogram, type Histogram } from '../../data/histogram';
import type { FloatArray } from '../float-array';
import type { GemmKernels, KernelBackend } from './gemm-kernels';
import type { SharedRows } from './thread-team';
import * as gemm from './gemm-js';
import { col2im, im2col } from './im2col';
import type { Conv2dDims, Conv2dWorkspace } from './conv2d-dims';

/**
 * Everything a model's training step runs that the profile showed worth a kernel (docs/ARCHITECTURE.md, Kernels):
 * the GEMM layouts, relu, the gradient's sum of squares, Adam's step, 2 × 2 max pooling, im2col/col2im and block
 * copies; and the allocator the model takes every buffer from, so the WebAssembly kernels find them in their memory.
 * One set per model (./wasm-kernels.ts gives each its own memory); `jsKernels` is the TypeScript reference.
 */
export interface Kernels extends GemmKernels {
  readonly backend: KernelBackend;
  /** A zeroed array of n values where these kernels run on it in place. */
  alloc<C extends Float32ArrayConstructor | Float64ArrayConstructor | Int32ArrayConstructor>(ctor: C, n: number): InstanceType<C>;
  /** out = max(inp, 0) (a NaN gives 0). */
  reluForward(out: FloatArray, inp: FloatArray, size: number): void;
  /** dinp += inp > 0 ? dout : 0. */
  reluBackward(dinp: FloatArray, dout: FloatArray, inp: FloatArray, size: number): void;
  sumOfSquares(a: FloatArray): number;
  /**
   * One float32 Adam step in place, bit for bit what optimizers.ts computes; false where these kernels leave it to
   * that (meanwhile not run). True: meanwhile (work of the caller's that neither reads nor writes the step's arrays)
   * was done once: on a team, by a helper before its share (its rows) or by the leader while the helpers took the
   * step's first values. clearGrads: each gradient is set to 0 once
   * read (the next batch's zeroGrad skips them).
   */
  adamStep(params: FloatArray, grads: FloatArray, m: FloatArray, v: FloatArray, k: AdamConstants, meanwhile?: Meanwhile, clearGrads?: boolean): boolean;
  /** maxpool 2 × 2, stride 2 over NC planes of (H, W); argmax gets each window's flat input index (a NaN wins). */
  maxpool2x2Forward(out: FloatArray, argmax: Int32Array, inp: FloatArray, NC: number, H: number, W: number, OH: number, OW: number): void;
  /** dinp[argmax[o]] += dout[o]. */
  maxpoolBackward(dinp: FloatArray, dout: FloatArray, argmax: Int32Array, count: number): void;
  im2col: typeof im2col;
  col2im: typeof col2im;
  /** a[off .. off + n] = value. */
  fill(a: FloatArray, off: number, n: number, value: number): void;
  /** blocks runs of n values: dst[dstOff + r·dstStride ..] = src[srcOff + r·srcStride ..] (srcStride 0 repeats one run). */
  copyBlocks(dst: FloatArray, dstOff: number, dstStride: number, src: FloatArray, srcOff: number, srcStride: number, blocks: number, n: number): void;
  /** dst[r] += Σ_k src[r·n + k] for r < rows: a bias gradient. */
  addRowSums(dst: FloatArray, src: FloatArray, rows: number, n: number): void;
  /** dst[k] += Σ_r src[r·n + k] for k < n, r in order: a dense layer's bias gradient (the same bits as this loop on every backend). */
  addColumnSums(dst: FloatArray, src: FloatArray, rows: number, n: number): void;
  /** data/histogram.ts's histogram of the values in its default bins and their own range (the same counts on every backend). */
  histogram(values: FloatArray): Histogram;
  /**
   * Adds Σ a², Σ b² and Σ (a − b)² over a[off .. off + n] and b's same values (b null: the first only) to sums, each
   * in index order in float64 (the same bits on every backend).
   */
  squareSums(a: FloatArray, b: FloatArray | null, off: number, n: number, sums: [number, number, number]): void;
  /**
   * conv2d's chunk loops run by the kernels themselves (over a thread team: ./wasm-kernels.ts), computing what
   * ../layers/conv2d.ts's loops compute; false (or absent) where they leave it to those loops.
   */
  conv2dForward?(out: FloatArray, inp: FloatArray, weight: FloatArray, bias: FloatArray | null, ws: Conv2dWorkspace, d: Conv2dDims): boolean;
  conv2dBackward?(
    dinp: FloatArray | null, dweight: FloatArray, dbias: FloatArray | null, dout: FloatArray, weight: FloatArray, ws: Conv2dWorkspace, d: Conv2dDims,
  ): boolean;
  /**
   * Hands this model's memory to its thread team now instead of at the first split job, where the leader waits
   * while each helper instantiates the kernels over it (2–10 ms). A training session calls it as it starts.
   */
  readyTeam?(): void;
  /**
   * Has the thread team's helpers read rows order[first .. first + count) of `rows` into their caches ahead of the
   * leader's copy of them (ThreadTeam.readAhead); nothing without a team that can.
   */
  readAhead?(rows: SharedRows, first: number, count: number): void;
}

/**
 * The caller's work for the time an optimizer step runs, which neither reads nor writes the step's arrays: the next
 * batch's input. `run` does it on the calling thread. Where that work is a copy of rows of a data set on shared
 * memory, `takeRows` hands it to the kernels (a thread team's helper copies them: ThreadTeam.start's copy); from
 * then on it is theirs, and they call run only where the leader ends up doing it.
 */
export interface Meanwhile {
  run(): void;
  /** The rows and the array they go into (row i at i · rows.length), now the kernels' to copy; null: run it. */
  takeRows?(): { rows: SharedRows; first: number; count: number; into: FloatArray } | null;
}

/** Adam's per-step constants (optimizers.ts). */
export interface AdamConstants {
  beta1: number; beta2: number; c1: number; c2: number; stepSize: number; invBc2Sqrt: number; eps: number; coupledWd: number; decay: number;
}

/** The TypeScript kernels: the reference, and the fallback where WebAssembly SIMD is missing. */
export const jsKernels: Kernels = {
  backend: 'js',
  alloc: (ctor, n) => new ctor(n) as InstanceType<typeof ctor>,
  gemmNT: gemm.gemmNT,
  gemmNN: gemm.gemmNN,
  gemmTN: gemm.gemmTN,
  reluForward(out, inp, size) {
    for (let i = 0; i < size; i++) {
      const v = inp[i]!;
      out[i] = v > 0 ? v : 0;
    }
  },
  reluBackward(dinp, dout, inp, size) {
    for (let i = 0; i < size; i++) if (inp[i]! > 0) dinp[i] = dinp[i]! + dout[i]!;
  },
  sumOfSquares(a) {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i]! * a[i]!;
    return s;
  },
  adamStep: () => false,
  maxpool2x2Forward(out, argmax, inp, NC, H, W, OH, OW) {
    let o = 0;
    for (let plane = 0; plane < NC; plane++) {
      const base = plane * H * W;
      for (let oy = 0; oy < OH; oy++) {
        let r0 = base + 2 * oy * W;
        for (let ox = 0; ox < OW; ox++, o++, r0 += 2) {
          const r1 = r0 + W;
          // The first value wins against −Infinity (or is −Infinity, at the same index), as in the general loop.
          let best = inp[r0]!;
          let at = r0;
          let v = inp[r0 + 1]!;
          if (v > best || v !== v) { best = v; at = r0 + 1; }
          v = inp[r1]!;
          if (v > best || v !== v) { best = v; at = r1; }
          v = inp[r1 + 1]!;
          if (v > best || v !== v) { best = v; at = r1 + 1; }
          out[o] = best;
          argmax[o] = at;
        }
      }
    }
  },
  maxpoolBackward(dinp, dout, argmax, count) {
    for (let o = 0; o < count; o++) {
      const at = argmax[o]!;
      dinp[at] = dinp[at]! + dout[o]!;
    }
  },
  im2col,
  col2im,
  fill(a, off, n, value) {
    a.fill(value, off, off + n);
  },
  copyBlocks(dst, dstOff, dstStride, src, srcOff, srcStride, blocks, n) {
    for (let r = 0; r < blocks; r++) {
      const d = dstOff + r * dstStride;
      const s = srcOff + r * srcStride;
      for (let k = 0; k < n; k++) dst[d + k] = src[s + k]!;
    }
  },
  addRowSums(dst, src, rows, n) {
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let p = r * n, end = p + n; p < end; p++) sum += src[p]!;
      dst[r] = dst[r]! + sum;
    }
  },
  addColumnSums(dst, src, rows, n) {
    for (let r = 0; r < rows; r++) {
      const row = r * n;
      for (let k = 0; k < n; k++) dst[k] = dst[k]! + src[row + k]!;
    }
  },
  histogram: (values) => histogram(values),
  squareSums(a, b, off, n, sums) {
    let [aa, bb, dd] = sums;
    for (let i = off; i < off + n; i++) {
      aa += a[i]! * a[i]!;
      if (b) {
        const d = a[i]! - b[i]!;
        bb += b[i]! * b[i]!;
        dd += d * d;
      }
    }
    sums[0] = aa;
    sums[1] = bb;
    sums[2] = dd;
  },
};
