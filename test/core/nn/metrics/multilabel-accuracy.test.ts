import { describe, expect, it } from 'vitest';
import { multilabelAccuracy } from '../../../../src-core/nn/metrics';

describe('multilabelAccuracy', () => {
  const targets = [0, 1, 1, 1]; // (2, 2)

  it("exact match is sklearn's accuracy_score on multilabel data (documented example: 0.5)", () => {
    expect(multilabelAccuracy([0.9, 0.9, 0.9, 0.9], targets, 2, 2).exactMatch).toBe(0.5);
  });

  it("per-label accuracy is 1 − hamming_loss (documented example: hamming 0.75)", () => {
    expect(multilabelAccuracy([0.1, 0.1, 0.1, 0.1], targets, 2, 2)).toEqual({ exactMatch: 0, perLabel: 0.25 });
  });

  it('thresholds outputs at 0.5 unless told otherwise', () => {
    expect(multilabelAccuracy([0.5, 0.6], [1, 1], 1, 2).exactMatch).toBe(1);
    expect(multilabelAccuracy([0.5, 0.6], [1, 1], 1, 2, 0.55).perLabel).toBe(0.5);
  });
});
