import { describe, expect, it } from 'vitest';
import type { TrainConfig } from '../../../../src-core/contract/run-config';
import { draftTrainConfig, optimizerChoiceOf, withAutoPause } from '../../../../src-renderer/lib/model/run-draft';

const base: TrainConfig = {
  loss: 'bce',
  optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9 },
  batchSize: 16,
  epochs: 20,
  seed: 7,
  earlyStopping: { patience: 3 },
};

describe('draftTrainConfig', () => {
  it("applies the form's epochs, batch and lr and keeps the seed, early stopping and optimizer extras", () => {
    expect(draftTrainConfig(base, { epochs: 5, batchSize: 8, learningRate: 0.01, optimizer: 'sgd' })).toEqual({
      ...base,
      optimizer: { type: 'sgd', lr: 0.01, momentum: 0.9 },
      epochs: 5,
      batchSize: 8,
    });
  });

  it('starts a fresh optimizer of the type the user picked', () => {
    expect(draftTrainConfig(base, { epochs: 20, batchSize: 16, learningRate: 0.001, optimizer: 'adam' }).optimizer).toEqual({ type: 'adam', lr: 0.001 });
  });

  it('picks the form choice for the draft optimizer when the form offers it', () => {
    expect(optimizerChoiceOf({ type: 'sgd' }, 'adam')).toBe('sgd');
    expect(optimizerChoiceOf({ type: 'rmsprop' }, 'adam')).toBe('adam');
  });
});

describe('withAutoPause', () => {
  const base: TrainConfig = { loss: 'mse', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 8, epochs: 3 };
  it('leaves the field out when on (the default) and writes false when off', () => {
    expect(withAutoPause({ ...base, autoPause: false }, true)).toEqual(base);
    expect(withAutoPause(base, false)).toEqual({ ...base, autoPause: false });
  });
});
