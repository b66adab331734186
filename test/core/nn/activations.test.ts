import { describe, expect, it } from 'vitest';
import type { ModelSpec, ModelState } from '../../../src-core/contract/model-spec';
import { createPredictor, createTrainingSession, type TrainingData } from '../../../src-core/nn/index';
import { moonsTrainingData } from '../../support/moons-data';

const data: TrainingData = moonsTrainingData(64, 7, 0.2);

const spec: ModelSpec = {
  input: [2],
  layers: [{ type: 'dense', units: 5 }, { type: 'relu' }, { type: 'dropout', rate: 0.5 }, { type: 'dense', units: 3 }, { type: 'softmax' }],
};

/** relu(W x + b) of the first dense layer, by hand in float64. */
function hidden(state: ModelState, x: Float32Array, rows: number): number[] {
  const w = state['0.weight']!.data;
  const b = state['0.bias']!.data;
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let u = 0; u < 5; u++) out.push(Math.max(0, b[u]! + w[u * 2]! * x[r * 2]! + w[u * 2 + 1]! * x[r * 2 + 1]!));
  }
  return out;
}

describe('activations', () => {
  it("gives each requested layer's eval-mode outputs from one pass, in chunks, as predict does for the last", () => {
    const session = createTrainingSession({ spec, train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.05 }, batchSize: 16, epochs: 2 }, data, seed: 2 });
    while (!session.finished) session.runEpoch();
    const { x, rows } = data.validation!;
    const state = session.state();
    const small = createPredictor(spec, state, { chunkRows: 3 }); // 7 rows: chunks of 3, 3, 1
    const [relu, dropout, output] = small.activations(x, rows, [1, 2, 4]);
    expect(relu).toHaveLength(rows * 5);
    Array.from(relu!).forEach((v, i) => expect(v).toBeCloseTo(hidden(state, x, rows)[i]!, 5));
    expect(dropout).toEqual(relu); // dropout is the identity in eval mode
    expect(output).toEqual(small.predict(x, rows));
    expect(session.activations!(x, rows, [1])[0]).toEqual(relu);
    expect(() => small.activations(x, rows, [5])).toThrow('activations: layer 5 is outside 0..4');
  });

  it('leaves a session training on exactly as it would have without the look inside', () => {
    const train = { loss: 'cross_entropy' as const, optimizer: { type: 'sgd' as const, lr: 0.1 }, batchSize: 16, epochs: 3 };
    const a = createTrainingSession({ spec, train, data, seed: 4 });
    const b = createTrainingSession({ spec, train, data, seed: 4 });
    a.runEpoch();
    b.runEpoch();
    a.activations!(data.validation!.x, 7, [0, 3]);
    const strip = ({ seconds: _s, ...rest }: { seconds: number }) => rest;
    expect(strip(a.runEpoch())).toEqual(strip(b.runEpoch()));
    expect(a.state()).toEqual(b.state());
  });
});

describe('update ratio and gradient histogram', () => {
  it("is ‖Δw‖/‖w‖ of each layer's last step: with plain SGD and one batch per epoch, the epoch's change", () => {
    const s: ModelSpec = { input: [2], layers: [{ type: 'dense', units: 4 }, { type: 'tanh' }, { type: 'dense', units: 1 }, { type: 'sigmoid' }] };
    const session = createTrainingSession({ spec: s, train: { loss: 'bce', optimizer: { type: 'sgd', lr: 0.3 }, batchSize: 64, epochs: 2 }, data, seed: 5 });
    session.runEpoch();
    const before = session.state();
    session.runEpoch();
    const after = session.state();
    const ratio = (layer: number): number => {
      let step = 0;
      let weight = 0;
      for (const name of ['weight', 'bias']) {
        const w0 = before[`${layer}.${name}`]!.data;
        const w1 = after[`${layer}.${name}`]!.data;
        w0.forEach((v, i) => {
          step += (w1[i]! - v) ** 2;
          weight += v * v;
        });
      }
      return Math.sqrt(step / weight);
    };
    const layers = session.diagnostics!()!.layers;
    expect(layers[0]!.updateRatio).toBeGreaterThan(0);
    expect(layers[0]!.updateRatio! / ratio(0)).toBeCloseTo(1, 5);
    expect(layers[2]!.updateRatio! / ratio(2)).toBeCloseTo(1, 5);
    expect(layers[1]!.updateRatio).toBeUndefined();
    // The weights' gradients binned like the weights: the 4×2 weight of layer 0, over a range that is not 0.
    const grads = layers[0]!.gradHistogram!;
    expect(grads.counts.reduce((a, c) => a + c, 0)).toBe(8);
    expect(grads.max).toBeGreaterThan(grads.min);
  });
});
