import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../../../../src-core/contract/training';
import { liveThinPoints } from '../../../../src-core/compare/live-thin';
import { runStats } from '../../../../src-core/compare/run-stats';
import { RunSeriesCache } from '../../../../src-renderer/places/runs/run-series.svelte';

const epoch = (n: number): EpochMetrics => ({ epoch: n, loss: 1 / n, accuracy: 0.5, lr: 0.01, seconds: 0.1 });
const epochs = (from: number, to: number): EpochMetrics[] => Array.from({ length: to - from + 1 }, (_, i) => epoch(from + i));

describe('RunSeriesCache', () => {
  it('holds two runs at once, each streaming into its own series, arrays replaced each time', () => {
    const cache = new RunSeriesCache();
    cache.load('run-1', epochs(1, 3));
    cache.load('run-2', epochs(1, 2));
    const before = cache.seriesOf('run-1');
    cache.append('run-1', [epoch(4)]);
    cache.append('run-2', [epoch(3), epoch(4), epoch(5)]);
    expect(cache.seriesOf('run-1').map((m) => m.epoch)).toEqual([1, 2, 3, 4]);
    expect(cache.seriesOf('run-2').map((m) => m.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(before).toHaveLength(3);
    expect(cache.seriesOf('run-3')).toEqual([]);
  });

  it('keeps each run’s stats and thinned curves as epochs stream in, its epochs appended without a copy', () => {
    const cache = new RunSeriesCache();
    cache.load('run-1', epochs(1, 3));
    const loaded = cache.curveOf('run-1');
    const streamed = [...epochs(4, 9), { ...epoch(10), loss: NaN }];
    for (const m of streamed) cache.append('run-1', [m]);
    const curve = cache.curveOf('run-1');
    expect(curve).not.toBe(loaded);
    expect(curve.metrics).toBe(loaded.metrics); // the one array, grown in place
    expect(curve.length).toBe(10);
    expect(curve.stats).toEqual(runStats(cache.seriesOf('run-1')));
    expect(curve.stats.bestLoss).toBeNaN();
    expect(liveThinPoints(curve.thin.accuracy)).toEqual(epochs(1, 10).map((m) => [m.epoch, 0.5]));
    expect(cache.curveOf('none')).toMatchObject({ length: 0, stats: { epochs: 0 } });
  });

  it('ignores epochs it already has, and keeps the same array then', () => {
    const cache = new RunSeriesCache();
    cache.load('run-1', epochs(1, 2));
    const held = cache.seriesOf('run-1');
    cache.append('run-1', [epoch(2)]);
    expect(cache.seriesOf('run-1')).toBe(held);
  });

  it('merges the stored curve with epochs that streamed in while it was fetched', () => {
    const cache = new RunSeriesCache();
    cache.append('run-1', [epoch(4)]);
    expect(cache.isLoaded('run-1')).toBe(false);
    cache.load('run-1', epochs(1, 3));
    expect(cache.seriesOf('run-1').map((m) => m.epoch)).toEqual([1, 2, 3, 4]);
    expect(cache.isLoaded('run-1')).toBe(true);
  });

  it('loads on demand through runs.metrics (page by page), once per run however often asked', async () => {
    const asked: string[] = [];
    const api = {
      'runs.metrics': async ({ id, from }: { id: string; from: number }) => {
        asked.push(`${id}@${from}`);
        const all = epochs(1, id === 'a' ? 2 : 5);
        // Pages of three epochs: b comes in two.
        const page = all.filter((m) => m.epoch >= from).slice(0, 3);
        const next = page.length && page.at(-1)!.epoch < all.length ? page.at(-1)!.epoch + 1 : undefined;
        return next === undefined ? { metrics: page } : { metrics: page, next };
      },
    };
    const cache = new RunSeriesCache(api);
    await Promise.all([cache.ensure('a'), cache.ensure('a'), cache.ensure('b')]);
    await cache.ensure('a');
    expect(asked).toEqual(['a@1', 'b@1', 'b@4']);
    expect(cache.seriesOf('a')).toHaveLength(2);
    expect(cache.seriesOf('b')).toHaveLength(5);
  });

  it('drops the run written least recently past its capacity, and forgets a deleted run', () => {
    const cache = new RunSeriesCache(null, 2);
    cache.load('a', epochs(1, 1));
    cache.load('b', epochs(1, 1));
    cache.append('a', [epoch(2)]); // a is now the most recent
    cache.load('c', epochs(1, 1));
    expect(cache.runIds).toEqual(['a', 'c']);
    expect(cache.isLoaded('b')).toBe(false);
    cache.forget('a');
    expect(cache.runIds).toEqual(['c']);
  });
});
