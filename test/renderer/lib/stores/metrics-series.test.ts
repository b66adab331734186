import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../../../../src-core/contract/training';
import { appendEpoch, appendEpochs, mergeEpochs } from '../../../../src-renderer/lib/stores/metrics-series';

const epoch = (n: number, loss = 1 / n): EpochMetrics => ({ epoch: n, loss, lr: 0.01, seconds: 0.1 });

describe('appendEpoch', () => {
  it('returns a new array with the epoch added, leaving the old one as it was', () => {
    const before = [epoch(1)];
    const after = appendEpoch(before, epoch(2));
    expect(after.map((m) => m.epoch)).toEqual([1, 2]);
    expect(after).not.toBe(before);
    expect(before).toHaveLength(1);
  });

  it('ignores an epoch that is not newer than the last one', () => {
    const before = [epoch(1), epoch(2)];
    expect(appendEpoch(before, epoch(2, 9))).toBe(before);
    expect(appendEpoch(before, epoch(1))).toBe(before);
  });
});

describe('appendEpochs', () => {
  it('adds a batch in one new array, skipping epochs it already has', () => {
    const before = [epoch(1), epoch(2)];
    const after = appendEpochs(before, [epoch(2), epoch(3), epoch(4)]);
    expect(after.map((m) => m.epoch)).toEqual([1, 2, 3, 4]);
    expect(appendEpochs(after, [epoch(4)])).toBe(after);
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
