import { describe, expect, it } from 'vitest';
import { timeToTarget, timeToTargetForRuns } from '../../../src-core/compare/time-to-target';
import { epochs, makeRun } from './run-fixtures';

describe('timeToTarget', () => {
  const run = makeRun({
    id: 'a',
    metrics: epochs([0.9, 0.6, 0.4, 0.45, 0.3], {
      valAccuracy: [0.5, 0.7, 0.85, 0.9, 0.88],
      seconds: [2, 1.5, 1, 1, 1],
    }),
  });

  it('gives the first epoch reaching a maximised metric and the seconds summed up to it', () => {
    // valAccuracy ≥ 0.85 first at epoch 3; seconds 2 + 1.5 + 1.
    expect(timeToTarget(run, { metric: 'valAccuracy', target: 0.85 })).toEqual({ epoch: 3, seconds: 4.5, value: 0.85 });
  });

  it('reads losses as minimised: reached when value ≤ target', () => {
    expect(timeToTarget(run, { metric: 'loss', target: 0.5 })).toEqual({ epoch: 3, seconds: 4.5, value: 0.4 });
    expect(timeToTarget(run, { metric: 'loss', target: 0.9 })).toEqual({ epoch: 1, seconds: 2, value: 0.9 });
  });

  it('returns null when the target is never reached or the metric was never recorded', () => {
    expect(timeToTarget(run, { metric: 'valAccuracy', target: 0.95 })).toBeNull();
    expect(timeToTarget(run, { metric: 'valLoss', target: 10 })).toBeNull();
    expect(timeToTarget(makeRun({ id: 'empty' }), { metric: 'loss', target: 1 })).toBeNull();
  });

  it('honours an explicit direction', () => {
    // "When did the loss first rise above 0.42?" — epoch 1 already is.
    expect(timeToTarget(run, { metric: 'loss', target: 0.42, direction: 'max' })?.epoch).toBe(1);
  });

  it('skips NaN values and does not let a NaN duration poison the seconds', () => {
    const odd = makeRun({ id: 'b', metrics: epochs([NaN, 0.2], { seconds: [NaN, 3] }) });
    expect(timeToTarget(odd, { metric: 'loss', target: 0.5 })).toEqual({ epoch: 2, seconds: 3, value: 0.2 });
  });

  it('reads epochs in order even when stored out of order', () => {
    const shuffled = makeRun({
      id: 'c',
      metrics: [
        { epoch: 2, loss: 0.1, lr: 0.1, seconds: 5 },
        { epoch: 1, loss: 0.2, lr: 0.1, seconds: 4 },
      ],
    });
    expect(timeToTarget(shuffled, { metric: 'loss', target: 0.25 })).toEqual({ epoch: 1, seconds: 4, value: 0.2 });
  });

  it('lists runs side by side', () => {
    const fast = makeRun({ id: 'fast', metrics: epochs([0.3]) });
    expect(timeToTargetForRuns([run, fast, makeRun({ id: 'never', metrics: epochs([0.9]) })], { metric: 'loss', target: 0.35 })).toEqual([
      { runId: 'a', name: 'run a', reached: { epoch: 5, seconds: 6.5, value: 0.3 } },
      { runId: 'fast', name: 'run fast', reached: { epoch: 1, seconds: 1, value: 0.3 } },
      { runId: 'never', name: 'run never', reached: null },
    ]);
  });
});
