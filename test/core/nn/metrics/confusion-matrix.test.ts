import { describe, expect, it } from 'vitest';
import { confusionMatrix } from '../../../../src-core/nn/metrics';

describe('confusionMatrix', () => {
  it("matches sklearn's documented example (row = actual, column = predicted)", () => {
    // sklearn: confusion_matrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]) == [[2, 0, 0], [0, 0, 1], [1, 0, 2]]
    const m = confusionMatrix(Int32Array.from([0, 0, 2, 2, 0, 2]), Int32Array.from([2, 0, 2, 2, 0, 1]), 3);
    expect(Array.from(m)).toEqual([2, 0, 0, 0, 0, 1, 1, 0, 2]);
  });

  it('refuses a class outside the range', () => {
    expect(() => confusionMatrix(Int32Array.from([3]), Int32Array.from([0]), 3)).toThrow(/class 3 at row 0/);
  });
});
