import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import { hiddenProjection, lastHiddenLayer, pca2 } from '../../../src-core/insight/index';
import { createPredictor, createTrainingSession } from '../../../src-core/nn/index';
import { moonsTrainingData } from '../../support/moons-data';

describe('hidden representations', () => {
  it('finds the layer feeding the classifier head', () => {
    const t = (...types: string[]) => types.map((type) => ({ type }));
    expect(lastHiddenLayer(t('dense', 'relu', 'dense', 'tanh', 'dropout', 'dense', 'softmax'))).toBe(4);
    expect(lastHiddenLayer(t('conv2d', 'relu', 'maxpool2d', 'flatten', 'dense', 'softmax'))).toBe(3);
    expect(lastHiddenLayer(t('dense', 'sigmoid'))).toBeUndefined();
  });

  it("projects the last hidden layer's validation activations, where a trained net separates the classes", () => {
    const data = moonsTrainingData(300, 200, 0.1);
    const spec: ModelSpec = { input: [2], layers: [{ type: 'dense', units: 16 }, { type: 'relu' }, { type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 1 }, { type: 'sigmoid' }] };
    const session = createTrainingSession({ spec, train: { loss: 'bce', optimizer: { type: 'adam', lr: 0.02 }, batchSize: 32, epochs: 40 }, data, seed: 2 });
    while (!session.finished) session.runEpoch();
    const predictor = createPredictor(spec, session.state());
    const { x, y, rows } = data.validation!;
    const h = hiddenProjection(predictor, spec.layers, x, rows);
    expect(h.layer).toBe(3);
    expect(h.width).toBe(8);
    expect(h.pca.projected).toEqual(pca2(predictor.activations(x, rows, [3])[0]!, rows, 8).projected);
    // The classes' means along PC1 lie far apart compared with their spread: they have separated.
    const along = (cls: number): number[] => Array.from({ length: rows }, (_, r) => r).filter((r) => y[r] === cls).map((r) => h.pca.projected[r * 2]!);
    const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
    const sd = (v: number[]): number => Math.sqrt(mean(v.map((a) => (a - mean(v)) ** 2)));
    const [a, b] = [along(0), along(1)];
    expect(Math.abs(mean(a) - mean(b)) / Math.max(sd(a), sd(b))).toBeGreaterThan(2);
  });
});
