import { describe, expect, it } from 'vitest';
import { batchCurve, batchWorkbench, runningMean } from '../../../src-core/learn/index';

/** Mean |loss[i+1] − loss[i]|: how much a curve wobbles from step to step. */
function wobble(loss: Float64Array): number {
  let sum = 0;
  for (let i = 1; i < loss.length; i++) sum += Math.abs(loss[i]! - loss[i - 1]!);
  return sum / (loss.length - 1);
}

describe('batch, mini-batch and SGD (core session; 20 epochs: full ~100 ms, 32 ~50 ms, 1 ~300 ms here)', () => {
  const full = batchCurve('full');
  const mini = batchCurve('mini');
  const sgd = batchCurve('stochastic');

  it('takes one step per epoch with the whole set, ceil(400/32) with 32, 400 with 1', () => {
    expect(full.batchSize).toBe(400);
    expect(full.loss.length).toBe(20);
    expect(mini.loss.length).toBe(20 * 13);
    expect(sgd.loss.length).toBe(20 * 400);
    expect(mini.examples.at(-1)).toBe(20 * 400);
    expect(Array.from(mini.examples.subarray(11, 14))).toEqual([384, 400, 432]);
    expect(sgd.epochSteps.at(-1)).toBe(8000);
    expect(sgd.epochExamples[0]).toBe(400);
  });

  it('per example seen SGD gets further; per step the full batch is the smoothest', () => {
    // after one epoch (400 examples) each
    expect(sgd.epochLoss[0]!).toBeLessThan(mini.epochLoss[0]!);
    expect(mini.epochLoss[0]!).toBeLessThan(full.epochLoss[0]!);
    expect(wobble(sgd.loss)).toBeGreaterThan(wobble(mini.loss));
    expect(wobble(mini.loss)).toBeGreaterThan(wobble(full.loss));
    for (let i = 1; i < full.loss.length; i++) expect(full.loss[i]!).toBeLessThan(full.loss[i - 1]!);
  });

  it('with a clock, times every step: seconds rise with the steps; without one there are none', () => {
    let now = 0;
    const timed = batchCurve('full', 3, () => (now += 250));
    // the first reading is the start; each step reads once more, 250 ms later
    expect(Array.from(timed.seconds)).toEqual([0.25, 0.5, 0.75]);
    expect(full.seconds.length).toBe(0);
  });

  it('smooths a curve by its trailing mean, and refuses a window that is not a whole number', () => {
    expect(Array.from(runningMean([2, 4, 6, 8], 2))).toEqual([2, 3, 5, 7]);
    expect(wobble(runningMean(sgd.loss, 100))).toBeLessThan(wobble(sgd.loss) / 10);
    expect(() => runningMean([1], 0.5)).toThrow('running mean: the window must be a whole number of at least 1, not 0.5');
  });

  it('opens each in the workbench with its batch size', () => {
    expect(batchWorkbench('stochastic').train.batchSize).toBe(1);
    expect(batchWorkbench('full').datasetId).toBe('two-moons');
  });
});
