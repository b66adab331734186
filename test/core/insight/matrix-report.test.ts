import { describe, expect, it } from 'vitest';
import { matrixReport } from '../../../src-core/insight/matrix-report';

describe('matrixReport', () => {
  it('reads a stored matrix: accuracy, per-class scores with labels, and each cell’s share of its true class', () => {
    const { classes, report, share } = matrixReport([[8, 2, 0], [1, 9, 0], [0, 0, 0]], ['cat', 'dog', 'fox']);
    expect(classes).toBe(3);
    expect(report.accuracy).toBeCloseTo(17 / 20, 12);
    expect(report.classes[0]).toMatchObject({ label: 'cat', support: 10, recall: 0.8, precision: 8 / 9 });
    expect(report.classes[2]).toMatchObject({ label: 'fox', support: 0, precision: 0, recall: 0, f1: 0 });
    expect(share).toEqual([[0.8, 0.2, 0], [0.1, 0.9, 0], [0, 0, 0]]);
  });
  it('refuses a ragged matrix', () => {
    expect(() => matrixReport([[1, 2], [3]])).toThrow(/2-class matrix needs 2 counts per row/);
  });
});
