import { describe, expect, it } from 'vitest';
import { callRequest } from '../../support/call-request';
import { useTempLabs } from '../../support/temp-lab';

const temp = useTempLabs('nn-lab-size-limits-');
const train = { loss: 'cross_entropy', optimizer: { type: 'adam' }, batchSize: 16, epochs: 2 };
const spec = (units: number) => ({ input: [2], layers: [{ type: 'dense', units }, { type: 'relu' }, { type: 'dense', units: 2 }, { type: 'softmax' }] });

describe('runs.start refuses sizes past their limits before anything is allocated or stored', () => {
  it.each([1e9, 2 ** 53 - 1])('dense units and batch size of %d', async (n) => {
    const lab = await temp.openLab();
    await expect(callRequest(lab.handlers, 'runs.start', { datasetId: 'two-moons', spec: spec(n), train })).rejects.toMatchObject({
      code: 'invalid_args',
      field: 'spec.layers.0.units',
      message: 'runs.start: spec.layers.0.units: at most 65,536 units in a layer',
    });
    await expect(callRequest(lab.handlers, 'runs.start', { datasetId: 'two-moons', spec: spec(8), train: { ...train, batchSize: n } })).rejects.toMatchObject({
      field: 'train.batchSize',
      message: 'runs.start: train.batchSize: at most 1,048,576 rows in a batch',
    });
    expect(await callRequest(lab.handlers, 'runs.list')).toEqual([]);
  });

  it('refuses epochs past their limit, naming the field', async () => {
    const lab = await temp.openLab();
    await expect(callRequest(lab.handlers, 'runs.start', { datasetId: 'two-moons', spec: spec(8), train: { ...train, epochs: 1e9 } })).rejects.toMatchObject({
      field: 'train.epochs',
      message: 'runs.start: train.epochs: at most 100,000 epochs',
    });
    expect(await callRequest(lab.handlers, 'runs.list')).toEqual([]);
  });

  it('refuses a weight too large to allocate, naming the layer', async () => {
    const lab = await temp.openLab();
    const wide = { input: [2], layers: [{ type: 'dense', units: 65_536 }, { type: 'relu' }, { type: 'dense', units: 65_536 }, { type: 'dense', units: 2 }, { type: 'softmax' }] };
    await expect(callRequest(lab.handlers, 'runs.start', { datasetId: 'two-moons', spec: wide, train })).rejects.toMatchObject({
      field: 'spec.layers.2',
      message: 'layer 2 (dense): its weight would have 4,294,967,296 values (65,536 × 65,536); at most 1,073,741,824',
    });
  });
});
