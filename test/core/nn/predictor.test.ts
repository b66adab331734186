import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { TrainConfig } from '../../../src-core/contract/run-config';
import { createPredictor, createTrainingSession, SpecError, type TrainingData } from '../../../src-core/nn/index';
import { moonsTrainingData } from '../../support/moons-data';

// 300 validation rows: more than one chunk of 256
const data: TrainingData = moonsTrainingData(120, 300, 0.2);

describe('createPredictor', () => {
  it('predicts what the trained session predicts, and scores the validation loss training reported', () => {
    const spec: ModelSpec = {
      input: [2],
      layers: [{ type: 'dense', units: 8 }, { type: 'batchnorm' }, { type: 'relu' }, { type: 'dropout', rate: 0.3 }, { type: 'dense', units: 2 }, { type: 'softmax' }],
    };
    const train: TrainConfig = { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.05 }, batchSize: 16, epochs: 5 };
    const session = createTrainingSession({ spec, train, data, seed: 3 });
    let last;
    while (!session.finished) last = session.runEpoch();
    const predictor = createPredictor(spec, session.state());
    const { x, y, rows } = data.validation!;
    expect(predictor.inputSize).toBe(2);
    expect(predictor.outputWidth).toBe(2);
    const outputs = predictor.predict(x, rows);
    expect(outputs).toHaveLength(rows * 2);
    expect(outputs).toEqual(session.predict(x, rows));
    // Eval mode: dropout off, so predicting twice gives the same numbers.
    expect(predictor.predict(x, rows)).toEqual(outputs);
    expect(predictor.loss(x, y, rows, { loss: 'cross_entropy', task: 'classification' })).toBeCloseTo(last!.valLoss!, 6);
  });

  it("gives a perceptron's 0/1 step outputs exactly as its session does, and no loss", () => {
    const spec: ModelSpec = { kind: 'perceptron', input: [2], layers: [] };
    const session = createTrainingSession({ spec, train: { loss: 'mse', optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 1, epochs: 3 }, data, seed: 1 });
    while (!session.finished) session.runEpoch();
    const predictor = createPredictor(spec, session.state());
    const { x, y, rows } = data.validation!;
    const outputs = predictor.predict(x, rows);
    expect(predictor.outputWidth).toBe(1);
    expect(outputs).toEqual(session.predict(x, rows));
    expect(new Set(outputs)).toEqual(new Set([0, 1]));
    expect(predictor.loss(x, y, rows, { loss: 'mse', task: 'classification' })).toBeUndefined();
  });

  it('refuses weights that do not fit the spec, naming the tensor, and a spec that does not fit together', () => {
    const spec: ModelSpec = { input: [2], layers: [{ type: 'dense', units: 3 }] };
    expect(() => createPredictor(spec, { '0.weight': { shape: [3, 2], data: [0, 0, 0, 0, 0, 0] } })).toThrow('weights: "0.bias" is missing (expected shape [3])');
    expect(() => createPredictor({ kind: 'perceptron', input: [2], layers: [] }, { '0.weight': { shape: [1, 3], data: [0, 0, 0] }, '0.bias': { shape: [1], data: [0] } })).toThrow(
      'weights: "0.weight" must have shape [1, 2]',
    );
    expect(() => createPredictor({ input: [2], layers: [{ type: 'conv2d', filters: 1, kernel: 3 }] }, {})).toThrow(SpecError);
  });
});
