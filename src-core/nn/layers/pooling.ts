import type { FloatArray } from '../float-array';
import { jsKernels, type Kernels } from '../kernels/model-kernels';
import { sizeOf, type LayerBinder } from './bound-layer';

/**
 * maxpool2d and avgpool2d (no padding, PyTorch's floor mode): each (size × size) window with the given
 * stride over every channel. inp (N, C, H, W), out (N, C, OH, OW); NC = N·C planes.
 */
export interface PoolDims {
  NC: number; H: number; W: number; size: number; stride: number; OH: number; OW: number;
}

/** argmax (N·C·OH·OW) records the flat input index of each window's maximum (the first one on ties). */
export function maxpool2dForward(out: FloatArray, argmax: Int32Array, inp: FloatArray, d: PoolDims, k: Kernels = jsKernels): void {
  const { NC, H, W, size, stride, OH, OW } = d;
  if (size === 2 && stride === 2) {
    // The common window, unrolled: the same four comparisons in the same order as the loop below.
    k.maxpool2x2Forward(out, argmax, inp, NC, H, W, OH, OW);
    return;
  }
  let o = 0;
  for (let plane = 0; plane < NC; plane++) {
    const base = plane * H * W;
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++, o++) {
        let best = -Infinity;
        let at = base + oy * stride * W + ox * stride;
        for (let ky = 0; ky < size; ky++) {
          const row = base + (oy * stride + ky) * W + ox * stride;
          for (let kx = 0; kx < size; kx++) {
            const v = inp[row + kx]!;
            // v !== v: a NaN wins the window, as in PyTorch, so divergence is not hidden.
            if (v > best || v !== v) {
              best = v;
              at = row + kx;
            }
          }
        }
        out[o] = best;
        argmax[o] = at;
      }
    }
  }
}

export function maxpool2dBackward(dinp: FloatArray, dout: FloatArray, argmax: Int32Array, count: number, k: Kernels = jsKernels): void {
  k.maxpoolBackward(dinp, dout, argmax, count);
}

export function avgpool2dForward(out: FloatArray, inp: FloatArray, d: PoolDims): void {
  const { NC, H, W, size, stride, OH, OW } = d;
  const scale = 1 / (size * size);
  let o = 0;
  for (let plane = 0; plane < NC; plane++) {
    const base = plane * H * W;
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++, o++) {
        let s = 0;
        for (let ky = 0; ky < size; ky++) {
          const row = base + (oy * stride + ky) * W + ox * stride;
          for (let kx = 0; kx < size; kx++) s += inp[row + kx]!;
        }
        out[o] = s * scale;
      }
    }
  }
}

export function avgpool2dBackward(dinp: FloatArray, dout: FloatArray, d: PoolDims): void {
  const { NC, H, W, size, stride, OH, OW } = d;
  const scale = 1 / (size * size);
  let o = 0;
  for (let plane = 0; plane < NC; plane++) {
    const base = plane * H * W;
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++, o++) {
        const g = dout[o]! * scale;
        for (let ky = 0; ky < size; ky++) {
          const row = base + (oy * stride + ky) * W + ox * stride;
          for (let kx = 0; kx < size; kx++) dinp[row + kx] = dinp[row + kx]! + g;
        }
      }
    }
  }
}

function poolDims(info: Parameters<LayerBinder<'maxpool2d' | 'avgpool2d'>>[0]): { C: number; d: PoolDims } {
  const [C, H, W] = info.inputShape as [number, number, number];
  const [, OH, OW] = info.outputShape as [number, number, number];
  return { C, d: { NC: 0, H, W, size: info.spec.size, stride: info.spec.stride ?? info.spec.size, OH, OW } };
}

/** Binds a maxpool2d layer with its argmax cache for the maximum batch. */
export const bindMaxpool2d: LayerBinder<'maxpool2d'> = (info, b) => {
  const { inp, out, dinp, dout } = b;
  const { C, d } = poolDims(info);
  const outSize = sizeOf(info.outputShape);
  const k = b.kernels;
  const argmax = k.alloc(Int32Array, b.maxBatch * outSize); // (N, C, OH, OW) flat input index
  return {
    forward: (n) => {
      d.NC = n * C;
      maxpool2dForward(out, argmax, inp, d, k);
    },
    backward: (n) => {
      if (dinp) maxpool2dBackward(dinp, dout, argmax, n * outSize, k);
    },
  };
};

export const bindAvgpool2d: LayerBinder<'avgpool2d'> = (info, b) => {
  const { inp, out, dinp, dout } = b;
  const { C, d } = poolDims(info);
  return {
    forward: (n) => {
      d.NC = n * C;
      avgpool2dForward(out, inp, d);
    },
    backward: (n) => {
      d.NC = n * C;
      if (dinp) avgpool2dBackward(dinp, dout, d);
    },
  };
};
