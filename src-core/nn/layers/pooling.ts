import type { FloatArray } from '../float-array';

/**
 * maxpool2d and avgpool2d (no padding, PyTorch's floor mode): each (size × size) window with the given
 * stride over every channel. inp (N, C, H, W), out (N, C, OH, OW); NC = N·C planes.
 */
export interface PoolDims {
  NC: number; H: number; W: number; size: number; stride: number; OH: number; OW: number;
}

/** argmax (N·C·OH·OW) records the flat input index of each window's maximum (the first one on ties). */
export function maxpool2dForward(out: FloatArray, argmax: Int32Array, inp: FloatArray, d: PoolDims): void {
  const { NC, H, W, size, stride, OH, OW } = d;
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

export function maxpool2dBackward(dinp: FloatArray, dout: FloatArray, argmax: Int32Array, count: number): void {
  for (let o = 0; o < count; o++) {
    const at = argmax[o]!;
    dinp[at] = dinp[at]! + dout[o]!;
  }
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
