import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyzeSpec } from '../../../src-core/nn/spec-analysis';
import { checkTrainingMemory } from '../../../src-main/service/check-training-memory';
import { nnLab, tempFolder } from './cli-harness';

let tmp: ReturnType<typeof tempFolder>;
beforeEach(() => {
  tmp = tempFolder();
  tmp.write('data.csv', `x,y\n${Array.from({ length: 40 }, (_, i) => `${i},${2 * i}`).join('\n')}\n`);
});
afterEach(() => tmp.cleanup());

function config(units: number, batchSize: number): string {
  return JSON.stringify(
    {
      data: { path: 'data.csv', target: 'y' },
      model: { input: [1], layers: [{ type: 'dense', units }, { type: 'dense', units: 1 }] },
      train: { loss: 'mse', optimizer: { type: 'sgd' }, batchSize, epochs: 1 },
    },
    null,
    2,
  );
}

describe('nn-lab train refuses sizes past their limits, naming the field', () => {
  it.each([1e9, 2 ** 53 - 1])('dense units %d', async (units) => {
    tmp.write('run.json', config(units, 8));
    const result = await nnLab(tmp.dir, 'train', '--config', 'run.json');
    expect(result.code).toBe(1);
    expect(result.err).toBe('nn-lab train: run.json:13:18: model.layers.0.units: at most 65,536 units in a layer\n');
  });

  it.each([1e9, 2 ** 53 - 1])('batch size %d', async (batchSize) => {
    tmp.write('run.json', config(4, batchSize));
    const result = await nnLab(tmp.dir, 'train', '--config', 'run.json');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^nn-lab train: run\.json:\d+:\d+: train\.batchSize: at most 1,048,576 rows in a batch\n$/);
  });
});

describe('checkTrainingMemory', () => {
  const analysis = analyzeSpec({ input: [3, 512, 512], layers: [{ type: 'conv2d', filters: 48, kernel: 3, padding: 1 }, { type: 'flatten' }, { type: 'dense', units: 2 }] });
  const train = { loss: 'mse' as const, optimizer: { type: 'adam' as const }, batchSize: 64, epochs: 1 };

  it('refuses a network the machine cannot hold, saying how much it needs and has', () => {
    expect(() => checkTrainingMemory(analysis, train, { specField: 'spec', machineBytes: 8 * 1024 ** 3 })).toThrow(
      /^train\.batchSize: this network needs \d\d GB for a batch of 64; the machine has 8 GB$/,
    );
  });

  it('counts a batch no larger than the training rows', () => {
    expect(() => checkTrainingMemory(analysis, train, { rows: 2, specField: 'spec', machineBytes: 8 * 1024 ** 3 })).not.toThrow();
  });
});
