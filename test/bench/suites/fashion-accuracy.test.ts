import { describe, expect, it } from 'vitest';
import { modelSpecSchema } from '../../../src-core/contract/model-spec';
import { trainConfigSchema } from '../../../src-core/contract/run-config';
import { createTrainingSession } from '../../../src-core/nn/index';
import { createSchedule } from '../../../src-core/nn/schedules';
import { lastEpochVerdict, plans, trainConfigFor, type EpochRow } from '../../../bench/suites/fashion-accuracy';

function row(epoch: number, testAccuracy: number): EpochRow {
  return { epoch, loss: 0.3, trainAccuracy: 0.9, testAccuracy, seconds: epoch * 10 };
}

describe('fashion-accuracy suite', () => {
  it('judges the last epoch, not the best one by test accuracy', () => {
    const rows = [row(1, 0.85), row(2, 0.905), row(3, 0.895)];
    const verdict = lastEpochVerdict(rows, 0.9);
    expect(verdict.last.epoch).toBe(3);
    expect(verdict.met).toBe(false);
    expect(lastEpochVerdict([...rows, row(4, 0.9)], 0.9).met).toBe(true);
  });

  it('says clearly when a model has no epoch to judge', () => {
    expect(() => lastEpochVerdict([], 0.9)).toThrow('without a single epoch');
  });

  it('uses model specs and a training config the run-config contract accepts', () => {
    for (const plan of plans) expect(modelSpecSchema.safeParse(plan.spec).success, plan.name).toBe(true);
    expect(trainConfigSchema.safeParse(trainConfigFor(10)).success).toBe(true);
  });

  it('decays the learning rate from 1e-3 to under 3 % of it for the tenth epoch and to 0 after it', () => {
    const config = trainConfigFor(10);
    const schedule = createSchedule(config.schedule, 1e-3, config.epochs);
    const rates: number[] = [];
    for (let epoch = 1; epoch <= 10; epoch++) {
      rates.push(schedule.lr);
      schedule.endEpoch(epoch, { loss: 1 });
    }
    expect(rates[0]).toBe(1e-3);
    expect(rates[9]).toBeLessThan(0.03e-3);
    expect(rates.every((lr, i) => i === 0 || lr < rates[i - 1]!)).toBe(true);
    expect(schedule.lr).toBeCloseTo(0, 12);
  });

  it('builds and trains each model on 28x28 images into 10 class scores per image', () => {
    const rows = 32;
    const x = new Float32Array(rows * 784).map((_, i) => ((i * 37) % 256) / 255); // (N, 784), read as (N, 1, 28, 28) by the CNN
    const y = Float32Array.from({ length: rows }, (_, i) => i % 10);
    for (const plan of plans) {
      const session = createTrainingSession({
        spec: plan.spec,
        train: { ...trainConfigFor(1), batchSize: 16 },
        seed: 1,
        data: { inputShape: plan.spec.input, task: 'classification', classCount: 10, train: { x, y, rows } },
      });
      const metrics = session.runEpoch();
      expect(Number.isFinite(metrics.loss), plan.name).toBe(true);
      expect(session.predict(x, rows).length, plan.name).toBe(rows * 10);
    }
  });
});
