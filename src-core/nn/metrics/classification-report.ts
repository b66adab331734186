/** One class's scores, as sklearn's classification_report gives them. */
export interface ClassScores {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Rows whose actual class is this one. */
  support: number;
}

export interface ClassificationReport {
  classes: ClassScores[];
  accuracy: number;
  /** Unweighted means over classes; support is the total. */
  macro: Omit<ClassScores, 'label'>;
  /** Means weighted by each class's support. */
  weighted: Omit<ClassScores, 'label'>;
}

/**
 * Per-class precision, recall and F1 from a confusion matrix (row = actual, column = predicted).
 * A ratio whose denominator is 0 (a class never predicted, or never present) counts as 0, as sklearn's
 * `zero_division=0` does; such a class still counts in the macro average.
 */
export function classificationReport(confusion: Int32Array, classes: number, labels?: readonly string[]): ClassificationReport {
  if (confusion.length !== classes * classes) {
    throw new RangeError(`classificationReport: a ${classes}-class confusion matrix has ${classes * classes} cells, not ${confusion.length}`);
  }
  const at = (actual: number, predicted: number): number => confusion[actual * classes + predicted]!;
  const scores: ClassScores[] = [];
  let total = 0;
  let correct = 0;
  for (let c = 0; c < classes; c++) {
    let support = 0;
    let predictedAs = 0;
    for (let k = 0; k < classes; k++) {
      support += at(c, k);
      predictedAs += at(k, c);
    }
    const tp = at(c, c);
    const precision = ratio(tp, predictedAs);
    const recall = ratio(tp, support);
    const f1 = ratio(2 * precision * recall, precision + recall);
    scores.push({ label: labels?.[c] ?? String(c), precision, recall, f1, support });
    total += support;
    correct += tp;
  }
  const mean = (pick: (s: ClassScores) => number, weighted: boolean): number => {
    const sum = scores.reduce((acc, s) => acc + pick(s) * (weighted ? s.support : 1), 0);
    return ratio(sum, weighted ? total : classes);
  };
  const average = (weighted: boolean): Omit<ClassScores, 'label'> => ({
    precision: mean((s) => s.precision, weighted),
    recall: mean((s) => s.recall, weighted),
    f1: mean((s) => s.f1, weighted),
    support: total,
  });
  return { classes: scores, accuracy: ratio(correct, total), macro: average(false), weighted: average(true) };
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}
