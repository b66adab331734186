import { erf } from '../erf';
import type { ActivationName } from '../../contract/layer-names';
import type { FloatArray } from '../float-array';
import { expRow, softmaxRow } from '../softmax-row';
import { sizeOf, type BoundLayer, type LayerBinder, type LayerBuffers } from './bound-layer';

/**
 * Element-wise activations and softmax, each a forward/backward pair over `size` = N × features.
 * Forward writes out (same shape as inp); backward ACCUMULATES dinp += f'(inp) ⊙ dout.
 * Backward reads whichever of inp/out gives the derivative most cheaply and exactly.
 */

// relu runs on the model's kernels (kernels/model-kernels.ts: the TypeScript loops, or WebAssembly SIMD).

/** leaky_relu: x if x > 0 else alpha·x (PyTorch default alpha 0.01). */
export function leakyReluForward(out: FloatArray, inp: FloatArray, size: number, alpha: number): void {
  for (let i = 0; i < size; i++) {
    const v = inp[i]!;
    out[i] = v > 0 ? v : alpha * v;
  }
}
export function leakyReluBackward(dinp: FloatArray, dout: FloatArray, inp: FloatArray, size: number, alpha: number): void {
  for (let i = 0; i < size; i++) dinp[i] = dinp[i]! + (inp[i]! > 0 ? dout[i]! : alpha * dout[i]!);
}

/** elu: x if x > 0 else alpha·(eˣ − 1); derivative for x ≤ 0 is out + alpha. */
export function eluForward(out: FloatArray, inp: FloatArray, size: number, alpha: number): void {
  for (let i = 0; i < size; i++) {
    const v = inp[i]!;
    out[i] = v > 0 ? v : alpha * Math.expm1(v);
  }
}
export function eluBackward(dinp: FloatArray, dout: FloatArray, inp: FloatArray, out: FloatArray, size: number, alpha: number): void {
  for (let i = 0; i < size; i++) {
    const g = inp[i]! > 0 ? 1 : out[i]! + alpha;
    dinp[i] = dinp[i]! + g * dout[i]!;
  }
}

