import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { TrainConfig } from '../../../src-core/contract/run-config';
import type { EpochMetrics } from '../../../src-core/contract/training';
import { createTrainingSession, type OptimizerState, type RngState, type TrainingData, type TrainingSession } from '../../../src-core/nn/index';
import type { ModelState } from '../../../src-core/contract/model-spec';
import { moonsTrainingData } from '../../support/moons-data';

/** Continuing a run from its weights, optimizer state and generator state equals running it in one go. */

const dropoutSpec: ModelSpec = {
  input: [2],
  layers: [
    { type: 'dense', units: 12 },
    { type: 'batchnorm' },
    { type: 'relu' },
    { type: 'dropout', rate: 0.2 },
    { type: 'dense', units: 2 },
    { type: 'softmax' },
  ],
};

const plainSpec: ModelSpec = { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 2 }, { type: 'softmax' }] };

const moons = (): TrainingData => moonsTrainingData(90, 40, 0.2);

interface Resume {
  state: ModelState;
  optimizer?: OptimizerState;
  rng?: RngState;
}

function session(spec: ModelSpec, train: TrainConfig, resume?: Resume): TrainingSession {
  return createTrainingSession({
    spec,
    train,
    data: moons(),
    seed: 5,
    ...(resume ? { initialState: resume.state } : {}),
    ...(resume?.optimizer ? { initialOptimizerState: resume.optimizer } : {}),
    ...(resume?.rng ? { initialRngState: resume.rng } : {}),
  });
}

const withoutTime = (history: EpochMetrics[]) => history.map(({ seconds: _s, ...rest }) => rest);

function runAll(s: TrainingSession): EpochMetrics[] {
  const history: EpochMetrics[] = [];
  while (!s.finished) history.push(s.runEpoch());
  return history;
}

/** 10 epochs in one go, and 6 then 4 more continued from what `carry` keeps of the first part. */
function oneGoAndSplit(spec: ModelSpec, train: TrainConfig, carry: { optimizer: boolean; rng: boolean }) {
  const whole = session(spec, { ...train, epochs: 10 });
  const wholeHistory = runAll(whole);
  const first = session(spec, { ...train, epochs: 6 });
  const firstHistory = runAll(first);
  const resume: Resume = {
    state: first.state(),
    ...(carry.optimizer ? { optimizer: first.optimizerState() } : {}),
    ...(carry.rng ? { rng: first.rngState() } : {}),
  };
  const second = session(spec, { ...train, epochs: 10 }, resume);
  const secondHistory = runAll(second);
  return { whole, wholeHistory, second, history: [...firstHistory, ...secondHistory] };
}

