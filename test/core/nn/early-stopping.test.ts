import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../../../src-core/contract/training';
import { EarlyStopping } from '../../../src-core/nn/early-stopping';

const epoch = (n: number, m: Partial<EpochMetrics>): EpochMetrics => ({ epoch: n, loss: 1, lr: 0.1, seconds: 0, ...m });

/** Feeds the metrics in order; returns the epoch at which `stop` came (0 if never) and the improvements. */
function run(stopper: EarlyStopping, series: Array<Partial<EpochMetrics>>): { stoppedAt: number; improved: boolean[] } {
  const improved: boolean[] = [];
  for (let i = 0; i < series.length; i++) {
    const r = stopper.update(epoch(i + 1, series[i]!));
    improved.push(r.improved);
    if (r.stop) return { stoppedAt: i + 1, improved };
  }
  return { stoppedAt: 0, improved };
}

describe('EarlyStopping', () => {
  it('watches val_loss by default when present and stops after `patience` epochs without improvement', () => {
    const stopper = new EarlyStopping({ patience: 2 });
    const result = run(stopper, [
      { loss: 1, valLoss: 0.9 },
      { loss: 0.8, valLoss: 0.7 },
      { loss: 0.6, valLoss: 0.75 },
      { loss: 0.5, valLoss: 0.8 },
      { loss: 0.4, valLoss: 0.6 },
    ]);
    expect(result).toEqual({ stoppedAt: 4, improved: [true, true, false, false] });
    expect(stopper.bestEpoch).toBe(2);
    expect(stopper.bestValue).toBe(0.7);
    expect(stopper.watching).toBe('val_loss');
  });

  it('watches loss when there is no validation', () => {
    const stopper = new EarlyStopping({ patience: 1 });
    expect(run(stopper, [{ loss: 1 }, { loss: 0.5 }, { loss: 0.6 }]).stoppedAt).toBe(3);
    expect(stopper.bestEpoch).toBe(2);
  });

  it('defaults patience to 5', () => {
    const series = [{ loss: 1 }, ...new Array(10).fill({ loss: 2 })];
    expect(run(new EarlyStopping({}), series).stoppedAt).toBe(6);
  });

  it('maximises accuracy monitors', () => {
    const stopper = new EarlyStopping({ monitor: 'val_accuracy', patience: 1 });
    const result = run(stopper, [
      { valLoss: 1, valAccuracy: 0.5 },
      { valLoss: 1, valAccuracy: 0.7 },
      { valLoss: 0.1, valAccuracy: 0.6 },
    ]);
    expect(result.stoppedAt).toBe(3);
    expect(stopper.bestValue).toBe(0.7);
    expect(stopper.bestEpoch).toBe(2);
  });

  it('counts an improvement only beyond minDelta', () => {
    const stopper = new EarlyStopping({ monitor: 'loss', patience: 2, minDelta: 0.1 });
    const result = run(stopper, [{ loss: 1 }, { loss: 0.95 }, { loss: 0.92 }, { loss: 0.8 }]);
    expect(result).toEqual({ stoppedAt: 3, improved: [true, false, false] });
    expect(stopper.bestValue).toBe(1);
  });

  it('patience 0 stops at the first epoch without improvement; a NaN loss is never an improvement', () => {
    expect(run(new EarlyStopping({ patience: 0 }), [{ loss: 1 }, { loss: 1 }]).stoppedAt).toBe(2);
    expect(run(new EarlyStopping({ patience: 0 }), [{ loss: 1 }, { loss: NaN }]).stoppedAt).toBe(2);
  });

  it('falls back to the training metric when a validation monitor has no validation split', () => {
    const stopper = new EarlyStopping({ monitor: 'val_accuracy', patience: 1 });
    expect(run(stopper, [{ accuracy: 0.5 }, { accuracy: 0.6 }, { accuracy: 0.55 }]).stoppedAt).toBe(3);
    expect(stopper.bestValue).toBe(0.6);
    expect(stopper.watching).toBe('accuracy');
  });
});
