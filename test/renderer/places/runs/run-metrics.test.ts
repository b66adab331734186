import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../../../../src-core/contract/training';
import { RunMetricsStore } from '../../../../src-renderer/places/runs/run-metrics.svelte';

const epoch = (n: number): EpochMetrics => ({ epoch: n, loss: 1 / n, accuracy: 0.5, lr: 0.01, seconds: 0.1 });

describe('RunMetricsStore', () => {
  it('appends streamed epochs of the shown run, replacing the array each time', () => {
    const store = new RunMetricsStore();
    store.show('run-1');
    store.append('run-1', epoch(1));
    const afterOne = store.metrics;
    store.append('run-1', epoch(2));
    expect(store.metrics.map((m) => m.epoch)).toEqual([1, 2]);
    expect(store.metrics).not.toBe(afterOne);
    expect(afterOne).toHaveLength(1);
    expect(store.last?.epoch).toBe(2);
  });

  it('ignores epochs of other runs and epochs it already has', () => {
    const store = new RunMetricsStore();
    store.show('run-1', [epoch(1), epoch(2)]);
    store.append('run-2', epoch(3));
    store.append('run-1', epoch(2));
    expect(store.metrics.map((m) => m.epoch)).toEqual([1, 2]);
  });

  it('merges the stored curve with epochs that streamed in while it was fetched', () => {
    const store = new RunMetricsStore();
    store.show('run-1');
    store.append('run-1', epoch(4));
    store.load('run-1', [epoch(1), epoch(2), epoch(3)]);
    expect(store.metrics.map((m) => m.epoch)).toEqual([1, 2, 3, 4]);
    store.load('run-other', [epoch(9)]);
    expect(store.metrics).toHaveLength(4);
  });
});
