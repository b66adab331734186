import type { FloatArray } from '../float-array';
import { gemmNN, gemmNT, gemmTN } from '../kernels/gemm';

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
  weightOff: number, biasOff: number,
): void {
  const size = N * O;
  if (bias) {
    for (let n = 0; n < N; n++) for (let o = 0; o < O; o++) out[n * O + o] = bias[biasOff + o]!;
  } else {
    out.fill(0, 0, size);
  }
  gemmNT(out, inp, weight, N, I, O, 0, 0, weightOff); // weight (O, I) is already Wᵀ's transpose
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
  weightOff: number, biasOff: number,
  scratchA: FloatArray, scratchB: FloatArray,
): void {
  gemmTN(dweight, dout, inp, O, N, I, scratchA, scratchB, weightOff, 0, 0);
  if (dbias) {
    for (let n = 0; n < N; n++) {
      const row = n * O;
      for (let o = 0; o < O; o++) dbias[biasOff + o] = dbias[biasOff + o]! + dout[row + o]!;
    }
  }
  if (dinp) gemmNN(dinp, dout, weight, N, O, I, scratchB, 0, 0, weightOff);
}