/** The logistic function, written so neither branch overflows. */
export function sigmoid(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

export function sigmoidForward(out: FloatArray, inp: FloatArray, size: number): void {
  for (let i = 0; i < size; i++) out[i] = sigmoid(inp[i]!);
}
export function sigmoidBackward(dinp: FloatArray, dout: FloatArray, out: FloatArray, size: number): void {
  for (let i = 0; i < size; i++) {
    const s = out[i]!;
    dinp[i] = dinp[i]! + s * (1 - s) * dout[i]!;
  }
}

export function tanhForward(out: FloatArray, inp: FloatArray, size: number): void {
  for (let i = 0; i < size; i++) out[i] = Math.tanh(inp[i]!);
}
export function tanhBackward(dinp: FloatArray, dout: FloatArray, out: FloatArray, size: number): void {
  for (let i = 0; i < size; i++) {
    const t = out[i]!;
    dinp[i] = dinp[i]! + (1 - t * t) * dout[i]!;
  }
}

/** swish (SiLU): x·σ(x); derivative σ(x)·(1 + x·(1 − σ(x))). */
export function swishForward(out: FloatArray, inp: FloatArray, size: number): void {
  for (let i = 0; i < size; i++) {
    const v = inp[i]!;
    out[i] = v * sigmoid(v);
  }
}
export function swishBackward(dinp: FloatArray, dout: FloatArray, inp: FloatArray, size: number): void {
  for (let i = 0; i < size; i++) {
    const v = inp[i]!;
    const s = sigmoid(v);
    dinp[i] = dinp[i]! + s * (1 + v * (1 - s)) * dout[i]!;
  }
}

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327; // 1/√(2π)

/** gelu, exact: x·Φ(x) with Φ(x) = (1 + erf(x/√2))/2; derivative Φ(x) + x·φ(x). */
export function geluForward(out: FloatArray, inp: FloatArray, size: number): void {
  for (let i = 0; i < size; i++) {
    const v = inp[i]!;
    out[i] = 0.5 * v * (1 + erf(v * SQRT1_2));
  }
}
export function geluBackward(dinp: FloatArray, dout: FloatArray, inp: FloatArray, size: number): void {
  for (let i = 0; i < size; i++) {
    const v = inp[i]!;
    const cdf = 0.5 * (1 + erf(v * SQRT1_2));
    const pdf = INV_SQRT_2PI * Math.exp(-0.5 * v * v);
    dinp[i] = dinp[i]! + (cdf + v * pdf) * dout[i]!;
  }
}

export function linearForward(out: FloatArray, inp: FloatArray, size: number): void {
  for (let i = 0; i < size; i++) out[i] = inp[i]!;
}
export function linearBackward(dinp: FloatArray, dout: FloatArray, size: number): void {
  for (let i = 0; i < size; i++) dinp[i] = dinp[i]! + dout[i]!;
}

/** softmax over the last dimension: inp, out (N, F). */
export function softmaxForward(out: FloatArray, inp: FloatArray, N: number, F: number): void {
  for (let n = 0; n < N; n++) {
    const row = n * F;
    const e = expRow(inp, row, F);
    const sum = softmaxRow.sum;
    for (let f = 0; f < F; f++) out[row + f] = e[f]! / sum;
  }
}
/** dinp_f += y_f · (dout_f − Σ_g dout_g · y_g) per row. */
export function softmaxBackward(dinp: FloatArray, dout: FloatArray, out: FloatArray, N: number, F: number): void {
  for (let n = 0; n < N; n++) {
    const row = n * F;
    let dot = 0;
    for (let f = 0; f < F; f++) dot += dout[row + f]! * out[row + f]!;
    for (let f = 0; f < F; f++) dinp[row + f] = dinp[row + f]! + out[row + f]! * (dout[row + f]! - dot);
  }
}

/** An element-wise activation bound over `n · size` values. */
function elementwise(
  b: LayerBuffers, size: number,
  forward: (out: FloatArray, inp: FloatArray, count: number) => void,
  backward: (dinp: FloatArray, count: number) => void,
): BoundLayer {
  const { inp, out, dinp } = b;
  return {
    forward: (n) => forward(out, inp, n * size),
    backward: (n) => dinp && backward(dinp, n * size),
  };
}

/** The binders of the activations, by layer type. */
export const activationBinders: { [T in ActivationName]: LayerBinder<T> } = {
  relu: (info, b) => elementwise(
    b, sizeOf(info.inputShape),
    (out, inp, count) => b.kernels.reluForward(out, inp, count),
    (dinp, count) => b.kernels.reluBackward(dinp, b.dout, b.inp, count),
  ),
  leaky_relu: (info, b) => {
    const alpha = info.spec.alpha ?? 0.01;
    return elementwise(
      b, sizeOf(info.inputShape),
      (out, inp, count) => leakyReluForward(out, inp, count, alpha),
      (dinp, count) => leakyReluBackward(dinp, b.dout, b.inp, count, alpha),
    );
  },
  elu: (info, b) => {
    const alpha = info.spec.alpha ?? 1;
    return elementwise(
      b, sizeOf(info.inputShape),
      (out, inp, count) => eluForward(out, inp, count, alpha),
      (dinp, count) => eluBackward(dinp, b.dout, b.inp, b.out, count, alpha),
    );
  },
  sigmoid: (info, b) => elementwise(b, sizeOf(info.inputShape), sigmoidForward, (dinp, count) => sigmoidBackward(dinp, b.dout, b.out, count)),
  tanh: (info, b) => elementwise(b, sizeOf(info.inputShape), tanhForward, (dinp, count) => tanhBackward(dinp, b.dout, b.out, count)),
  swish: (info, b) => elementwise(b, sizeOf(info.inputShape), swishForward, (dinp, count) => swishBackward(dinp, b.dout, b.inp, count)),
  gelu: (info, b) => elementwise(b, sizeOf(info.inputShape), geluForward, (dinp, count) => geluBackward(dinp, b.dout, b.inp, count)),
  linear: (info, b) => elementwise(b, sizeOf(info.inputShape), linearForward, (dinp, count) => linearBackward(dinp, b.dout, count)),
  softmax: (info, b) => {
    const { inp, out, dinp, dout } = b;
    const F = sizeOf(info.inputShape);
    return {
      forward: (n) => softmaxForward(out, inp, n, F),
      backward: (n) => dinp && softmaxBackward(dinp, dout, out, n, F),
    };
  },
};
