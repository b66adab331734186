import type { FloatArray } from '../float-array';
import { threadKernels } from '../kernels/gemm';
import type { Conv2dDims, Conv2dWorkspace } from '../kernels/conv2d-dims';
import type { Kernels } from '../kernels/model-kernels';
import { param, type LayerBinder } from './bound-layer';

/**
 * conv2d (PyTorch nn.Conv2d, square kernel) by batch-wide im2col: the samples are taken in chunks of S, whose
 * columns sit side by side, so one product per chunk computes every output of it:
 * Y (F, S·P) = W (F, C·K·K) · cols (C·K·K, S·P) + b, with P = OH·OW, then Y's blocks go to out (N, F, OH, OW).
 * The columns of every chunk are kept for the backward pass (the same N·C·K·K·P values as one per sample).
 */
export type { Conv2dDims, Conv2dWorkspace } from '../kernels/conv2d-dims';

/**
 * Values of one chunk's columns at most (128 KB of float32), which bounds the workspace above the kept columns.
 * Measured on W2's two convolutions at batch 64 (CPU time of forward + backward, best of 12): chunks of 1 to 8
 * samples within noise of each other on one thread, the whole batch up to 16 % slower (its 1–4 MB operands leave
 * the cache); so the chunk stays small, and the memory with it.
 */
export const conv2dChunkValues = 1 << 15;

/**
 * Values of the weight gradient's per-chunk partials at most (4 MB of float32): a layer with many filters and few
 * output pixels gets larger chunks instead of more partials. W2's two convolutions take 13 × 72 and 22 × 1 152.
 */
export const conv2dPartValues = 1 << 20;

/**
 * Samples per chunk: as many as fit conv2dChunkValues (at least one, at most the batch), more where the chunks'
 * weight-gradient partials (F·C·K·K values each; F = 0: not counted) would pass conv2dPartValues.
 */
export function conv2dChunkSamples(maxBatch: number, C: number, K: number, OH: number, OW: number, F = 0): number {
  const fit = Math.max(1, Math.min(maxBatch, Math.floor(conv2dChunkValues / (C * K * K * OH * OW))));
  const maxChunks = Math.max(1, Math.floor(conv2dPartValues / Math.max(1, F * C * K * K)));
  return Math.max(fit, Math.min(maxBatch, Math.ceil(maxBatch / maxChunks)));
}

export function conv2dForward(
  out: FloatArray, // (N, F, OH, OW)
  inp: FloatArray, // (N, C, H, W)
  weight: FloatArray, // (F, C, K, K)
  bias: FloatArray | null, // (F)
  ws: Conv2dWorkspace,
  d: Conv2dDims,
  k: Kernels = threadKernels(),
): void {
  if (k.conv2dForward?.(out, inp, weight, bias, ws, d)) return;
  const { N, C, H, W, F, K, stride, pad, OH, OW, S } = d;
  const P = OH * OW;
  const CKK = C * K * K;
  const { cols, y } = ws;
  for (let n0 = 0; n0 < N; n0 += S) {
    const s = Math.min(S, N - n0);
    const SP = s * P;
    const colOff = n0 * CKK * P;
    for (let i = 0; i < s; i++) k.im2col(cols, colOff + i * P, inp, (n0 + i) * C * H * W, C, H, W, K, stride, pad, OH, OW, SP);
    for (let f = 0; f < F; f++) k.fill(y, f * SP, SP, bias ? bias[f]! : 0);
    k.gemmNN(y, weight, cols, F, CKK, SP, ws.dcol, 0, 0, colOff);
    for (let i = 0; i < s; i++) k.copyBlocks(out, (n0 + i) * F * P, P, y, i * P, SP, F, P);
  }
}

/**
 * Accumulates dW += dout·colᵀ, db += Σ dout, and (unless dinp is null) dinp += col2im(Wᵀ·dout). dW and db are
 * summed per chunk into the partials, then added in chunk order (ws.partW).
 */
