import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { TrainConfig } from '../../../src-core/contract/run-config';
import type { EpochMetrics } from '../../../src-core/contract/training';
import { createTrainingSession, runTrainingJob } from '../../../src-core/nn/index';
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
});
