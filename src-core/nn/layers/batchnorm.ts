import type { FloatArray } from '../float-array';
import { param, sizeOf, type LayerBinder } from './bound-layer';

/**
 * Batch normalisation (PyTorch BatchNorm1d after dense, BatchNorm2d after conv2d): per feature or
 * channel c, over the N·S values (S = H·W, or 1 after dense), x̂ = (x − μ)/√(σ² + eps), out = γ·x̂ + β.
 * Training uses the batch's biased variance and updates running = (1−m)·running + m·batch with the
 * UNBIASED variance (PyTorch's momentum convention, m = 0.1 by default); eval uses the running values.
 * inp, out, xhat: (N, C, S); invStd: (C) cache for backward; gamma, beta, runMean, runVar: (C).
 */
export interface BatchnormDims {
  N: number; C: number; S: number; momentum: number; eps: number;
}

export function batchnormForward(
  out: FloatArray, xhat: FloatArray, invStd: FloatArray,
  inp: FloatArray,
  gamma: FloatArray, beta: FloatArray, // weight, bias
  runMean: FloatArray, runVar: FloatArray, // running_mean, running_var
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
      runMean[c] = (1 - momentum) * runMean[c]! + momentum * mean;
      runVar[c] = (1 - momentum) * runVar[c]! + momentum * unbiased;
    } else {
      mean = runMean[c]!;
      variance = runVar[c]!;
    }
    const inv = 1 / Math.sqrt(variance + eps);
    invStd[c] = inv;
    const g = gamma[c]!;
    const b = beta[c]!;
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
  dinp: FloatArray | null, dgamma: FloatArray, dbeta: FloatArray,
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
    dgamma[c] = dgamma[c]! + sumDoutXhat;
    dbeta[c] = dbeta[c]! + sumDout;
    if (!dinp) continue;
    const g = gamma[c]!;
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

/** Binds a batchnorm layer: γ, β and the running statistics as views, x̂ and 1/σ cached for the maximum batch. */
export const bindBatchnorm: LayerBinder<'batchnorm'> = (info, b) => {
  const { inp, out, dinp, dout } = b;
  const gamma = param(b, 'weight')!;
  const beta = param(b, 'bias')!;
  const runMean = b.tensors.running_mean!.value;
  const runVar = b.tensors.running_var!.value;
  const size = sizeOf(info.inputShape);
  const C = info.inputShape[0]!;
  const xhat = b.alloc(b.maxBatch * size); // (N, C, S)
  const invStd = b.alloc(C); // (C)
  const d: BatchnormDims = { N: 0, C, S: size / C, momentum: info.spec.momentum ?? 0.1, eps: info.spec.eps ?? 1e-5 };
  return {
    forward: (n, training) => {
      d.N = n;
      batchnormForward(out, xhat, invStd, inp, gamma.value, beta.value, runMean, runVar, d, training);
    },
    backward: (n, training) => {
      d.N = n;
      batchnormBackward(dinp, gamma.grad, beta.grad, dout, xhat, invStd, gamma.value, d, training);
    },
  };
};
