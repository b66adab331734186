import { describe, expect, it } from 'vitest';
import { splitRows } from '../../../src-core/data/split';

const rows = Array.from({ length: 1000 }, (_, i) => i);

describe('splitRows', () => {
  it('shares every row out once, in the asked proportions', () => {
    const split = splitRows({ rows, validation: 0.15, test: 0.2, seed: 3 });
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([650, 150, 200]);
    const all = [...split.train, ...split.validation, ...split.test].sort((a, b) => a - b);
    expect(all).toEqual(rows);
  });

  it('gives the same split for the same seed and another for another seed', () => {
    const a = splitRows({ rows, validation: 0.2, seed: 1 });
    expect(Array.from(splitRows({ rows, validation: 0.2, seed: 1 }).validation)).toEqual(Array.from(a.validation));
    expect(Array.from(splitRows({ rows, validation: 0.2, seed: 2 }).validation)).not.toEqual(Array.from(a.validation));
  });

  it('keeps class proportions when stratified', () => {
    const strata = rows.map((i) => (i < 900 ? 0 : 1)); // 90% / 10%
    const split = splitRows({ rows, strata, validation: 0.2, seed: 5 });
    expect(Array.from(split.validation).filter((r) => r >= 900)).toHaveLength(20);
    expect(Array.from(split.train).filter((r) => r >= 900)).toHaveLength(80);
  });

  it('refuses fractions that leave nothing to train on', () => {
    expect(() => splitRows({ rows, validation: 0.5, test: 0.5, seed: 1 })).toThrow(/leave rows to train on/);
    expect(() => splitRows({ rows, validation: -0.1, seed: 1 })).toThrow(/fraction/);
  });
});
