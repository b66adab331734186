import type { FloatArray } from '../float-array';
import { threadKernels } from '../kernels/gemm';
import type { Kernels } from '../kernels/model-kernels';
import { param, sizeOf, type LayerBinder } from './bound-layer';

/**
 * Dense (PyTorch nn.Linear): out = inp · Wᵀ + b.
 * inp (N, I), weight (O, I) as PyTorch stores it, bias (O), out (N, O).
 */
export function denseForward(
  out: FloatArray, // (N, O)
  inp: FloatArray, // (N, I)
  weight: FloatArray, // (O, I)
  bias: FloatArray | null, // (O)
  N: number, I: number, O: number,
  k: Kernels = threadKernels(),
): void {
  const size = N * O;
  if (bias) k.copyBlocks(out, 0, O, bias, 0, 0, N, O);
  else k.fill(out, 0, size, 0);
  k.gemmNT(out, inp, weight, N, I, O, 0, 0, 0); // weight (O, I) is already Wᵀ's transpose
}

/**
 * Accumulates dW += doutᵀ · inp, db += Σ_n dout, and (unless dinp is null) dinp += dout · W.
 * scratchA holds O·N values and scratchB max(I·N, I·O): the transposes the kernels read.
 */
export function denseBackward(
  dinp: FloatArray | null, // (N, I)
  dweight: FloatArray, // (O, I)
  dbias: FloatArray | null, // (O)
  dout: FloatArray, // (N, O)
  inp: FloatArray, // (N, I)
  weight: FloatArray, // (O, I)
  N: number, I: number, O: number,
  scratchA: FloatArray, scratchB: FloatArray,
  k: Kernels = threadKernels(),
): void {
  k.gemmTN(dweight, dout, inp, O, N, I, scratchA, scratchB, 0, 0, 0);
  if (dbias) k.addColumnSums(dbias, dout, N, O);
  if (dinp) k.gemmNN(dinp, dout, weight, N, O, I, scratchB, 0, 0, 0);
}

/** Binds a dense layer: its weight and bias views, and the transposes' scratch for the maximum batch. */
export const bindDense: LayerBinder<'dense'> = (info, b) => {
  const { inp, out, dinp, dout } = b;
  const weight = param(b, 'weight')!;
  const bias = param(b, 'bias');
  const I = sizeOf(info.inputShape);
  const O = sizeOf(info.outputShape);
  const k = b.kernels;
  const js = k.backend === 'js'; // the WebAssembly kernels read any layout in place
  const scratchA = b.alloc(js ? O * b.maxBatch : 0); // (O, N) doutᵀ
  const scratchB = b.alloc(js ? I * Math.max(b.maxBatch, O) : 0); // (I, N) inpᵀ, or (I, O) Wᵀ
  return {
    forward: (n) => denseForward(out, inp, weight.value, bias?.value ?? null, n, I, O, k),
    backward: (n) => denseBackward(dinp, weight.grad, bias?.grad ?? null, dout, inp, weight.value, n, I, O, scratchA, scratchB, k),
  };
};
