import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../../../../src-core/contract/training';
import { ProgressBatcher, epochsOf } from '../../../../src-renderer/lib/stores/progress-batcher';

const epoch = (n: number): EpochMetrics => ({ epoch: n, loss: 1 / n, lr: 0.01, seconds: 0.01 });

describe('ProgressBatcher', () => {
  it('delivers the epochs gathered before a frame as one batch per run, in order', () => {
    const frames: Array<() => void> = [];
    const delivered: Array<[string, number[]]> = [];
    const batcher = new ProgressBatcher(
      (runId, epochs) => delivered.push([runId, epochs.map((m) => m.epoch)]),
      (flush) => frames.push(flush),
    );
    batcher.add('a', epoch(1));
    batcher.add('b', epoch(1));
    batcher.add('a', epoch(2));
    expect(frames).toHaveLength(1);
    expect(delivered).toEqual([]);

    frames.shift()!();
    expect(delivered).toEqual([
      ['a', [1, 2]],
      ['b', [1]],
    ]);

    batcher.add('a', epoch(3));
    expect(frames).toHaveLength(1);
    batcher.flush();
    expect(delivered.at(-1)).toEqual(['a', [3]]);
    frames.shift()!();
    expect(delivered).toHaveLength(3);
  });
});

describe('epochsOf', () => {
  it('reads a coalesced event oldest first, and a single-epoch event as one epoch', () => {
    expect(epochsOf({ runId: 'a', metrics: epoch(5), earlier: [epoch(3), epoch(4)] }).map((m) => m.epoch)).toEqual([3, 4, 5]);
    expect(epochsOf({ runId: 'a', metrics: epoch(1) }).map((m) => m.epoch)).toEqual([1]);
  });
});
