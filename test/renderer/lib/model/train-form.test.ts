import { describe, expect, it } from 'vitest';
import { validateTrainForm, type TrainFormFields } from '../../../../src-renderer/lib/model/train-form';

const valid: TrainFormFields = { epochs: '200', learningRate: '0.01', batchSize: '32', optimizer: 'adam' };

describe('validateTrainForm', () => {
  it('parses valid fields into numbers', () => {
    expect(validateTrainForm({ ...valid, learningRate: ' 1e-3 ' })).toEqual({
      values: { epochs: 200, learningRate: 0.001, batchSize: 32, optimizer: 'adam' },
      errors: {},
    });
  });

  it.each(['', 'abc', '0', '1.5', '-3', '100001', '2e3'])('rejects epochs %j with a message saying what is allowed', (epochs) => {
    const result = validateTrainForm({ ...valid, epochs });
    expect(result.values).toBeUndefined();
    expect(result.errors).toEqual({ epochs: 'Epochs must be a whole number from 1 to 100000' });
  });

  it.each(['0', '-0.1', 'fast', '11', '.'])('rejects the learning rate %j', (learningRate) => {
    const result = validateTrainForm({ ...valid, learningRate });
    expect(result.errors.learningRate).toMatch(/^Learning rate must be a number above 0/);
  });

  it('reports every bad field at once', () => {
    const result = validateTrainForm({ ...valid, epochs: 'x', batchSize: '0', learningRate: '' });
    expect(Object.keys(result.errors).sort()).toEqual(['batchSize', 'epochs', 'learningRate']);
    expect(result.errors.batchSize).toBe('Batch size must be a whole number from 1 to 65536');
  });
});
