import { describe, expect, it } from 'vitest';
import { histogram, histogramOfCounts } from '../../../src-core/data/histogram';

describe('histogram', () => {
  it('counts finite values in equal bins over their own range, the last bin holding the max', () => {
    expect(histogram([0, 1, 2, 3, 4], undefined, 4)).toEqual({ min: 0, max: 4, counts: [1, 1, 1, 2] });
    expect(histogram([5, NaN, Infinity, 5], undefined, 2)).toEqual({ min: 5, max: 5, counts: [2, 0] });
    expect(histogram([], undefined, 3)).toEqual({ min: 0, max: 0, counts: [0, 0, 0] });
  });

  it('bins over a given range, and from counts of consecutive integers the same way', () => {
    const values = [1, 1, 2, 3, 3, 3, 4];
    const range = { min: 1, max: 4 };
    expect(histogramOfCounts(1, [2, 1, 3, 1], range, 3)).toEqual(histogram(values, range, 3));
  });
});
