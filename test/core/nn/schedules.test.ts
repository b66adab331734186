import { describe, expect, it } from 'vitest';
import type { ScheduleConfig } from '../../../src-core/contract/run-config';
import { createSchedule, forkScheduleState } from '../../../src-core/nn/schedules';

/** The rate used by each of `epochs` epochs, feeding `losses[i]` (and valLoss if given) after epoch i+1. */
function ratesUsed(config: ScheduleConfig | undefined, base: number, epochs: number, losses: number[] = [], valLosses?: number[]): number[] {
  const schedule = createSchedule(config, base, epochs);
  const rates: number[] = [];
  for (let e = 1; e <= epochs; e++) {
    rates.push(schedule.lr);
    const observed = { loss: losses[e - 1] ?? 1, ...(valLosses ? { valLoss: valLosses[e - 1]! } : {}) };
    schedule.endEpoch(e, observed);
  }
  return rates;
}

function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 10));
}

describe('createSchedule', () => {
  it('without a config keeps the base rate', () => {
    expectClose(ratesUsed(undefined, 0.01, 3), [0.01, 0.01, 0.01]);
  });

  it('step matches StepLR(step_size=2, gamma=0.5)', () => {
    expectClose(ratesUsed({ type: 'step', stepSize: 2, gamma: 0.5 }, 0.1, 6), [0.1, 0.1, 0.05, 0.05, 0.025, 0.025]);
  });

  it('step defaults gamma to 0.1', () => {
    expectClose(ratesUsed({ type: 'step', stepSize: 1 }, 1, 3), [1, 0.1, 0.01]);
  });

  it('exponential matches ExponentialLR(gamma=0.9)', () => {
    expectClose(ratesUsed({ type: 'exponential', gamma: 0.9 }, 0.1, 4), [0.1, 0.09, 0.081, 0.0729]);
  });

  it('cosine matches CosineAnnealingLR(T_max=4, eta_min=0.01) and holds minLr afterwards', () => {
    const c = (e: number): number => 0.01 + (0.09 * (1 + Math.cos((Math.PI * e) / 4))) / 2;
    expectClose(ratesUsed({ type: 'cosine', tMax: 4, minLr: 0.01 }, 0.1, 6), [0.1, c(1), c(2), c(3), 0.01, 0.01]);
    expect(c(2)).toBeCloseTo(0.055, 12);
  });

  it('cosine defaults tMax to the run length and minLr to 0', () => {
    const rates = ratesUsed({ type: 'cosine' }, 0.2, 5);
    expect(rates[0]).toBe(0.2);
    const schedule = createSchedule({ type: 'cosine' }, 0.2, 5);
    for (let e = 1; e <= 5; e++) schedule.endEpoch(e, { loss: 1 });
    expect(schedule.lr).toBeCloseTo(0, 12);
  });

  it('warmup ramps linearly from base/N to base over N epochs', () => {
    expectClose(ratesUsed({ type: 'warmup', epochs: 4 }, 0.1, 6), [0.025, 0.05, 0.075, 0.1, 0.1, 0.1]);
  });

  it('reduce_on_plateau waits more than `patience` bad epochs, like ReduceLROnPlateau', () => {
    // losses: best 1.0 at epoch 1; epochs 2-4 do not beat it by the relative threshold 1e-4.
    const rates = ratesUsed({ type: 'reduce_on_plateau', patience: 2, factor: 0.5 }, 0.1, 7, [1, 0.99995, 1.2, 1, 0.5, 0.6, 0.6]);
    expectClose(rates, [0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05]);
  });

  it('reduce_on_plateau uses PyTorch defaults (factor 0.1, patience 10) and stops at minLr', () => {
    const flat = new Array(40).fill(1);
    const rates = ratesUsed({ type: 'reduce_on_plateau', minLr: 0.002 }, 0.1, 40, flat);
    // bad epochs start at epoch 2; the 11th bad epoch (epoch 12) reduces the rate used from epoch 13.
    expect(rates[11]).toBeCloseTo(0.1, 12);
    expect(rates[12]).toBeCloseTo(0.01, 12);
    // the count restarts after a reduction: epochs 13-23 are 11 more bad epochs.
    expect(rates[22]).toBeCloseTo(0.01, 12);
    expect(rates[23]).toBeCloseTo(0.002, 12);
    expect(rates[39]).toBeCloseTo(0.002, 12);
  });

  it('reduce_on_plateau watches val_loss when present, unless told to watch loss', () => {
    const losses = [1, 0.9, 0.8, 0.7, 0.6];
    const val = [1, 1, 1, 1, 1];
    expect(ratesUsed({ type: 'reduce_on_plateau', patience: 1, factor: 0.5 }, 1, 5, losses, val)).toEqual([1, 1, 1, 0.5, 0.5]);
    expect(ratesUsed({ type: 'reduce_on_plateau', patience: 1, factor: 0.5, monitor: 'loss' }, 1, 5, losses, val)).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('forkScheduleState', () => {
  const constant = { baseLr: 0.02, totalEpochs: 4 };
  it('gives a closed-form schedule the fork’s own rate after the fork epoch, and leaves an unchanged one as it was', () => {
    expect(forkScheduleState({ lr: 0.02, best: null, badEpochs: 0 }, constant, { ...constant, baseLr: 0.1 }, 2)).toEqual({ lr: 0.1, best: null, badEpochs: 0 });
    const step = { schedule: { type: 'step' as const, stepSize: 2, gamma: 0.5 }, baseLr: 0.1, totalEpochs: 6 };
    expect(forkScheduleState({ lr: 0.05, best: null, badEpochs: 0 }, step, step, 3)).toEqual({ lr: 0.05, best: null, badEpochs: 0 });
    expect(forkScheduleState({ lr: 0.05, best: null, badEpochs: 0 }, step, { ...step, baseLr: 1 }, 3).lr).toBe(0.5);
  });
  it('keeps a plateau schedule’s progress, its reductions scaled to the new base rate; a new plateau starts afresh', () => {
    const plateau = { schedule: { type: 'reduce_on_plateau' as const, factor: 0.5 }, baseLr: 0.1, totalEpochs: 6 };
    expect(forkScheduleState({ lr: 0.05, best: 0.3, badEpochs: 2 }, plateau, { ...plateau, baseLr: 0.2 }, 3)).toEqual({ lr: 0.1, best: 0.3, badEpochs: 2 });
    expect(forkScheduleState({ lr: 0.02, best: null, badEpochs: 0 }, constant, plateau, 3)).toEqual({ lr: 0.1, best: null, badEpochs: 0 });
  });
});
