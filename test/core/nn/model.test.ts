import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import { Random } from '../../../src-core/data/random';
import { mseLoss } from '../../../src-core/nn/losses';
import { SequentialModel } from '../../../src-core/nn/model';
import { analyzeSpec } from '../../../src-core/nn/spec-analysis';

/** Every layer kind in one network, so one test holds all their backward passes to the same contract. */
const everyLayer: ModelSpec = {
  input: [2, 6, 6],
  layers: [
    { type: 'conv2d', filters: 3, kernel: 3, padding: 1 },
    { type: 'batchnorm' },
    { type: 'leaky_relu' },
    { type: 'maxpool2d', size: 2 },
    { type: 'conv2d', filters: 2, kernel: 2 },
    { type: 'elu' },
    { type: 'avgpool2d', size: 2 },
    { type: 'flatten' },
    { type: 'dropout', rate: 0.2 },
    { type: 'dense', units: 6 },
    { type: 'gelu' },
    { type: 'swish' },
    { type: 'relu' },
    { type: 'dense', units: 5 },
    { type: 'tanh' },
    { type: 'sigmoid' },
    { type: 'linear' },
    { type: 'dense', units: 3 },
    { type: 'softmax' },
  ],
};

describe('sequential model', () => {
  it('backward ACCUMULATES into every gradient buffer; only zeroGrad clears them', () => {
    const rows = 4;
    const rng = new Random(3);
    const model = new SequentialModel(analyzeSpec(everyLayer), { maxBatch: rows, rng, dtype: Float64Array, inputGrad: true });
    model.initializeParams(rng);
    for (let i = 0; i < rows * model.inputSize; i++) model.input[i] = rng.normal();
    const target = Float64Array.from({ length: rows * 3 }, () => rng.next());
    model.train();
    model.zeroGrad(rows);
    model.forward(rows);
    const seed = () => mseLoss(model.dacts[model.layerCount]!, model.output, target, rows, 3);

    seed();
    model.backward(rows);
    const once = Float64Array.from(model.grads);
    const onceInput = Float64Array.from(model.dacts[0]!);
    expect(once.some((g) => g !== 0)).toBe(true);

    // Clear the activation gradients of layers 1…L (not the parameter gradients, not the input's) and run
    // the same backward pass again over the same forward caches: whatever was kept must double.
    for (let i = 1; i < model.dacts.length; i++) model.dacts[i]!.fill(0);
    seed();
    model.backward(rows);
    for (let i = 0; i < once.length; i++) expect(model.grads[i]).toBeCloseTo(2 * once[i]!, 12);
    for (let i = 0; i < onceInput.length; i++) expect(model.dacts[0]![i]).toBeCloseTo(2 * onceInput[i]!, 12);

    model.zeroGrad(rows);
    expect(model.grads.every((g) => g === 0)).toBe(true);
    for (const d of model.dacts) expect(d.subarray(0, rows * (d.length / rows)).every((g) => g === 0)).toBe(true);
  });

  it('each layer on its own adds its input gradient and parameter gradients to what the buffers hold', () => {
    const rows = 4;
    const rng = new Random(8);
    const model = new SequentialModel(analyzeSpec(everyLayer), { maxBatch: rows, rng, dtype: Float64Array, inputGrad: true });
    model.initializeParams(rng);
    for (let i = 0; i < rows * model.inputSize; i++) model.input[i] = rng.normal();
    model.train();
    model.forward(rows);
    for (let index = model.layerCount - 1; index >= 0; index--) {
      const dout = model.dacts[index + 1]!;
      const dinp = model.dacts[index]!;
      for (let i = 0; i < dout.length; i++) dout[i] = rng.normal();
      // Alone, from zero.
      dinp.fill(0);
      model.grads.fill(0);
      model.backwardLayer(index, rows);
      const alone = Float64Array.from(dinp);
      const aloneGrads = Float64Array.from(model.grads);
      // Again, on top of what is there: a layer that assigns instead of adding fails here.
      const held = Float64Array.from({ length: dinp.length }, () => rng.normal());
      dinp.set(held);
      model.backwardLayer(index, rows);
      const type = model.analysis.layers[index]!.type;
      for (let i = 0; i < dinp.length; i++) expect(dinp[i], `layer ${index} (${type}) dinp[${i}]`).toBeCloseTo(held[i]! + alone[i]!, 12);
      for (let i = 0; i < aloneGrads.length; i++) expect(model.grads[i], `layer ${index} (${type}) grad[${i}]`).toBeCloseTo(2 * aloneGrads[i]!, 12);
    }
  });

  it('predicts in chunks of the batch size, matching one forward pass over all rows', () => {
    const rng = new Random(5);
    const spec: ModelSpec = { input: [4], layers: [{ type: 'dense', units: 3 }, { type: 'tanh' }, { type: 'dense', units: 2 }] };
    const small = new SequentialModel(analyzeSpec(spec), { maxBatch: 3, rng });
    small.initializeParams(rng);
    const big = new SequentialModel(analyzeSpec(spec), { maxBatch: 10, rng });
    big.loadState(small.state());
    const x = Float32Array.from({ length: 40 }, () => rng.normal());
    expect(Array.from(small.predict(x, 10))).toEqual(Array.from(big.predict(x, 10)));
  });

  it('refuses weights with a missing, misshapen or foreign tensor', () => {
    const rng = new Random(1);
    const model = new SequentialModel(analyzeSpec({ input: [2], layers: [{ type: 'dense', units: 1 }] }), { maxBatch: 1, rng });
    expect(() => model.loadState({ '0.weight': { shape: [1, 2], data: [1, 2] } })).toThrow('weights: "0.bias" is missing (expected shape [1])');
    expect(() => model.loadState({ '0.weight': { shape: [2, 1], data: [1, 2] }, '0.bias': { shape: [1], data: [0] } })).toThrow(
      'weights: "0.weight" has shape [2, 1], expected [1, 2]',
    );
    expect(() =>
      model.loadState({ '0.weight': { shape: [1, 2], data: [1, 2] }, '0.bias': { shape: [1], data: [0] }, '1.weight': { shape: [1], data: [0] } }),
    ).toThrow('weights: "1.weight" does not belong to this model');
  });
});
