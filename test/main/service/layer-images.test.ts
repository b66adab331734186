import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import { createPredictor } from '../../../src-core/nn/index';
import { loadBundledFile } from '../../../src-main/data/bundled-files';
import { normalizePer } from '../../../src-core/insight/index';
import { openStore } from '../../../src-main/store/lab-store';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { callRequest } from '../../support/call-request';
import { nextStatus } from '../../support/run-status';
import { useTempLabs } from '../../support/temp-lab';

const trainWorker = useBuiltTrainWorker();
const temp = useTempLabs('nn-lab-layer-images-', trainWorker);

const cnn: ModelSpec = {
  input: [1, 8, 8],
  layers: [
    { type: 'conv2d', filters: 4, kernel: 3, padding: 1 },
    { type: 'relu' },
    { type: 'maxpool2d', size: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 10 },
    { type: 'softmax' },
  ],
};

describe('runs.layer-images', () => {
  it("shows a digits CNN's filters, its dense weights and the feature maps of the row the person picks", async () => {
    const lab = await temp.openLab({ threads: 1 });
    const run = await callRequest(lab.handlers, 'runs.start', {
      datasetId: 'digits',
      spec: cnn,
      train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32, epochs: 2, seed: 3 },
    });
    expect((await nextStatus(lab.bus, run.id)).status).toBe('completed');
    const images = await callRequest(lab.handlers, 'runs.layer-images', { id: run.id, row: 5 });
    expect(images.weights).toEqual({ kind: 'final', epoch: 2 });
    expect(images.filters.map((f) => [f.layer, f.images.dtype, f.images.shape])).toEqual([[0, 'float32', [4, 1, 3, 3]]]);
    expect(images.heatmaps.map((h) => [h.layer, h.weights.shape])).toEqual([[4, [10, 64]]]);
    expect(images.input).toMatchObject({ row: 5, split: 'validation', image: { dtype: 'float32', shape: [1, 8, 8] } });
    expect(images.input!.label).toMatch(/^\d$/);
    expect(images.featureMaps.map((m) => [m.layer, m.type, m.images.shape])).toEqual([
      [0, 'conv2d', [4, 8, 8]],
      [2, 'maxpool2d', [4, 4, 4]],
    ]);
    // The maps are those of the stored weights on that very row: recomputed here from the same weights.
    const store = openStore(lab.info.databasePath);
    try {
      const weights = store.getWeights(run.id, 'final')!;
      const validation = loadBundledFile('digits')!.data.validation!;
      const pixels = validation.x.slice(5 * 64, 6 * 64);
      expect(Array.from(images.input!.image.data)).toEqual(Array.from(normalizePer(pixels, 1, 64)));
      const maps = createPredictor(cnn, weights.state).activations(pixels, 1, [0]);
      expect(Array.from(normalizePer(maps[0]!, 4, 64))).toEqual(Array.from(images.featureMaps[0]!.images.data));
    } finally {
      store.close();
    }
    const other = await callRequest(lab.handlers, 'runs.layer-images', { id: run.id, row: 6 });
    expect(other.featureMaps[0]!.images.data).not.toEqual(images.featureMaps[0]!.images.data);
    await expect(callRequest(lab.handlers, 'runs.layer-images', { id: run.id, row: 100_000 })).rejects.toMatchObject({ code: 'invalid_args', field: 'row' });
  });

  it('while the run trains, shows the weights its worker has now (live), and says so', async () => {
    const lab = await temp.openLab({ threads: 1 });
    const run = await callRequest(lab.handlers, 'runs.start', { datasetId: 'digits', spec: cnn, train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32, epochs: 100_000, seed: 3 } });
    await nextStatus(lab.bus, run.id, ['running']);
    const first = await callRequest(lab.handlers, 'runs.layer-images', { id: run.id, row: 2 });
    expect(first.weights.kind).toBe('live');
    expect(first.filters.map((f) => f.images.shape)).toEqual([[4, 1, 3, 3]]);
    expect(first.featureMaps).toHaveLength(2);
    // Later, later weights: the filters moved.
    let later = first;
    while (later.weights.epoch <= first.weights.epoch + 1) later = await callRequest(lab.handlers, 'runs.layer-images', { id: run.id, row: 2 });
    expect(later.filters[0]!.images.data).not.toEqual(first.filters[0]!.images.data);
    // Paused, the worker still answers (it waits between epochs, reading its port).
    await callRequest(lab.handlers, 'runs.pause', { id: run.id });
    await nextStatus(lab.bus, run.id, ['paused']);
    const paused = await callRequest(lab.handlers, 'runs.layer-images', { id: run.id });
    expect(paused.weights.kind).toBe('live');
    await callRequest(lab.handlers, 'runs.stop', { id: run.id });
    await nextStatus(lab.bus, run.id);
    expect((await callRequest(lab.handlers, 'runs.layer-images', { id: run.id })).weights).toEqual({ kind: 'final', epoch: paused.weights.epoch });
  });
});
