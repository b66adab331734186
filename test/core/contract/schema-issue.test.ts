import { describe, expect, it } from 'vitest';
import { parseRequestArgs } from '../../../src-core/contract/api';

describe('request payloads: an absent field says "missing"', () => {
  const train = { loss: 'mse', optimizer: { type: 'sgd' }, batchSize: 8, epochs: 1 };
  it.each([
    [{ datasetId: 'two-moons', train }, 'runs.start: spec: missing'],
    [{ datasetId: 'two-moons', spec: { input: [2], layers: [] } }, 'runs.start: train: missing'],
    [{ datasetId: 'two-moons', spec: { layers: [] }, train }, 'runs.start: spec.input: missing'],
    [{ datasetId: 'two-moons', spec: { input: [2], layers: [{ units: 3 }] }, train }, 'runs.start: spec.layers.0.type: missing'],
  ])('%j', (args, message) => {
    expect(() => parseRequestArgs('runs.start', args)).toThrow(message);
  });

  it('keeps the schema\'s words for a value that is there but wrong', () => {
    expect(() => parseRequestArgs('runs.start', { datasetId: 'two-moons', spec: { input: ['2'], layers: [] }, train })).toThrow('runs.start: spec.input.0: Invalid input: expected number, received string');
  });
});

describe('request payloads: a value no branch of a union takes names the closest branch\'s field', () => {
  it.each([
    [{}, 'runs.import: bundle: missing', 'bundle'],
    [{ bundle: 5 }, 'runs.import: bundle: Invalid input: expected string, received number', 'bundle'],
    [{ uploadId: 'a b' }, 'runs.import: uploadId: letters, digits, _ and - only (at most 64)', 'uploadId'],
  ])('%j', (args, message, field) => {
    expect(() => parseRequestArgs('runs.import', args)).toThrow(expect.objectContaining({ message, field }));
  });

  it('keeps a union nested in an object at its own path', () => {
    expect(() => parseRequestArgs('datasets.update-columns', { id: 'd', target: 5 })).toThrow(
      expect.objectContaining({ field: 'target', message: 'datasets.update-columns: target: Invalid input: expected string, received number' }),
    );
  });
});
