import { describe, expect, it } from 'vitest';
import { thinPoints } from '../../../src-core/compare/thin-points';

describe('thinPoints', () => {
  it('leaves a curve short enough as it is (a copy)', () => {
    const points: [number, number][] = [[1, 0.5], [2, 0.4], [3, 0.3]];
    const thinned = thinPoints(points, 10);
    expect(thinned).toEqual(points);
    expect(thinned).not.toBe(points);
  });

  it('keeps at most maxPoints, in order, the first and last, and every spike (each run’s lowest and highest)', () => {
    const points = Array.from({ length: 100_000 }, (_, i) => [i + 1, Math.exp(-i / 20_000)] as [number, number]);
    points[31_337]![1] = 9; // a spike
    points[77_777]![1] = -3; // a dip
    const thinned = thinPoints(points, 2000);
    expect(thinned.length).toBeLessThanOrEqual(2000);
    expect(thinned.length).toBeGreaterThan(1000);
    expect(thinned[0]).toEqual([1, 1]);
    expect(thinned.at(-1)).toEqual(points.at(-1));
    expect(thinned.map((p) => p[0])).toEqual([...thinned.map((p) => p[0])].sort((a, b) => a - b));
    expect(thinned).toContainEqual([31_338, 9]);
    expect(thinned).toContainEqual([77_778, -3]);
    expect(Math.max(...thinned.map((p) => p[1]))).toBe(9);
    expect(Math.min(...thinned.map((p) => p[1]))).toBe(-3);
  });

  it('refuses fewer than 4 points to keep', () => {
    expect(() => thinPoints([], 3)).toThrow('at least 4');
  });
});
