import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { TrainConfig } from '../../../src-core/contract/run-config';
import { twoMoons } from '../../../src-core/data/generators/two-moons';
import { Random } from '../../../src-core/data/random';
import { createTrainingSession, DivergedError } from '../../../src-core/nn/index';
import type { TrainingData } from '../../../src-core/nn/training-session';
import { moonsTrainingData } from '../../support/moons-data';

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

const moonsData = (): TrainingData => moonsTrainingData(400, 200, 0.1);

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

  it('falls back to the weights of the epoch start when a step overflowed the weights themselves', () => {
    // Step 1 has a finite loss and gradient, but lr·gradient overflows float32: the weights become infinite.
    const initialState = { '0.weight': { shape: [1, 1], data: [1] }, '0.bias': { shape: [1], data: [0] } };
    const session = createTrainingSession({
      spec: { input: [1], layers: [{ type: 'dense', units: 1 }] },
      train: { loss: 'mse', optimizer: { type: 'sgd', lr: 1e36 }, batchSize: 1, epochs: 1, shuffle: false },
      data: { inputShape: [1], task: 'regression', train: { x: Float32Array.from([1000, 1000]), y: Float32Array.from([0, 0]), rows: 2 } },
      seed: 1,
      initialState,
    });
    expect(() => session.runEpoch()).toThrow(/epoch 1, batch 2: the loss became NaN or infinite.*the weights are those of the start of epoch 1/);
    expect(session.state()).toEqual(initialState);
  });

  it('early stopping stops before the planned epochs and restores the best epoch\'s weights', () => {
    // A wide net on 12 noisy points over-fits: validation loss turns up while training loss keeps falling.
    const rng = new Random(5);
    const makeSet = (rows: number) => {
      const x = new Float32Array(rows);
      const y = new Float32Array(rows);
      for (let i = 0; i < rows; i++) {
        x[i] = rng.next() * 2 - 1;
        y[i] = Math.sin(3 * x[i]!) + rng.normal() * 0.5;
      }
      return { x, y, rows };
    };
    const session = createTrainingSession({
      spec: { input: [1], layers: [{ type: 'dense', units: 64 }, { type: 'tanh' }, { type: 'dense', units: 64 }, { type: 'tanh' }, { type: 'dense', units: 1 }] },
      train: {
        loss: 'mse', optimizer: { type: 'adam', lr: 0.02 }, batchSize: 12, epochs: 2000,
        earlyStopping: { monitor: 'val_loss', patience: 20, restoreBest: true },
      },
      data: { inputShape: [1], task: 'regression', train: makeSet(12), validation: makeSet(200) },
      seed: 2,
    });
    const history = [];
    const states = [];
    while (!session.finished) {
      history.push(session.runEpoch());
      states.push(session.state());
    }
    expect(history.length).toBeLessThan(2000);
    const best = history.reduce((b, m) => (m.valLoss! < b.valLoss! ? m : b));
    expect(history.length).toBe(best.epoch + 20);
    expect(session.state()).toEqual(states[best.epoch - 1]);
    // The epoch before the last ran on past the best: its weights are not what the session ends with.
    expect(session.state()).not.toEqual(states[states.length - 2]);
  });

  it('follows the learning-rate schedule epoch by epoch', () => {
    const session = createTrainingSession({
      spec: moonsSpec,
      train: { ...moonsTrain, epochs: 5, schedule: { type: 'step', stepSize: 2, gamma: 0.5 } },
      data: moonsData(),
      seed: 1,
    });
    const lrs = [];
    while (!session.finished) lrs.push(session.runEpoch().lr);
    expect(lrs).toEqual([0.5, 0.5, 0.25, 0.25, 0.125]);
  });

  it('reports diagnostics: norms, weight histograms, dead relu and saturated tanh fractions', () => {
    const session = createTrainingSession({
      spec: { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'relu' }, { type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 1 }, { type: 'sigmoid' }] },
      train: { ...moonsTrain, epochs: 2 },
      data: moonsData(),
      seed: 1,
    });
    expect(session.diagnostics!()).toBeUndefined();
    session.runEpoch();
    const d = session.diagnostics!()!;
    expect(d.epoch).toBe(1);
    expect(d.layers.map((l) => l.type)).toEqual(['dense', 'relu', 'dense', 'tanh', 'dense', 'sigmoid']);
    const dense0 = d.layers[0]!;
    const w = session.state()['0.weight']!.data;
    const b = session.state()['0.bias']!.data;
    expect(dense0.weightNorm).toBeCloseTo(Math.hypot(...w, ...b), 5);
    expect(dense0.gradNorm).toBeGreaterThan(0);
    expect(dense0.weightHistogram!.counts.reduce((a, c) => a + c, 0)).toBe(16);
    expect(dense0.weightHistogram!.min).toBeCloseTo(Math.min(...w), 6);
    expect(d.layers[1]!.deadFraction).toBeGreaterThanOrEqual(0);
    expect(d.layers[1]!.deadFraction).toBeLessThanOrEqual(1);
    expect(d.layers[3]!.saturatedFraction).toBeGreaterThanOrEqual(0);
    expect(d.layers[1]!.weightNorm).toBeUndefined();
  });

  it('counts a relu unit that never fires as dead', () => {
    const session = createTrainingSession({
      spec: { input: [2], layers: [{ type: 'dense', units: 2 }, { type: 'relu' }, { type: 'dense', units: 1 }] },
      train: { loss: 'mse', optimizer: { type: 'sgd', lr: 1e-9 }, batchSize: 400, epochs: 1 },
      data: { inputShape: [2], task: 'regression', train: twoMoons({ samples: 400, noise: 0.1, seed: 1 }) },
      seed: 1,
      // Unit 0 gets a bias of −100 (never fires), unit 1 a bias of +100 (always fires).
      initialState: {
        '0.weight': { shape: [2, 2], data: [1, 1, 1, 1] },
        '0.bias': { shape: [2], data: [-100, 100] },
        '2.weight': { shape: [1, 2], data: [1, 1] },
        '2.bias': { shape: [1], data: [0] },
      },
    });
    session.runEpoch();
    expect(session.diagnostics!()!.layers[1]!.deadFraction).toBe(0.5);
  });

  it('is bit-identical for the same seed with conv, batchnorm and dropout in the network', () => {
    const rng = new Random(11);
    const rows = 40;
    const x = Float32Array.from({ length: rows * 36 }, () => rng.next());
    const y = Float32Array.from({ length: rows }, () => rng.int(3));
    const run = (seed: number) => {
      const session = createTrainingSession({
        spec: {
          input: [1, 6, 6],
          layers: [
            { type: 'conv2d', filters: 4, kernel: 3, padding: 1 }, { type: 'batchnorm' }, { type: 'relu' }, { type: 'maxpool2d', size: 2 },
            { type: 'flatten' }, { type: 'dropout', rate: 0.3 }, { type: 'dense', units: 3 }, { type: 'softmax' },
          ],
        },
        train: { loss: 'cross_entropy', optimizer: { type: 'adamw' }, batchSize: 8, epochs: 3 },
        data: { inputShape: [1, 6, 6], task: 'classification', classCount: 3, train: { x, y, rows } },
        seed,
      });
      const losses = [];
      while (!session.finished) losses.push(session.runEpoch().loss);
      return { losses, state: session.state() };
    };
    const a = run(9);
    const b = run(9);
    expect(a.losses).toEqual(b.losses);
    expect(a.state).toEqual(b.state);
    expect(run(10).losses).not.toEqual(a.losses);
  });

  it('refuses targets the loss cannot read, naming the row', () => {
    const data = moonsData();
    data.train.y[4] = 2;
    expect(() => createTrainingSession({ spec: moonsSpec, train: moonsTrain, data, seed: 1 })).toThrow(
      'train data: row 5 has class 2, but the network tells 2 classes apart (0 to 1)',
    );
    const ce = moonsData();
    ce.train.y[0] = 0.5;
    expect(() =>
      createTrainingSession({
        spec: { input: [2], layers: [{ type: 'dense', units: 2 }, { type: 'softmax' }] },
        train: { ...moonsTrain, loss: 'cross_entropy' },
        data: ce,
        seed: 1,
      }),
    ).toThrow(/row 1 has class 0.5/);
  });

  it('a small CNN learns to tell horizontal bars from vertical ones', () => {
    const bars = (rows: number, seed: number) => {
      const rng = new Random(seed);
      const x = new Float32Array(rows * 64);
      const y = new Float32Array(rows);
      for (let n = 0; n < rows; n++) {
        const vertical = rng.next() < 0.5;
        const at = rng.int(8);
        for (let i = 0; i < 64; i++) x[n * 64 + i] = rng.normal() * 0.3;
        for (let t = 0; t < 8; t++) {
          const i = n * 64 + (vertical ? t * 8 + at : at * 8 + t);
          x[i] = x[i]! + 1;
        }
        y[n] = vertical ? 1 : 0;
      }
      return { x, y, rows };
    };
    const session = createTrainingSession({
      spec: {
        input: [1, 8, 8],
        layers: [
          { type: 'conv2d', filters: 4, kernel: 3, padding: 1 }, { type: 'relu' }, { type: 'maxpool2d', size: 2 },
          { type: 'flatten' }, { type: 'dense', units: 2 }, { type: 'softmax' },
        ],
      },
      train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 16, epochs: 15 },
      data: { inputShape: [1, 8, 8], task: 'classification', classCount: 2, train: bars(300, 1), validation: bars(200, 2) },
      seed: 4,
    });
    let last;
    while (!session.finished) last = session.runEpoch();
    expect(last!.valAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('a network with batchnorm and dropout learns two moons and predicts the same in eval every time', () => {
    const session = createTrainingSession({
      spec: {
        input: [2],
        layers: [
          { type: 'dense', units: 32 }, { type: 'batchnorm' }, { type: 'relu' }, { type: 'dropout', rate: 0.2 },
          { type: 'dense', units: 2 }, { type: 'softmax' },
        ],
      },
      train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32, epochs: 60 },
      data: moonsData(),
      seed: 5,
    });
    let last;
    while (!session.finished) last = session.runEpoch();
    expect(last!.valAccuracy).toBeGreaterThanOrEqual(0.95);
    const x = moonsData().validation!.x;
    expect(Array.from(session.predict(x, 200))).toEqual(Array.from(session.predict(x, 200)));
  });
});
