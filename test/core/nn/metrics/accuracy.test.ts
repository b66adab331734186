import { describe, expect, it } from 'vitest';
import { accuracy, predictedClasses } from '../../../../src-core/nn/metrics';

describe('accuracy', () => {
  it('is the fraction of matching classes (sklearn accuracy_score example: 0.5)', () => {
    expect(accuracy(Int32Array.from([0, 2, 1, 3]), Int32Array.from([0, 1, 2, 3]))).toBe(0.5);
  });

  it('is 0 for no rows and refuses mismatched lengths', () => {
    expect(accuracy(new Int32Array(0), new Int32Array(0))).toBe(0);
    expect(() => accuracy(new Int32Array(2), new Int32Array(3))).toThrow(/2 predictions for 3 targets/);
  });
});

describe('predictedClasses', () => {
  it('takes the arg-max of each row, the first on ties', () => {
    const outputs = Float32Array.from([0.1, 0.7, 0.2, 0.5, 0.5, 0, 0, 0.1, 0.9]); // (3, 3)
    expect(Array.from(predictedClasses(outputs, 3, 3))).toEqual([1, 0, 2]);
  });

  it('thresholds a single sigmoid output at 0.5', () => {
    expect(Array.from(predictedClasses(Float32Array.from([0.49, 0.5, 0.9]), 3, 1))).toEqual([0, 1, 1]);
  });
});
