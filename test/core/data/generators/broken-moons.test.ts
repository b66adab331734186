import { describe, expect, it } from 'vitest';
import { bundledDatasets, bundledTrainingData, findBundledDataset } from '../../../../src-core/data/datasets/index';
import { misalignedMoons, nanMoons, unscaledMoons } from '../../../../src-core/data/generators/broken-moons';
import { twoMoons } from '../../../../src-core/data/generators/two-moons';
import { noisyMoons } from '../../../../src-core/learn/index';

const params = { samples: 500, noise: 0.15, seed: 42 };

function column(x: Float32Array, c: number): number[] {
  return Array.from({ length: x.length / 2 }, (_, r) => x[r * 2 + c]!);
}

describe('the broken two-moons sets of the debugging checklist', () => {
  it('are deterministic from the seed, 500 rows of 2 inputs and a 0/1 label', () => {
    for (const generate of [unscaledMoons, misalignedMoons, nanMoons]) {
      const a = generate(params);
      const b = generate(params);
      expect(a.rows).toBe(500);
      expect(a.x).toHaveLength(1000);
      expect(a.y).toHaveLength(500);
      expect(Array.from(a.x)).toEqual(Array.from(b.x));
      expect(Array.from(a.y)).toEqual(Array.from(b.y));
      expect(new Set(a.y)).toEqual(new Set([0, 1]));
      expect(Array.from(generate({ ...params, seed: 43 }).x)).not.toEqual(Array.from(a.x));
    }
  });

  it('unscaled inputs: x2 runs to thousands while x1 stays within ±2.5; labels untouched', () => {
    const moons = twoMoons(params);
    const data = unscaledMoons(params);
    const x1 = column(data.x, 0);
    const x2 = column(data.x, 1);
    expect(Math.max(...x1.map(Math.abs))).toBeLessThan(2.5);
    expect(Math.min(...x2)).toBeGreaterThan(3500);
    expect(Math.max(...x2)).toBeLessThan(6500);
    expect(x2[3]).toBeCloseTo(moons.x[7]! * 1000 + 5000, 1);
    expect(Array.from(data.y)).toEqual(Array.from(moons.y));
  });

  it('labels encoded wrong: the same inputs, the labels permuted (same counts), a third of rows or more mislabelled', () => {
    const moons = twoMoons(params);
    const data = misalignedMoons(params);
    expect(Array.from(data.x)).toEqual(Array.from(moons.x));
    const sum = (y: Float32Array) => y.reduce((a, b) => a + b, 0);
    expect(sum(data.y)).toBe(sum(moons.y));
    const wrong = data.y.filter((y, i) => y !== moons.y[i]).length;
    expect(wrong).toBeGreaterThan(500 / 3);
    expect(() => misalignedMoons({ ...params, samples: 7919 })).toThrow(/multiple of 7919/);
  });

  it('a NaN in the data: x1 is NaN in rows 7, 67, …, 487 (nine) and nowhere else', () => {
    const data = nanMoons(params);
    const nanRows = column(data.x, 0).flatMap((v, r) => (Number.isNaN(v) ? [r] : []));
    expect(nanRows).toEqual([7, 67, 127, 187, 247, 307, 367, 427, 487]);
    expect(column(data.x, 1).every(Number.isFinite)).toBe(true);
  });

  it('are bundled under names a student reads, in the Learn group, with the noisy moons the regularisation explorer trains on', () => {
    const learn = bundledDatasets.filter((d) => d.info.group === 'learn').map((d) => d.info.name);
    expect(learn).toEqual(['Regularisation: 60 noisy moons', 'Checklist: unscaled inputs', 'Checklist: labels encoded wrong', 'Checklist: a NaN in the data']);
    expect(bundledDatasets.filter((d) => !d.info.group)).toHaveLength(9);
    const bundled = bundledTrainingData(findBundledDataset('learn-noisy-moons')!);
    expect(bundled.train.rows).toBe(30);
    expect(Array.from(noisyMoons().train.x)).toEqual(Array.from(bundled.train.x));
    expect(Array.from(findBundledDataset('checklist-nan-in-data')!.rows().y)).toEqual(Array.from(twoMoons(params).y));
  });
});
