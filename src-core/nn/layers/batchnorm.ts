import type { FloatArray } from '../float-array';

/**
 * Batch normalisation (PyTorch BatchNorm1d after dense, BatchNorm2d after conv2d): per feature or
 * channel c, over the N·S values (S = H·W, or 1 after dense), x̂ = (x − μ)/√(σ² + eps), out = γ·x̂ + β.
 * Training uses the batch's biased variance and updates running = (1−m)·running + m·batch with the
 * UNBIASED variance (PyTorch's momentum convention, m = 0.1 by default); eval uses the running values.
 * inp, out, xhat: (N, C, S); mean, invStd: (C) caches for backward.
 */
export interface BatchnormDims {
  N: number; C: number; S: number; momentum: number; eps: number;
}

export function batchnormForward(
  out: FloatArray, xhat: FloatArray, invStd: FloatArray,
  inp: FloatArray,
  gamma: FloatArray, beta: FloatArray, paramOff: number, // weight at paramOff, bias at paramOff + C
  runMean: FloatArray, runVar: FloatArray, bufferOff: number, // running_mean at bufferOff, running_var at bufferOff + C
  d: BatchnormDims, training: boolean,
): void {
  const { N, C, S, momentum, eps } = d;
  const count = N * S;
  for (let c = 0; c < C; c++) {
    let mean: number;
    let variance: number;
    if (training) {
      let s = 0;
      for (let n = 0; n < N; n++) {
        const off = (n * C + c) * S;
        for (let i = 0; i < S; i++) s += inp[off + i]!;
      }
      mean = s / count;
      let q = 0;
      for (let n = 0; n < N; n++) {
        const off = (n * C + c) * S;
        for (let i = 0; i < S; i++) {
          const dv = inp[off + i]! - mean;
          q += dv * dv;
        }
      }
      variance = q / count;
      const unbiased = count > 1 ? q / (count - 1) : variance;
      runMean[bufferOff + c] = (1 - momentum) * runMean[bufferOff + c]! + momentum * mean;
      runVar[bufferOff + C + c] = (1 - momentum) * runVar[bufferOff + C + c]! + momentum * unbiased;
    } else {
      mean = runMean[bufferOff + c]!;
      variance = runVar[bufferOff + C + c]!;
    }
    const inv = 1 / Math.sqrt(variance + eps);
    invStd[c] = inv;
    const g = gamma[paramOff + c]!;
    const b = beta[paramOff + C + c]!;
    for (let n = 0; n < N; n++) {
      const off = (n * C + c) * S;
      for (let i = 0; i < S; i++) {
        const h = (inp[off + i]! - mean) * inv;
        xhat[off + i] = h;
        out[off + i] = g * h + b;
      }
    }
  }
}

/**
 * Accumulates dγ += Σ dout·x̂, dβ += Σ dout and dinp. In training the batch statistics depend on the
 * input: dx = invStd/count · (count·dx̂ − Σdx̂ − x̂·Σ(dx̂·x̂)) with dx̂ = γ·dout; in eval dx = γ·invStd·dout.
 */
export function batchnormBackward(
  dinp: FloatArray | null, dparams: FloatArray, paramOff: number,
  dout: FloatArray, xhat: FloatArray, invStd: FloatArray,
  gamma: FloatArray,
  d: BatchnormDims, training: boolean,
): void {
  const { N, C, S } = d;
  const count = N * S;
  for (let c = 0; c < C; c++) {
    let sumDout = 0;
    let sumDoutXhat = 0;
    for (let n = 0; n < N; n++) {
      const off = (n * C + c) * S;
      for (let i = 0; i < S; i++) {
        sumDout += dout[off + i]!;
        sumDoutXhat += dout[off + i]! * xhat[off + i]!;
      }
    }
    dparams[paramOff + c] = dparams[paramOff + c]! + sumDoutXhat;
    dparams[paramOff + C + c] = dparams[paramOff + C + c]! + sumDout;
    if (!dinp) continue;
    const g = gamma[paramOff + c]!;
    const inv = invStd[c]!;
    if (training) {
      const k = (g * inv) / count;
      for (let n = 0; n < N; n++) {
        const off = (n * C + c) * S;
        for (let i = 0; i < S; i++) {
          dinp[off + i] = dinp[off + i]! + k * (count * dout[off + i]! - sumDout - xhat[off + i]! * sumDoutXhat);
        }
      }
    } else {
      for (let n = 0; n < N; n++) {
        const off = (n * C + c) * S;
        for (let i = 0; i < S; i++) dinp[off + i] = dinp[off + i]! + g * inv * dout[off + i]!;
      }
    }
  }
}
