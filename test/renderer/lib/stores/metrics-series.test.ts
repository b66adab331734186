import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../../../../src-core/contract/training';
import { mergeEpochs, newerEpochs } from '../../../../src-renderer/lib/stores/metrics-series';

const epoch = (n: number, loss = 1 / n): EpochMetrics => ({ epoch: n, loss, lr: 0.01, seconds: 0.1 });

describe('newerEpochs', () => {
  it('keeps the epochs past the last one, each past the one before (the rest raced a read)', () => {
    expect(newerEpochs(2, [epoch(2), epoch(3), epoch(1), epoch(4)]).map((m) => m.epoch)).toEqual([3, 4]);
    expect(newerEpochs(undefined, [epoch(1), epoch(2)]).map((m) => m.epoch)).toEqual([1, 2]);
    expect(newerEpochs(4, [epoch(4)])).toEqual([]);
  });
});

describe('mergeEpochs', () => {
  it('joins stored and streamed epochs in order, each once, preferring the stored value', () => {
    const stored = [epoch(1), epoch(2), epoch(3)];
    const streamed = [epoch(3, 42), epoch(4)];
    const merged = mergeEpochs(stored, streamed);
    expect(merged.map((m) => m.epoch)).toEqual([1, 2, 3, 4]);
    expect(merged[2]!.loss).toBe(1 / 3);
  });
});
