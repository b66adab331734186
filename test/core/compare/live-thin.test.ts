import { describe, expect, it } from 'vitest';
import { addLiveThin, emptyLiveThin, liveThinPoints } from '../../../src-core/compare/live-thin';

const curve = (n: number, f: (i: number) => number | undefined) => Array.from({ length: n }, (_, i) => [i + 1, f(i)] as const);

describe('live thinning', () => {
  it('draws every finite point of a short curve, in order, skipping missing and NaN', () => {
    const thin = addLiveThin(emptyLiveThin(20), curve(8, (i) => (i === 3 ? NaN : i === 5 ? undefined : i)));
    expect(liveThinPoints(thin)).toEqual([[1, 0], [2, 1], [3, 2], [5, 4], [7, 6], [8, 7]]);
  });

  it('keeps at most maxPoints of 100,000 epochs: the first, the last and each spike', () => {
    const values = curve(100_000, (i) => (i === 61_234 ? 50 : i === 7_000 ? -3 : Math.exp(-i / 20_000)));
    let thin = emptyLiveThin(2000);
    for (let i = 0; i < values.length; i += 37) thin = addLiveThin(thin, values.slice(i, i + 37));
    const points = liveThinPoints(thin);
    expect(points.length).toBeLessThanOrEqual(2000);
    expect(points.length).toBeGreaterThan(900);
    expect(points[0]).toEqual([1, 1]);
    expect(points.at(-1)).toEqual([100_000, Math.exp(-99_999 / 20_000)]);
    expect(points).toContainEqual([61_235, 50]);
    expect(points).toContainEqual([7_001, -3]);
    expect(points.every((p, i) => i === 0 || p[0] > points[i - 1]![0])).toBe(true);
  });

  it('the same however the points arrive (one batch or one at a time), and never changes the state given', () => {
    const values = curve(5_000, (i) => (i % 11 === 0 ? NaN : Math.sin(i / 50)));
    const whole = addLiveThin(emptyLiveThin(100), values);
    let live = emptyLiveThin(100);
    for (const v of values) {
      const before = live;
      const snapshot = liveThinPoints(before);
      live = addLiveThin(live, [v]);
      expect(liveThinPoints(before)).toEqual(snapshot);
    }
    expect(liveThinPoints(live)).toEqual(liveThinPoints(whole));
  });

  it('refuses fewer than 4 points', () => {
    expect(() => emptyLiveThin(3)).toThrow(/at least 4/);
  });
});
