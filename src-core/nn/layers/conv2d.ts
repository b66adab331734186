import type { FloatArray } from '../float-array';
import { gemmNN, gemmNT, gemmTN } from '../kernels/gemm';
import { col2im, im2col } from '../kernels/im2col';
import { param, type LayerBinder } from './bound-layer';

/**
 * conv2d (PyTorch nn.Conv2d, square kernel) by im2col: per sample, out (F, P) = W (F, C·K·K) · col (C·K·K, P) + b,
 * with P = OH·OW. The columns of every sample are kept for the backward pass.
 */
export interface Conv2dDims {
  N: number; C: number; H: number; W: number; F: number; K: number; stride: number; pad: number; OH: number; OW: number;
}

export function conv2dForward(
  out: FloatArray, // (N, F, OH, OW)
  cols: FloatArray, // (N, C·K·K, OH·OW) cache
  inp: FloatArray, // (N, C, H, W)
  weight: FloatArray, // (F, C, K, K)
  bias: FloatArray | null, // (F)
  scratch: FloatArray, // (OH·OW, C·K·K) one sample's columns transposed
  d: Conv2dDims,
): void {
  const { N, C, H, W, F, K, stride, pad, OH, OW } = d;
  const P = OH * OW;
  const CKK = C * K * K;
  for (let n = 0; n < N; n++) {
    const colOff = n * CKK * P;
    const outOff = n * F * P;
    im2col(cols, colOff, inp, n * C * H * W, C, H, W, K, stride, pad, OH, OW);
    for (let f = 0; f < F; f++) {
      const b = bias ? bias[f]! : 0;
      out.fill(b, outOff + f * P, outOff + (f + 1) * P);
    }
    gemmNN(out, weight, cols, F, CKK, P, scratch, outOff, 0, colOff);
  }
}

/** Accumulates dW += dout·colᵀ, db += Σ dout, and (unless dinp is null) dinp += col2im(Wᵀ·dout). */
export function conv2dBackward(
  dinp: FloatArray | null, // (N, C, H, W)
  dweight: FloatArray, // (F, C, K, K)
  dbias: FloatArray | null, // (F)
  dcol: FloatArray, // (C·K·K, OH·OW) scratch for one sample
  dout: FloatArray, // (N, F, OH, OW)
  cols: FloatArray, // (N, C·K·K, OH·OW) from the forward pass
  weight: FloatArray, // (F, C, K, K)
  scratchA: FloatArray, // (C·K·K, F) Wᵀ
  scratchB: FloatArray, // (OH·OW, F) one sample's doutᵀ
  d: Conv2dDims,
): void {
  const { N, C, H, W, F, K, stride, pad, OH, OW } = d;
  const P = OH * OW;
  const CKK = C * K * K;
  for (let n = 0; n < N; n++) {
    const colOff = n * CKK * P;
    const outOff = n * F * P;
    gemmNT(dweight, dout, cols, F, P, CKK, 0, outOff, colOff);
    if (dbias) {
      for (let f = 0; f < F; f++) {
        let s = 0;
        const row = outOff + f * P;
        for (let p = 0; p < P; p++) s += dout[row + p]!;
        dbias[f] = dbias[f]! + s;
      }
    }
    if (dinp) {
      dcol.fill(0, 0, CKK * P);
      gemmTN(dcol, weight, dout, CKK, F, P, scratchA, scratchB, 0, 0, outOff);
      col2im(dinp, n * C * H * W, dcol, 0, C, H, W, K, stride, pad, OH, OW);
    }
  }
}

/** Binds a conv2d layer: its weight and bias views, the columns cache and the scratch, for the maximum batch. */
export const bindConv2d: LayerBinder<'conv2d'> = (info, b) => {
  const { inp, out, dinp, dout } = b;
  const weight = param(b, 'weight')!;
  const bias = param(b, 'bias');
  const [C, H, W] = info.inputShape as [number, number, number];
  const [F, OH, OW] = info.outputShape as [number, number, number];
  const K = info.spec.kernel;
  const cols = new b.dtype(b.maxBatch * C * K * K * OH * OW); // (N, C·K·K, OH·OW)
  const dcol = new b.dtype(C * K * K * OH * OW); // (C·K·K, OH·OW)
  const colT = new b.dtype(OH * OW * C * K * K); // (OH·OW, C·K·K)
  const weightT = new b.dtype(C * K * K * F); // (C·K·K, F)
  const doutT = new b.dtype(OH * OW * F); // (OH·OW, F)
  const d: Conv2dDims = { N: 0, C, H, W, F, K, stride: info.spec.stride ?? 1, pad: info.spec.padding ?? 0, OH, OW };
  return {
    forward: (n) => {
      d.N = n;
      conv2dForward(out, cols, inp, weight.value, bias?.value ?? null, colT, d);
    },
    backward: (n) => {
      d.N = n;
      conv2dBackward(dinp, weight.grad, bias?.grad ?? null, dcol, dout, cols, weight.value, weightT, doutT, d);
    },
  };
};
