import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import { convFilters, denseWeightHeatmaps, featureMaps, normalizePer } from '../../../src-core/insight/index';
import { analyzeSpec, createPredictor, createTrainingSession } from '../../../src-core/nn/index';

const spec: ModelSpec = {
  input: [1, 8, 8],
  layers: [
    { type: 'conv2d', filters: 3, kernel: 3, padding: 1 },
    { type: 'relu' },
    { type: 'maxpool2d', size: 2 },
    { type: 'conv2d', filters: 2, kernel: 3 },
    { type: 'avgpool2d', size: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 2 },
    { type: 'softmax' },
  ],
};

/** 8×8 images of a vertical (class 0) or horizontal (class 1) bar at a varying place. */
function bars(rows: number) {
  const x = new Float32Array(rows * 64);
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const cls = r % 2;
    const at = 1 + ((r >> 1) % 6);
    for (let i = 0; i < 8; i++) x[r * 64 + (cls === 0 ? i * 8 + at : at * 8 + i)] = 1;
    y[r] = cls;
  }
  return { x, y, rows };
}

describe('conv images', () => {
  it("shows a trained CNN's filters and the feature maps of every conv and pool layer for one image", () => {
    const train = bars(48);
    const session = createTrainingSession({ spec, train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.02 }, batchSize: 16, epochs: 3 }, data: { inputShape: [1, 8, 8], task: 'classification', classCount: 2, train }, seed: 1 });
    while (!session.finished) session.runEpoch();
    const state = session.state();
    const filters = convFilters(spec.layers, state);
    expect(filters.map((f) => [f.layer, f.images.shape])).toEqual([[0, [3, 1, 3, 3]], [3, [2, 3, 3, 3]]]);
    // Per filter: its own weights scaled to [0, 1], order kept.
    const w = state['3.weight']!.data.slice(27, 54); // filter 1 of layer 3
    const lo = Math.min(...w);
    const hi = Math.max(...w);
    Array.from(filters[1]!.images.data.subarray(27, 54)).forEach((v, i) => expect(v).toBeCloseTo((w[i]! - lo) / (hi - lo), 6));

    const predictor = createPredictor(spec, state);
    const image = train.x.slice(0, 64);
    const maps = featureMaps(predictor, spec.layers, analyzeSpec(spec).layers.map((l) => l.outputShape), image);
    expect(maps.map((m) => [m.layer, m.type, m.images.shape])).toEqual([
      [0, 'conv2d', [3, 8, 8]],
      [2, 'maxpool2d', [3, 4, 4]],
      [3, 'conv2d', [2, 2, 2]],
      [4, 'avgpool2d', [2, 1, 1]],
    ]);
    const raw = predictor.activations(image, 1, [2])[0]!;
    expect(maps[1]!.images.data).toEqual(normalizePer(raw, 3, 16));
    for (const m of maps) for (const v of m.images.data) expect(v >= 0 && v <= 1).toBe(true);
  });

  it('scales each block to [0, 1] on its own, a constant block to 0.5', () => {
    expect(Array.from(normalizePer([1, 3, 2, -4, -4, -4], 2, 3))).toEqual([0, 1, 0.5, 0.5, 0.5, 0.5]);
  });
});

describe('denseWeightHeatmaps', () => {
  it("gives each dense layer's (out, in) weights with the largest magnitude for a symmetric colour scale", () => {
    const layers = [{ type: 'dense' }, { type: 'relu' }, { type: 'dense' }];
    const maps = denseWeightHeatmaps(layers, {
      '0.weight': { shape: [2, 3], data: [1, -5, 2, 0, 3, 4] },
      '0.bias': { shape: [2], data: [9, 9] },
      '2.weight': { shape: [1, 2], data: [0.5, -0.25] },
      '2.bias': { shape: [1], data: [0] },
    });
    expect(maps.map((m) => [m.layer, m.weights.shape, m.maxAbs])).toEqual([[0, [2, 3], 5], [2, [1, 2], 0.5]]);
    expect(Array.from(maps[0]!.weights.data)).toEqual([1, -5, 2, 0, 3, 4]);
    expect(() => denseWeightHeatmaps([{ type: 'dense' }], {})).toThrow('"0.weight" is missing');
  });
});
