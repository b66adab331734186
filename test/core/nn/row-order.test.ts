import { describe, expect, it } from 'vitest';
import { restoreOrder } from '../../../src-core/nn/row-order';

describe('restoreOrder', () => {
  it('restores a row order only when it is a permutation of the rows', () => {
    const order = new Int32Array(4);
    restoreOrder(order, Int32Array.of(2, 0, 3, 1));
    expect(Array.from(order)).toEqual([2, 0, 3, 1]);
    expect(() => restoreOrder(order, Int32Array.of(2, 0, 2, 1))).toThrow('not a permutation');
    expect(() => restoreOrder(order, Int32Array.of(0, 1, 2, 4))).toThrow('not a permutation');
  });
});
