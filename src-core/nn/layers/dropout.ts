import type { Random } from '../../data/random';
import type { FloatArray } from '../float-array';
import { sizeOf, type LayerBinder } from './bound-layer';

/**
 * Inverted dropout (PyTorch nn.Dropout): while training each element is zeroed with probability p
 * and survivors are scaled by 1/(1−p), so eval is the identity and needs no rescaling.
 * inp, out, mask: (N, ...) flattened to `size`; mask holds 0 or 1/(1−p) per element.
 */
export function dropoutForward(
  out: FloatArray, mask: FloatArray, inp: FloatArray, size: number, rate: number, training: boolean, rng: Random,
): void {
  if (!training || rate === 0) {
    for (let i = 0; i < size; i++) out[i] = inp[i]!;
    return;
  }
  const keep = 1 / (1 - rate);
  for (let i = 0; i < size; i++) {
    const m = rng.next() < rate ? 0 : keep;
    mask[i] = m;
    out[i] = inp[i]! * m;
  }
}

export function dropoutBackward(
  dinp: FloatArray, dout: FloatArray, mask: FloatArray, size: number, rate: number, training: boolean,
): void {
  if (!training || rate === 0) {
    for (let i = 0; i < size; i++) dinp[i] = dinp[i]! + dout[i]!;
    return;
  }
  for (let i = 0; i < size; i++) dinp[i] = dinp[i]! + dout[i]! * mask[i]!;
}

/** Binds a dropout layer with its mask for the maximum batch; the mask is drawn from the model's current generator. */
export const bindDropout: LayerBinder<'dropout'> = (info, b) => {
  const { inp, out, dinp, dout } = b;
  const size = sizeOf(info.inputShape);
  const rate = info.spec.rate;
  const mask = b.alloc(b.maxBatch * size); // (N, ...) 0 or 1/(1−p)
  return {
    forward: (n, training) => dropoutForward(out, mask, inp, n * size, rate, training, b.random()),
    backward: (n, training) => dinp && dropoutBackward(dinp, dout, mask, n * size, rate, training),
  };
};
