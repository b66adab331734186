import { describe, expect, it } from 'vitest';
import { regressionMetrics } from '../../../../src-core/nn/metrics';

describe('regressionMetrics', () => {
  it("matches sklearn's documented single-output examples", () => {
    // y_true = [3, -0.5, 2, 7], y_pred = [2.5, 0.0, 2, 8]
    const m = regressionMetrics([2.5, 0, 2, 8], [3, -0.5, 2, 7], 4, 1);
    expect(m.mae).toBeCloseTo(0.5, 12);
    expect(m.rmse).toBeCloseTo(Math.sqrt(0.375), 12); // mean_squared_error 0.375, rmse 0.612...
    expect(m.r2).toBeCloseTo(0.9486081370449679, 12);
  });

  it("averages each output's score with equal weights, like multioutput='uniform_average'", () => {
    // y_true = [[0.5, 1], [-1, 1], [7, -6]], y_pred = [[0, 2], [-1, 2], [8, -5]]
    const m = regressionMetrics([0, 2, -1, 2, 8, -5], [0.5, 1, -1, 1, 7, -6], 3, 2);
    expect(m.mae).toBeCloseTo(0.75, 12);
    expect(m.rmse).toBeCloseTo(0.8227486121839513, 12);
    expect(m.r2).toBeCloseTo(0.9368005266622779, 12);
  });

  it('gives R² 1 for an exactly predicted constant target and 0 otherwise (force_finite)', () => {
    expect(regressionMetrics([-2, -2, -2], [-2, -2, -2], 3, 1).r2).toBe(1);
    expect(regressionMetrics([-2, -2, -2 + 1e-8], [-2, -2, -2], 3, 1).r2).toBe(0);
  });

  it('a mean predictor has R² 0 and a worse one a negative R²', () => {
    expect(regressionMetrics([2, 2, 2], [1, 2, 3], 3, 1).r2).toBeCloseTo(0, 12);
    expect(regressionMetrics([3, 2, 1], [1, 2, 3], 3, 1).r2).toBeCloseTo(-3, 12);
  });
});
