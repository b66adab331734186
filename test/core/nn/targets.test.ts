import { describe, expect, it } from 'vitest';
import { predictedClasses } from '../../../src-core/nn/metrics/accuracy';
import { classCountOf, countCorrect, gatherTargets, targetLayout } from '../../../src-core/nn/targets';

describe('targets', () => {
  const identity = Int32Array.from([0, 1, 2]);

  it('counts argmax hits, 0.5-threshold hits for one output, and exact-match rows for multilabel', () => {
    const probs = Float32Array.from([0.1, 0.7, 0.2, 0.5, 0.2, 0.3, 0.3, 0.3, 0.4]);
    expect(countCorrect(probs, Float32Array.from([1, 0, 0]), identity, 0, 3, 3, 1, 'classification')).toBe(2);
    expect(countCorrect(Float32Array.from([0.49, 0.5, 0.9]), Float32Array.from([0, 1, 0]), identity, 0, 3, 1, 1, 'classification')).toBe(2);
    // Row 0 has every label right, row 1 misses one of three: one row right.
    const multi = Float32Array.from([0.9, 0.1, 0.8, 0.9, 0.9, 0.1]);
    expect(countCorrect(multi, Float32Array.from([1, 0, 1, 1, 0, 0]), identity, 0, 2, 3, 3, 'multilabel')).toBe(1);
  });

  it('counts a row right exactly when predictedClasses says its class (ties: the first; NaN never wins)', () => {
    const width = 4;
    const values = [0.25, 0.25, 0.25, 0.25, NaN, 0.1, 0.3, 0.3, 0.2, NaN, 0.6, 0.1, -1, -2, -0.5, -0.5];
    const out = Float32Array.from(values);
    const rows = values.length / width;
    const classes = predictedClasses(out, rows, width);
    const order = Int32Array.from({ length: rows }, (_, i) => i);
    for (let c = 0; c < width; c++) {
      const y = new Float32Array(rows).fill(c);
      expect(countCorrect(out, y, order, 0, rows, width, 1, 'classification')).toBe(classes.filter((k) => k === c).length);
    }
  });

  it('reads rows through the shuffled order', () => {
    const order = Int32Array.from([2, 0, 1]);
    const dst = new Float32Array(3);
    gatherTargets(dst, Float32Array.from([5, 6, 7]), order, 0, 3, targetLayout('mse', 'regression', 1, 1));
    expect(Array.from(dst)).toEqual([7, 5, 6]);
    expect(countCorrect(Float32Array.from([0.9, 0.9, 0.2]), Float32Array.from([0, 0, 1]), order, 0, 3, 1, 1, 'classification')).toBe(2);
  });

  it('expands class indices to one-hot rows for a multi-output network under mse', () => {
    const layout = targetLayout('mse', 'classification', 1, 3);
    expect(layout).toEqual({ yWidth: 1, lossWidth: 3, oneHot: true });
    const dst = new Float32Array(6);
    gatherTargets(dst, Float32Array.from([2, 0]), Int32Array.from([0, 1]), 0, 2, layout);
    expect(Array.from(dst)).toEqual([0, 0, 1, 1, 0, 0]);
    expect(classCountOf('mse', 'classification', layout, 3)).toBe(3);
    expect(classCountOf('bce', 'classification', targetLayout('bce', 'classification', 1, 1), 1)).toBe(2);
    expect(classCountOf('mse', 'regression', targetLayout('mse', 'regression', 2, 2), 2)).toBeUndefined();
  });

  it('refuses widths that cannot meet', () => {
    expect(() => targetLayout('cross_entropy', 'classification', 2, 3)).toThrow('cross_entropy needs one class index per row, but y has 2 values per row');
    expect(() => targetLayout('mse', 'regression', 2, 3)).toThrow('the network has 3 outputs but y has 2 values per row');
  });
});
