import { describe, expect, it } from 'vitest';
import { classificationReport, confusionMatrix } from '../../../../src-core/nn/metrics';

describe('classificationReport', () => {
  it("matches sklearn's documented classification_report example", () => {
    // y_true = [0, 1, 2, 2, 2], y_pred = [0, 0, 2, 2, 1]
    const confusion = confusionMatrix(Int32Array.from([0, 0, 2, 2, 1]), Int32Array.from([0, 1, 2, 2, 2]), 3);
    const report = classificationReport(confusion, 3, ['class 0', 'class 1', 'class 2']);
    const rounded = (v: number): number => Math.round(v * 100) / 100;
    expect(report.classes.map((c) => [c.label, rounded(c.precision), rounded(c.recall), rounded(c.f1), c.support])).toEqual([
      ['class 0', 0.5, 1, 0.67, 1],
      ['class 1', 0, 0, 0, 1],
      ['class 2', 1, 0.67, 0.8, 3],
    ]);
    expect(report.accuracy).toBeCloseTo(0.6, 12);
    expect([rounded(report.macro.precision), rounded(report.macro.recall), rounded(report.macro.f1), report.macro.support]).toEqual([0.5, 0.56, 0.49, 5]);
    expect([rounded(report.weighted.precision), rounded(report.weighted.recall), rounded(report.weighted.f1)]).toEqual([0.7, 0.6, 0.61]);
  });

  it('counts 0/0 as 0 for a class never predicted nor present, and labels classes by index by default', () => {
    const confusion = confusionMatrix(Int32Array.from([0, 1]), Int32Array.from([0, 1]), 3);
    const report = classificationReport(confusion, 3);
    expect(report.classes[2]).toEqual({ label: '2', precision: 0, recall: 0, f1: 0, support: 0 });
    expect(report.macro.f1).toBeCloseTo(2 / 3, 12);
    expect(report.weighted.f1).toBe(1);
  });

  it('refuses a matrix of the wrong size', () => {
    expect(() => classificationReport(new Int32Array(4), 3)).toThrow(/9 cells, not 4/);
  });
});
