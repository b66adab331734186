import { classificationReport, type ClassificationReport } from '../nn/metrics/classification-report';

/** A stored confusion matrix (matrix[actual][predicted], e.g. the test split's) read for a view. */
export interface MatrixReport {
  classes: number;
  /** Per-class precision, recall and F1 with the accuracy and macro averages. */
  report: ClassificationReport;
  /** share[actual][predicted]: the cell's count over its true class's rows (0 for a class without rows). */
  share: number[][];
}

export function matrixReport(matrix: readonly (readonly number[])[], labels?: readonly string[]): MatrixReport {
  const classes = matrix.length;
  const flat = Int32Array.from(matrix.flat());
  if (flat.length !== classes * classes) throw new RangeError(`matrixReport: a ${classes}-class matrix needs ${classes} counts per row`);
  const share = matrix.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((count) => (total > 0 ? count / total : 0));
  });
  return { classes, report: classificationReport(flat, classes, labels), share };
}
