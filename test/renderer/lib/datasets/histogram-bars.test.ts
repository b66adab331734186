import { describe, expect, it } from 'vitest';
import { histogramBars } from '../../../../src-renderer/lib/datasets/histogram-bars';

describe('histogramBars', () => {
  it('fills the box bottom-aligned, the largest bin full height', () => {
    const bars = histogramBars({ min: 0, max: 1, counts: [2, 4, 0, 1] }, 40, 20);
    expect(bars.map((b) => b.x)).toEqual([0, 10, 20, 30]);
    expect(bars.map((b) => b.height)).toEqual([10, 20, 0, 5]);
    expect(bars.map((b) => b.y)).toEqual([10, 0, 20, 15]);
    expect(bars.every((b) => b.width === 9)).toBe(true); // a 1-unit gap between wide bars
  });

  it('keeps a rare value visible and draws nothing without a histogram', () => {
    const bars = histogramBars({ min: 0, max: 1, counts: [10_000, 1] }, 10, 24);
    expect(bars[1]!.height).toBe(1);
    expect(histogramBars(undefined, 10, 10)).toEqual([]);
    expect(histogramBars({ min: 0, max: 0, counts: [0, 0] }, 10, 10).every((b) => b.height === 0)).toBe(true);
  });
});
