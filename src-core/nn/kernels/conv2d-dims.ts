// The shapes and buffers of one conv2d layer that its kernels (js and wasm) work on: here, not in the layer, so the
// kernels need not import the layer that calls them.
import type { FloatArray } from '../float-array';

/** A conv2d layer's sizes for a batch of N samples, taken in chunks of S (src-core/nn/layers/conv2d.ts). */
export interface Conv2dDims {
  N: number; C: number; H: number; W: number; F: number; K: number; stride: number; pad: number; OH: number; OW: number;
  /** Samples per chunk: every product but the last covers S samples. */
  S: number;
}

/** The per-chunk buffers, allocated once at bind time for S samples. */
export interface Conv2dWorkspace {
  /** (N, C·K·K, P) in chunks: chunk j's (C·K·K, S·P) block starts at j·S·C·K·K·P. Kept for the backward pass. */
  cols: FloatArray;
  /** (F, S·P): a chunk's outputs in the forward pass, its output gradient in the backward pass. */
  y: FloatArray;
  /** (C·K·K, S·P): the columns' gradient in the backward pass, the js kernels' Bᵀ scratch in the forward pass. */
  dcol: FloatArray;
  /** (C·K·K, F) Wᵀ and (S·P, F) Yᵀ: the js kernels' scratch for the input gradient. */
  weightT: FloatArray;
  yT: FloatArray;
  /**
   * The weight and bias gradients' partials, one per chunk ((chunks, F·C·K·K) and (chunks, F)): each chunk's
   * product writes its own, and they are added to the gradient in chunk order afterwards, so a thread team can
   * compute the chunks in any order on any member and give the same bits (docs/ARCHITECTURE.md, Threads).
   */
  partW: FloatArray;
  partB: FloatArray;
}
