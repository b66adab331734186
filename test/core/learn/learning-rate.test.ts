import { describe, expect, it } from 'vitest';
import { learningRateCurves, learningRateWorkbench } from '../../../src-core/learn/index';

describe('learning rate (core session on the sine regression; the three presets ~40 ms)', () => {
  it('too small creeps, about right gets low, too large diverges and is reported, not thrown', () => {
    const [small, right, large] = learningRateCurves();
    expect(small!.divergedAt).toBeNull();
    expect(right!.divergedAt).toBeNull();
    expect(small!.loss.length).toBe(40);
    expect(right!.loss.at(-1)!).toBeLessThan(0.3 * small!.loss.at(-1)!);
    expect(small!.loss.at(-1)!).toBeLessThan(small!.loss[0]!);
    expect(large!.divergedAt).not.toBeNull();
    expect(large!.loss.length).toBe(large!.divergedAt! - 1);
    // the steps before the divergence are finite and show the loss blowing up
    expect(large!.stepLoss.every(Number.isFinite)).toBe(true);
    expect(Math.max(...large!.stepLoss)).toBeGreaterThan(100 * large!.stepLoss[0]!);
    expect(small!.stepLoss.length).toBe(small!.stepsPerEpoch * 40);
    expect(large!.stepLoss.length).toBeLessThan(large!.stepsPerEpoch * large!.divergedAt!);
    expect(learningRateWorkbench(0.05).train.optimizer).toEqual({ type: 'sgd', lr: 0.05 });
  });
});
