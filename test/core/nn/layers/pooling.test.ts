import { describe, expect, it } from 'vitest';
import { maxpool2dForward } from '../../../../src-core/nn/layers/pooling';

describe('maxpool2d 2 × 2, stride 2', () => {
  it('takes each window\'s maximum and its first index on ties; a NaN wins; an all −Infinity window points at its first value', () => {
    // One plane, 4 × 5 (the last column left over, as in floor mode): windows read row by row.
    const inp = Float32Array.from([
      1, 3, 2, 2, 9,
      3, 0, 2, 2, 9,
      -Infinity, -Infinity, 5, NaN, 9,
      -Infinity, -Infinity, NaN, 7, 9,
    ]);
    const out = new Float32Array(4);
    const argmax = new Int32Array(4);
    maxpool2dForward(out, argmax, inp, { NC: 1, H: 4, W: 5, size: 2, stride: 2, OH: 2, OW: 2 });
    expect(Array.from(out)).toEqual([3, 2, -Infinity, NaN]);
    // 3 first at index 1 (not 5); the tie of 2s at 2; −Infinity at 10; the last NaN seen (index 17) wins, as in PyTorch's loop.
    expect(Array.from(argmax)).toEqual([1, 2, 10, 17]);
  });
});
