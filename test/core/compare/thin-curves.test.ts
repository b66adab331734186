import { describe, expect, it } from 'vitest';
import type { AlignedMetric } from '../../../src-core/compare/align-by-epoch';
import type { SeedBands } from '../../../src-core/compare/seed-groups';
import { alignedAtEpochs, bandsAtEpochs, thinAligned, thinBands, thinIndices } from '../../../src-core/compare/thin-curves';

const long = (n: number, f: (i: number) => number | null): (number | null)[] => Array.from({ length: n }, (_, i) => f(i));

describe('thinIndices', () => {
  it('keeps every position of an axis short enough', () => {
    expect(thinIndices([[1, 2, 3]], 3, 10)).toEqual([0, 1, 2]);
  });

  it('keeps about maxPoints of a 100,000-epoch axis, ascending, the first and last, and each track’s spike', () => {
    const a = long(100_000, (i) => Math.exp(-i / 20_000));
    const b = long(100_000, (i) => 1 - Math.exp(-i / 30_000));
    a[31_337] = 9;
    b[77_777] = -3;
    const kept = thinIndices([a, b], 100_000, 2000);
    expect(kept.length).toBeLessThanOrEqual(2000);
    expect(kept.length).toBeGreaterThan(500);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(99_999);
    expect(kept).toContain(31_337);
    expect(kept).toContain(77_777);
    expect(kept.every((k, i) => i === 0 || k > kept[i - 1]!)).toBe(true);
  });

  it('skips missing and non-finite values (a run that stopped early, a diverged epoch)', () => {
    const a = long(10_000, (i) => (i < 5000 ? i : null));
    a[150] = Number.POSITIVE_INFINITY;
    a[151] = -1;
    const kept = thinIndices([a], 10_000, 100);
    expect(kept).not.toContain(150);
    expect(kept).toContain(151);
    expect(kept).toContain(4999);
  });

  it('refuses a maxPoints below 4', () => {
    expect(() => thinIndices([[1]], 1, 3)).toThrow(/at least 4/);
  });
});

describe('thinAligned, thinBands', () => {
  const curve: AlignedMetric = {
    metric: 'loss',
    epochs: long(50_000, (i) => i + 1) as number[],
    series: [
      { runId: 'a', name: 'A', values: long(50_000, (i) => 1 / (1 + i)) },
      { runId: 'b', name: 'B', values: long(50_000, (i) => (i < 20_000 ? 2 / (1 + i) : null)) },
    ],
  };

  it('thins every run on the same epochs, with each value at its own epoch, the lowest and the last kept', () => {
    const thinned = thinAligned(curve, 2000);
    expect(thinned.epochs.length).toBeLessThanOrEqual(2000);
    expect(thinned.epochs.at(-1)).toBe(50_000);
    for (const s of thinned.series) expect(s.values.length).toBe(thinned.epochs.length);
    thinned.epochs.forEach((epoch, k) => expect(thinned.series[0]!.values[k]).toBe(1 / epoch));
    expect(thinned.epochs).toContain(20_000); // B's last epoch: its lowest
    expect(thinAligned({ ...curve, epochs: [1, 2], series: [{ runId: 'a', name: 'A', values: [1, 2] }] }, 2000).epochs).toEqual([1, 2]);
  });

  it('thins a seed group’s bands keeping each stretch’s extremes, and wall time at the kept epochs', () => {
    const bands: SeedBands = { metric: 'valLoss', points: long(30_000, (i) => i).map((i) => ({ epoch: i! + 1, n: 3, mean: 1 / (1 + i!), std: 0.1, min: 0.5 / (1 + i!), max: i === 12_345 ? 50 : 2 / (1 + i!) })) };
    const thinned = thinBands(bands, 1000);
    expect(thinned.points.length).toBeLessThanOrEqual(1000);
    expect(thinned.points.some((p) => p.max === 50)).toBe(true);
    const epochs = new Set(thinned.points.map((p) => p.epoch));
    expect(bandsAtEpochs({ ...bands, metric: 'elapsed' }, epochs).points.map((p) => p.epoch)).toEqual([...epochs]);
    expect(alignedAtEpochs({ ...curve, metric: 'elapsed' }, epochs).epochs).toEqual([...epochs]);
  });
});
