import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { TrainConfig } from '../../../src-core/contract/run-config';
import { twoMoons } from '../../../src-core/data/generators/two-moons';
import { createTrainingSession, DivergedError } from '../../../src-core/nn/index';
import type { TrainingData } from '../../../src-core/nn/training-session';

const moonsSpec: ModelSpec = {
  input: [2],
  layers: [
    { type: 'dense', units: 16 },
    { type: 'tanh' },
    { type: 'dense', units: 16 },
    { type: 'tanh' },
    { type: 'dense', units: 1 },
    { type: 'sigmoid' },
  ],
};

function moonsData(): TrainingData {
  return {
    inputShape: [2],
    task: 'classification',
    classCount: 2,
    train: twoMoons({ samples: 400, noise: 0.1, seed: 1 }),
    validation: twoMoons({ samples: 200, noise: 0.1, seed: 2 }),
  };
}

const moonsTrain: TrainConfig = { loss: 'bce', optimizer: { type: 'sgd', lr: 0.5 }, batchSize: 16, epochs: 150 };

function trainToEnd(train: TrainConfig, seed: number) {
  const session = createTrainingSession({ spec: moonsSpec, train, data: moonsData(), seed });
  const history = [];
  while (!session.finished) history.push(session.runEpoch());
  return { session, history };
}

describe('training session', () => {
  it('learns two moons with a 2-16-16-1 tanh network, bce and sgd', () => {
    const { history } = trainToEnd(moonsTrain, 7);
    const last = history[history.length - 1]!;
    expect(history).toHaveLength(150);
    expect(last.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(last.valAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(last.loss).toBeLessThan(history[0]!.loss);
    expect(last.lr).toBe(0.5);
  });

  it('gives bit-identical weights and metrics for the same seed, different ones for another seed', () => {
    const short = { ...moonsTrain, epochs: 5 };
    const a = trainToEnd(short, 3);
    const b = trainToEnd(short, 3);
    const c = trainToEnd(short, 4);
    const strip = (h: typeof a.history) => h.map(({ seconds: _s, ...rest }) => rest);
    expect(strip(a.history)).toEqual(strip(b.history));
    expect(a.session.state()).toEqual(b.session.state());
    expect(a.session.state()).not.toEqual(c.session.state());
  });

  it('stops with DivergedError naming epoch, batch and layer, keeping the last finite weights', () => {
    const session = createTrainingSession({
      spec: { input: [2], layers: [{ type: 'dense', units: 4 }, { type: 'relu' }, { type: 'dense', units: 1 }] },
      train: { loss: 'mse', optimizer: { type: 'sgd', lr: 1e6 }, batchSize: 8, epochs: 50 },
      data: { inputShape: [2], task: 'regression', train: twoMoons({ samples: 64, noise: 0.1, seed: 1 }) },
      seed: 1,
    });
    let error: unknown;
    try {
      while (!session.finished) session.runEpoch();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DivergedError);
    expect((error as Error).message).toMatch(/epoch \d+, batch \d+/);
    expect((error as Error).message).toMatch(/layer \d+ \((dense|relu)\)/);
    const state = session.state();
    for (const tensor of Object.values(state)) expect(tensor.data.every(Number.isFinite)).toBe(true);
  });
});