describe('continuing a run', () => {
  const adam: TrainConfig = {
    loss: 'cross_entropy',
    optimizer: { type: 'adam', lr: 0.2 },
    batchSize: 16,
    epochs: 10,
    schedule: { type: 'reduce_on_plateau', patience: 0, factor: 0.5 },
  };

  it('train 10 = train 6 then continue 4, bit-identical, with shuffling, dropout, batchnorm, adam and a plateau schedule', () => {
    const { whole, wholeHistory, second, history } = oneGoAndSplit(dropoutSpec, adam, { optimizer: true, rng: true });
    expect(history.map((m) => m.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(withoutTime(history)).toEqual(withoutTime(wholeHistory));
    expect(second.state()).toEqual(whole.state());
    expect(second.optimizerState()).toEqual(whole.optimizerState());
    expect(second.rngState()).toEqual(whole.rngState());
    // The plateau schedule did lower the rate, so its restored state mattered.
    expect(wholeHistory[9]!.lr).toBeLessThan(0.2);
  });

  it('differs when only the weights carry over (fresh adam moments) or the generator restarts', () => {
    const weightsOnly = oneGoAndSplit(dropoutSpec, adam, { optimizer: false, rng: true });
    expect(weightsOnly.second.state()).not.toEqual(weightsOnly.whole.state());
    const freshGenerator = oneGoAndSplit(dropoutSpec, adam, { optimizer: true, rng: false });
    expect(freshGenerator.second.state()).not.toEqual(freshGenerator.whole.state());
  });

  it('is bit-identical from the optimizer state alone when shuffling is off and nothing else draws (sgd momentum, rmsprop, adagrad, adamw)', () => {
    const optimizers: TrainConfig['optimizer'][] = [
      { type: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true },
      { type: 'rmsprop', lr: 0.01, momentum: 0.5 },
      { type: 'adagrad', lr: 0.1 },
      { type: 'adamw', lr: 0.01 },
    ];
    for (const optimizer of optimizers) {
      const train: TrainConfig = { loss: 'cross_entropy', optimizer, batchSize: 16, epochs: 10, shuffle: false, schedule: { type: 'step', stepSize: 3, gamma: 0.5 } };
      const { whole, wholeHistory, second, history } = oneGoAndSplit(plainSpec, train, { optimizer: true, rng: false });
      expect(withoutTime(history), optimizer.type).toEqual(withoutTime(wholeHistory));
      expect(second.state(), optimizer.type).toEqual(whole.state());
    }
  });

  it('gives the optimizer state as typed arrays keyed by parameter and PyTorch buffer name', () => {
    const s = session(plainSpec, adam);
    s.runEpoch();
    const saved = s.optimizerState();
    expect(saved).toMatchObject({ type: 'adam', steps: 6, epochs: 1 }); // 90 rows in batches of 16
    expect(Object.keys(saved.tensors)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(Object.keys(saved.tensors['0.weight']!)).toEqual(['exp_avg', 'exp_avg_sq']);
    expect(saved.tensors['0.weight']!.exp_avg).toBeInstanceOf(Float32Array);
    expect(saved.tensors['0.weight']!.exp_avg).toHaveLength(16);
    expect(saved.tensors['0.weight']!.exp_avg_sq!.some((v) => v > 0)).toBe(true);
    // A copy: training on does not change what was handed out.
    const before = Float32Array.from(saved.tensors['0.weight']!.exp_avg!);
    s.runEpoch();
    expect(saved.tensors['0.weight']!.exp_avg).toEqual(before);
  });

  it('refuses an optimizer state of another optimizer, a missing buffer, or no epochs left', () => {
    const s = session(plainSpec, { ...adam, epochs: 6 });
    runAll(s);
    const state = s.state();
    const optimizer = s.optimizerState();
    const start = (train: TrainConfig, saved: OptimizerState) => () =>
      createTrainingSession({ spec: plainSpec, train, data: moons(), seed: 5, initialState: state, initialOptimizerState: saved });
    expect(start({ ...adam, optimizer: { type: 'sgd' } }, optimizer)).toThrow('optimizer state: it belongs to adam, but this run uses sgd');
    const missing = { ...optimizer, tensors: { ...optimizer.tensors, '2.bias': { exp_avg: optimizer.tensors['2.bias']!.exp_avg! } } };
    expect(start({ ...adam, epochs: 10 }, missing)).toThrow('optimizer state: "2.bias" has no exp_avg_sq');
    expect(start({ ...adam, epochs: 6 }, optimizer)).toThrow(/6 epochs are done already; train.epochs \(6\) counts all epochs/);
    const rng = { generator: 1, order: new Int32Array(89) };
    expect(() => createTrainingSession({ spec: plainSpec, train: adam, data: moons(), seed: 5, initialRngState: rng })).toThrow('rng state: the row order has 89 rows, the training data 90');
  });

  it('continues a shuffled perceptron bit-identically too', () => {
    const spec: ModelSpec = { kind: 'perceptron', input: [2], layers: [] };
    const train: TrainConfig = { loss: 'mse', optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 1, epochs: 10 };
    const { whole, wholeHistory, second, history } = oneGoAndSplit(spec, train, { optimizer: true, rng: true });
    expect(withoutTime(history)).toEqual(withoutTime(wholeHistory));
    expect(second.state()).toEqual(whole.state());
    const restarted = oneGoAndSplit(spec, train, { optimizer: true, rng: false });
    expect(restarted.second.state()).not.toEqual(restarted.whole.state());
  });
});
