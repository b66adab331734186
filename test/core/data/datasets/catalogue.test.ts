import { describe, expect, it } from 'vitest';
import {
  bundledDatasets,
  bundledPreview,
  bundledTrainingData,
  findBundledDataset,
} from '../../../../src-core/data/datasets';

describe('bundled datasets', () => {
  it('two-moons: 500 points split 400/100, both classes in each part, the same every time', () => {
    const dataset = findBundledDataset('two-moons')!;
    expect(dataset.info).toMatchObject({ rows: 500, features: 2, inputShape: [2], task: 'classification' });
    const a = bundledTrainingData(dataset);
    const b = bundledTrainingData(dataset);
    expect(a.train.rows).toBe(400);
    expect(a.validation!.rows).toBe(100);
    expect(a.classCount).toBe(2);
    expect(a.train.x).toEqual(b.train.x);
    expect(a.validation!.y).toEqual(b.validation!.y);
    for (const part of [a.train, a.validation!]) {
      const ones = part.y.reduce((s, v) => s + v, 0);
      expect(ones).toBeGreaterThan(part.rows * 0.3);
      expect(ones).toBeLessThan(part.rows * 0.7);
    }
  });

  it('the split keeps each point with its label', () => {
    const dataset = findBundledDataset('two-moons')!;
    const all = dataset.rows();
    const { train } = bundledTrainingData(dataset);
    const key = (x: Float32Array, i: number) => `${x[i * 2]},${x[i * 2 + 1]}`;
    const labelOf = new Map<string, number>();
    for (let i = 0; i < all.rows; i++) labelOf.set(key(all.x, i), all.y[i]!);
    for (let i = 0; i < train.rows; i++) expect(labelOf.get(key(train.x, i))).toBe(train.y[i]);
  });

  it('previews every point of a 2-D dataset, and nothing for an unknown id', () => {
    const preview = bundledPreview(findBundledDataset('two-moons')!)!;
    expect(preview.points).toHaveLength(500);
    expect(new Set(preview.labels)).toEqual(new Set([0, 1]));
    expect(findBundledDataset('nope')).toBeUndefined();
  });

  it('every bundled dataset builds the rows and shape it declares, split 80/20 (the 60 noisy moons 50/50)', () => {
    expect(bundledDatasets.map((d) => d.info.id)).toEqual(['two-moons', 'xor', 'and', 'or', 'circles', 'spirals', 'blobs', 'linear', 'sine', 'learn-noisy-moons', 'checklist-unscaled-inputs', 'checklist-wrong-labels', 'checklist-nan-in-data']);
    for (const dataset of bundledDatasets) {
      const { rows, features, inputShape } = dataset.info;
      const all = dataset.rows();
      expect(all.rows, dataset.info.id).toBe(rows);
      expect(all.x.length, dataset.info.id).toBe(rows * features);
      expect(inputShape.reduce((a, b) => a * b, 1)).toBe(features);
      const data = bundledTrainingData(dataset);
      expect(data.train.rows + data.validation!.rows).toBe(rows);
      expect(data.validation!.rows).toBe(Math.round(rows * (dataset.info.id === 'learn-noisy-moons' ? 0.5 : 0.2)));
      if (dataset.info.classes) {
        const labels = new Set(all.y);
        expect(labels.size, dataset.info.id).toBe(dataset.info.classes.length);
      }
    }
  });

  it('previews a 1-D regression as (x, y) points', () => {
    const sine = findBundledDataset('sine')!;
    const preview = bundledPreview(sine)!;
    const all = sine.rows();
    expect(preview.points).toHaveLength(all.rows);
    expect(preview.points[3]).toEqual([all.x[3], all.y[3]]);
  });
});