export function conv2dBackward(
  dinp: FloatArray | null, // (N, C, H, W)
  dweight: FloatArray, // (F, C, K, K)
  dbias: FloatArray | null, // (F)
  dout: FloatArray, // (N, F, OH, OW)
  weight: FloatArray, // (F, C, K, K)
  ws: Conv2dWorkspace, // cols from the forward pass
  d: Conv2dDims,
  k: Kernels = threadKernels(),
): void {
  if (k.conv2dBackward?.(dinp, dweight, dbias, dout, weight, ws, d)) return;
  const { N, C, H, W, F, K, stride, pad, OH, OW, S } = d;
  const P = OH * OW;
  const CKK = C * K * K;
  const { cols, y: dy, dcol, partW, partB } = ws;
  const chunks = Math.ceil(N / S);
  for (let n0 = 0, j = 0; n0 < N; n0 += S, j++) {
    const s = Math.min(S, N - n0);
    const SP = s * P;
    const colOff = n0 * CKK * P;
    for (let i = 0; i < s; i++) k.copyBlocks(dy, i * P, SP, dout, (n0 + i) * F * P, P, F, P);
    k.fill(partW, j * F * CKK, F * CKK, 0);
    k.gemmNT(partW, dy, cols, F, SP, CKK, j * F * CKK, 0, colOff);
    if (dbias) {
      k.fill(partB, j * F, F, 0);
      k.addRowSums(partB.subarray(j * F, (j + 1) * F), dy, F, SP);
    }
    if (dinp) {
      k.fill(dcol, 0, CKK * SP, 0);
      k.gemmTN(dcol, weight, dy, CKK, F, SP, ws.weightT, ws.yT, 0, 0, 0);
      for (let i = 0; i < s; i++) k.col2im(dinp, (n0 + i) * C * H * W, dcol, i * P, C, H, W, K, stride, pad, OH, OW, SP);
    }
  }
  addParts(dweight, partW, chunks, F * CKK);
  if (dbias) addParts(dbias, partB, chunks, F);
}

/** dst[i] += parts[0·n + i] + parts[1·n + i] + … in that order, each addition rounded to dst's type. */
function addParts(dst: FloatArray, parts: FloatArray, count: number, n: number): void {
  for (let j = 0; j < count; j++) {
    const at = j * n;
    for (let i = 0; i < n; i++) dst[i] = dst[i]! + parts[at + i]!;
  }
}

/** Binds a conv2d layer: its weight and bias views, the kept columns and the chunk workspace, for the maximum batch. */
export const bindConv2d: LayerBinder<'conv2d'> = (info, b) => {
  const { inp, out, dinp, dout } = b;
  const weight = param(b, 'weight')!;
  const bias = param(b, 'bias');
  const [C, H, W] = info.inputShape as [number, number, number];
  const [F, OH, OW] = info.outputShape as [number, number, number];
  const K = info.spec.kernel;
  const P = OH * OW;
  const CKK = C * K * K;
  const S = conv2dChunkSamples(b.maxBatch, C, K, OH, OW, F);
  const chunks = Math.ceil(b.maxBatch / S);
  const k = b.kernels;
  const js = k.backend === 'js'; // the WebAssembly kernels read any layout in place
  const ws: Conv2dWorkspace = {
    cols: b.alloc(b.maxBatch * CKK * P),
    y: b.alloc(F * S * P),
    dcol: b.alloc(CKK * S * P),
    // Only the input gradient needs these; the first layer has none.
    weightT: b.alloc(dinp && js ? CKK * F : 0),
    yT: b.alloc(dinp && js ? S * P * F : 0),
    partW: b.alloc(chunks * F * CKK),
    partB: b.alloc(bias ? chunks * F : 0),
  };
  const d: Conv2dDims = { N: 0, C, H, W, F, K, stride: info.spec.stride ?? 1, pad: info.spec.padding ?? 0, OH, OW, S };
  return {
    forward: (n) => {
      d.N = n;
      conv2dForward(out, inp, weight.value, bias?.value ?? null, ws, d, k);
    },
    backward: (n) => {
      d.N = n;
      conv2dBackward(dinp, weight.grad, bias?.grad ?? null, dout, weight.value, ws, d, k);
    },
  };
};
