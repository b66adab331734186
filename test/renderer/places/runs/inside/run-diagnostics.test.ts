import { describe, expect, it } from 'vitest';
import type { TrainingDiagnostics } from '../../../../../src-core/nn/index';
import { RunDiagnosticsCache } from '../../../../../src-renderer/places/runs/inside/run-diagnostics.svelte';

const snapshot = (epoch: number, gradNorm = 1): TrainingDiagnostics => ({ epoch, layers: [{ index: 0, type: 'dense', gradNorm }] });

describe('RunDiagnosticsCache', () => {
  it('reads the stored snapshots page by page, merged with what streamed in meanwhile (the streamed one wins)', async () => {
    const pages: Record<number, { diagnostics: TrainingDiagnostics[]; next?: number }> = {
      1: { diagnostics: [snapshot(5), snapshot(10)], next: 15 },
      15: { diagnostics: [snapshot(15, 2)] },
    };
    const asked: number[] = [];
    const cache = new RunDiagnosticsCache({ 'runs.diagnostics': async ({ from }) => (asked.push(from), pages[from]!) }, 0);
    cache.append('r', snapshot(20));
    cache.append('r', snapshot(15, 3));
    await Promise.all([cache.ensure('r'), cache.ensure('r')]);
    expect(asked).toEqual([1, 15]);
    expect(cache.of('r').map((s) => [s.epoch, s.layers[0]!.gradNorm])).toEqual([[5, 1], [10, 1], [15, 3], [20, 1]]);
    await cache.ensure('r');
    expect(asked).toEqual([1, 15]);
    cache.forget('r');
    expect(cache.of('r')).toEqual([]);
  });

  it('reads a 1,000-epoch run’s 200 stored snapshots in one request (the API pages by 20 unless asked for more)', async () => {
    const stored = Array.from({ length: 200 }, (_, i) => snapshot(5 * (i + 1)));
    const asked: number[] = [];
    const cache = new RunDiagnosticsCache(
      {
        'runs.diagnostics': async ({ from, limit = 20 }) => {
          asked.push(from);
          const rest = stored.filter((d) => d.epoch >= from);
          return { diagnostics: rest.slice(0, limit), ...(rest.length > limit ? { next: rest[limit]!.epoch } : {}) };
        },
      },
      0,
    );
    await cache.ensure('r');
    expect(asked).toEqual([1]);
    expect(cache.of('r')).toHaveLength(200);
  });

  it('keeps each run apart and replaces the array on every write', () => {
    const cache = new RunDiagnosticsCache(null, 0);
    cache.append('a', snapshot(5));
    const before = cache.of('a');
    cache.append('a', snapshot(10));
    cache.append('b', snapshot(5));
    expect(before).toHaveLength(1);
    expect(cache.of('a').map((s) => s.epoch)).toEqual([5, 10]);
    expect(cache.of('b').map((s) => s.epoch)).toEqual([5]);
  });

  it('publishes streamed snapshots together, at most every publishEveryMs', async () => {
    const cache = new RunDiagnosticsCache(null, 20);
    cache.append('a', snapshot(5));
    cache.append('a', snapshot(10));
    expect(cache.of('a')).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(cache.of('a').map((s) => s.epoch)).toEqual([5, 10]);
    cache.append('a', snapshot(15));
    cache.flush();
    expect(cache.of('a').map((s) => s.epoch)).toEqual([5, 10, 15]);
  });
});
