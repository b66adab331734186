import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { TrainConfig } from '../../../src-core/contract/run-config';
import type { EpochMetrics } from '../../../src-core/contract/training';
import { createPredictor, createTrainingSession, runTrainingJob } from '../../../src-core/nn/index';
import { twoMoons } from '../../../src-core/data/generators/two-moons';
import { moonsTrainingData } from '../../support/moons-data';

const spec: ModelSpec = { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 2 }, { type: 'softmax' }] };
const data = moonsTrainingData(200, 100, 0.1);
const train: TrainConfig = { loss: 'cross_entropy', optimizer: { type: 'sgd', lr: 2 }, batchSize: 16, epochs: 60 };

describe('runTrainingJob', () => {
  it('under early stopping ends with the session’s best epoch and weights beside the final ones', () => {
    const config = { ...train, earlyStopping: { patience: 3, restoreBest: false } };
    const session = createTrainingSession({ spec, train: config, data, seed: 4 });
    const epochs: EpochMetrics[] = [];
    const ending = runTrainingJob(session, data, { epoch: (m) => epochs.push(m) });
    expect(ending.status).toBe('completed');
    expect(epochs.length).toBeLessThan(60);
    const bestLoss = Math.min(...epochs.map((m) => m.valLoss!));
    expect(ending.best!.epoch).toBe(epochs.find((m) => m.valLoss === bestLoss)!.epoch);
    expect(ending.best!.epoch).toBe(session.earlyStopping!.bestEpoch);
    expect(ending.best!.state).not.toEqual(ending.state);
    // The best weights are those of that epoch: replaying it without early stopping reaches them.
    const replay = createTrainingSession({ spec, train: { ...train, epochs: ending.best!.epoch }, data, seed: 4 });
    runTrainingJob(replay, data, { epoch: () => undefined });
    expect(replay.state()).toEqual(ending.best!.state);
    expect(ending.confusion!.split).toBe('validation');
    expect(ending.confusion!.matrix.flat().reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('stops before an epoch when told, diagnostics every N epochs and after the last', () => {
    const session = createTrainingSession({ spec, train: { ...train, epochs: 7 }, data, seed: 1 });
    const diagnosed: number[] = [];
    const ending = runTrainingJob(session, data, { epoch: () => undefined, diagnostics: (d) => diagnosed.push(d.epoch), diagnosticsEvery: 3 });
    expect(diagnosed).toEqual([3, 6, 7]);
    expect(ending.resume!.optimizer.epochs).toBe(7);
    let asked = 0;
    const stopped = createTrainingSession({ spec, train, data, seed: 1 });
    const end = runTrainingJob(stopped, data, { beforeEpoch: () => (++asked > 2 ? 'stop' : 'go'), epoch: () => undefined });
    expect(end.status).toBe('stopped');
    expect(stopped.epoch).toBe(2);
  });

  it('ends diverged with the last finite weights and the reason', () => {
    const relu: ModelSpec = { input: [2], layers: [{ type: 'dense', units: 64 }, { type: 'relu' }, { type: 'dense', units: 64 }, { type: 'relu' }, { type: 'dense', units: 2 }] };
    const session = createTrainingSession({ spec: relu, train: { ...train, loss: 'mse', optimizer: { type: 'sgd', lr: 1e6 } }, data, seed: 1 });
    const ending = runTrainingJob(session, data, { epoch: () => undefined });
    expect(ending.status).toBe('diverged');
    expect(ending.error).toMatch(/training diverged at epoch \d+/);
    expect(Object.values(ending.state).every((t) => t.data.every(Number.isFinite))).toBe(true);
    expect(ending.resume).toBeUndefined();
  });

  it('pauses itself on a divergence when asked to: go tries again from the last finite weights, stop ends it diverged', () => {
    const relu: ModelSpec = { input: [2], layers: [{ type: 'dense', units: 64 }, { type: 'relu' }, { type: 'dense', units: 64 }, { type: 'relu' }, { type: 'dense', units: 2 }] };
    const bad = { ...train, loss: 'mse' as const, optimizer: { type: 'sgd' as const, lr: 1e6 } };
    const reasons: string[] = [];
    const ending = runTrainingJob(createTrainingSession({ spec: relu, train: bad, data, seed: 1 }), data, {
      epoch: () => undefined,
      autoPause: (reason) => (reasons.push(reason) < 3 ? 'go' : 'stop'),
    });
    expect(reasons).toHaveLength(3);
    expect(reasons[0]).toMatch(/^Training diverged at epoch \d+, batch \d+: .* NaN or infinite/);
    expect(ending.status).toBe('diverged');
    expect(Object.values(ending.state).every((t) => t.data.every(Number.isFinite))).toBe(true);
  });

  it('with autoPause a healthy run is never paused', () => {
    let asked = 0;
    const ending = runTrainingJob(createTrainingSession({ spec, train: { ...train, optimizer: { type: 'sgd', lr: 0.1 }, epochs: 10 }, data, seed: 1 }), data, {
      epoch: () => undefined,
      autoPause: () => (asked++, 'go'),
    });
    expect(asked).toBe(0);
    expect(ending.status).toBe('completed');
  });

  it('scores the final model on the held-out test rows: loss and accuracy as evaluation computes them, and the confusion matrix', () => {
    const withTest = { ...data, test: twoMoons({ samples: 90, noise: 0.1, seed: 3 }) };
    const session = createTrainingSession({ spec, train: { ...train, epochs: 10 }, data: withTest, seed: 2 });
    const ending = runTrainingJob(session, withTest, { epoch: () => undefined });
    const test = ending.test!;
    expect(test.rows).toBe(90);
    expect(test.loss).toBeGreaterThan(0);
    // The final model's own numbers on those rows, from an independent predictor over the stored weights.
    const predictor = createPredictor(spec, ending.state);
    expect(test.loss).toBeCloseTo(predictor.loss(withTest.test.x, withTest.test.y, 90, { loss: 'cross_entropy', task: 'classification' })!, 5);
    const outputs = predictor.predict(withTest.test.x, 90);
    let correct = 0;
    for (let r = 0; r < 90; r++) correct += Number((outputs[2 * r + 1]! > outputs[2 * r]! ? 1 : 0) === withTest.test.y[r]!);
    expect(test.accuracy).toBeCloseTo(correct / 90, 6);
    expect(test.confusion!.flat().reduce((a, b) => a + b, 0)).toBe(90);
    expect(test.confusion![0]![0]! + test.confusion![1]![1]!).toBe(correct);
    // The validation confusion stays on the validation rows.
    expect(ending.confusion!.matrix.flat().reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('has no test score without test rows, and none for a regression’s confusion', () => {
    const session = createTrainingSession({ spec, train: { ...train, epochs: 2 }, data, seed: 2 });
    expect(runTrainingJob(session, data, { epoch: () => undefined }).test).toBeUndefined();
    const line = (n: number, seed: number) => {
      const x = Float32Array.from({ length: n }, (_, i) => ((i * 7 + seed) % n) / n);
      return { x, y: x.map((v) => 3 * v - 1), rows: n };
    };
    const regression = { inputShape: [1], task: 'regression' as const, train: line(40, 1), test: line(10, 3) };
    const fit = createTrainingSession({ spec: { input: [1], layers: [{ type: 'dense', units: 1 }] }, train: { ...train, loss: 'mse', optimizer: { type: 'sgd', lr: 0.1 }, epochs: 3 }, data: regression, seed: 1 });
    const test = runTrainingJob(fit, regression, { epoch: () => undefined }).test!;
    expect(test.rows).toBe(10);
    expect(test.accuracy).toBeUndefined();
    expect(test.confusion).toBeUndefined();
    expect(Number.isFinite(test.loss)).toBe(true);
  });
});
