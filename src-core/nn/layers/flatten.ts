import type { FloatArray } from '../float-array';
import { sizeOf, type LayerBinder } from './bound-layer';

/** flatten: (N, C, H, W) → (N, C·H·W). Row-major memory is already flat, so both passes copy. */
export function flattenForward(out: FloatArray, inp: FloatArray, size: number): void {
  for (let i = 0; i < size; i++) out[i] = inp[i]!;
}
export function flattenBackward(dinp: FloatArray, dout: FloatArray, size: number): void {
  for (let i = 0; i < size; i++) dinp[i] = dinp[i]! + dout[i]!;
}

export const bindFlatten: LayerBinder<'flatten'> = (info, b) => {
  const { inp, out, dinp, dout } = b;
  const size = sizeOf(info.inputShape);
  return {
    forward: (n) => flattenForward(out, inp, n * size),
    backward: (n) => dinp && flattenBackward(dinp, dout, n * size),
  };
};
