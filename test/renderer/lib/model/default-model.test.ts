import { describe, expect, it } from 'vitest';
import { modelSpecSchema, type ModelSpec } from '../../../../src-core/contract/model-spec';
import { analyzeSpec } from '../../../../src-core/nn/spec-analysis';
import { trainConfigSchema, type TrainConfig } from '../../../../src-core/contract/run-config';
import {
  defaultLoss,
  defaultModelSpec,
  describeModel,
  describeTraining,
} from '../../../../src-renderer/lib/model/default-model';

const twoMoons = { task: 'classification' as const, inputShape: [2], classes: ['upper', 'lower'] };

describe('defaultModelSpec', () => {
  it('is the 2-32-32-1 ReLU MLP with a sigmoid output for two classes, trained with BCE', () => {
    expect(defaultModelSpec(twoMoons)).toEqual({
      input: [2],
      layers: [
        { type: 'dense', units: 32, init: 'he_uniform' },
        { type: 'relu' },
        { type: 'dense', units: 32, init: 'he_uniform' },
        { type: 'relu' },
        { type: 'dense', units: 1 },
        { type: 'sigmoid' },
      ],
    });
    expect(defaultLoss(twoMoons)).toBe('bce');
  });

  it('is a CNN for images, ending in a softmax over the classes with cross entropy for more than two classes', () => {
    const digits = { task: 'classification' as const, inputShape: [1, 28, 28], classes: ['0', '1', '2'] };
    const spec = defaultModelSpec(digits);
    expect(spec.layers[0]).toMatchObject({ type: 'conv2d' });
    expect(spec.layers.slice(-2)).toEqual([{ type: 'dense', units: 3 }, { type: 'softmax' }]);
    expect(defaultLoss(digits)).toBe('cross_entropy');
  });

  it('produces a spec and train config the contract accepts', () => {
    expect(modelSpecSchema.safeParse(defaultModelSpec(twoMoons)).success).toBe(true);
    const config: TrainConfig = { loss: 'bce', optimizer: { type: 'sgd', lr: 0.01 }, batchSize: 32, epochs: 200, shuffle: true };
    expect(trainConfigSchema.safeParse(config).success).toBe(true);
    expect(config.optimizer).toEqual({ type: 'sgd', lr: 0.01 });
  });
});

describe('describeModel', () => {
  it('keeps a dense layer without an activation on its own', () => {
    const { rows } = describeModel({ input: [1, 4, 4], layers: [{ type: 'flatten' }, { type: 'dense', units: 3 }] });
    expect(rows).toEqual([
      { kind: 'Input', detail: '1×4×4' },
      { kind: 'Flatten', detail: '16' },
      { kind: 'Dense', detail: '3' },
    ]);
  });

  it('reads a dense layer and its activation as one row and counts the parameters', () => {
    const { rows, parameters } = describeModel(defaultModelSpec(twoMoons));
    expect(rows).toEqual([
      { kind: 'Input', detail: '2' },
      { kind: 'Dense', detail: '32 relu' },
      { kind: 'Dense', detail: '32 relu' },
      { kind: 'Dense', detail: '1 sigmoid' },
    ]);
    expect(parameters).toBe(2 * 32 + 32 + 32 * 32 + 32 + 32 + 1);
  });
});

describe('describeModel beyond dense layers', () => {
  it('shows the engine’s shapes and count for conv → maxpool → flatten → batchnorm → dense', () => {
    const spec: ModelSpec = {
      input: [1, 28, 28],
      layers: [
        { type: 'conv2d', filters: 8, kernel: 3 },
        { type: 'relu' },
        { type: 'maxpool2d', size: 2 },
        { type: 'flatten' },
        { type: 'batchnorm' },
        { type: 'dense', units: 10 },
        { type: 'softmax' },
      ],
    };
    const { rows, parameters } = describeModel(spec);
    expect(parameters).toBe(16_314);
    expect(parameters).toBe(analyzeSpec(spec).totalParams);
    expect(rows).toEqual([
      { kind: 'Input', detail: '1×28×28' },
      { kind: 'Conv2d', detail: '8×26×26 relu' },
      { kind: 'maxpool2d', detail: '8×13×13' },
      { kind: 'Flatten', detail: '1352' },
      { kind: 'batchnorm', detail: '1352' },
      { kind: 'Dense', detail: '10 softmax' },
    ]);
  });

  it('says why when the engine refuses the spec', () => {
    const { rows, parameters, problem } = describeModel({ input: [4], layers: [{ type: 'conv2d', filters: 2, kernel: 3 }] });
    expect(rows).toEqual([{ kind: 'Input', detail: '4' }]);
    expect(parameters).toBe(0);
    expect(problem).toMatch(/layer 0/);
  });
});

describe('describeTraining', () => {
  it('sums up the optimizer, learning rate, batch, loss and seed', () => {
    const train: TrainConfig = { loss: 'bce', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32, epochs: 10, shuffle: true };
    expect(describeTraining(train, 7)).toBe('Adam, lr 0.01, batch 32, BCE loss, seed 7');
    expect(describeTraining({ ...train, loss: 'cross_entropy', optimizer: { type: 'sgd' } }, 1)).toBe(
      'SGD, batch 32, cross-entropy loss, seed 1',
    );
  });
});
