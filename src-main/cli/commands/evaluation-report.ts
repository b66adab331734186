import type { LossName, TaskKind } from '../../../src-core/contract/run-config';
import {
  classificationReport,
  confusionMatrix,
  multilabelAccuracy,
  predictedClasses,
  regressionMetrics,
  type ClassScores,
} from '../../../src-core/nn/metrics/index';
import type { ClassLabel } from './tabular-data';

export interface EvaluationInput {
  task: TaskKind;
  /** (rows, width) network outputs. */
  outputs: Float32Array;
  /** (rows, yWidth): class indices for classification, 0/1 per label for multilabel, values for regression. */
  y: Float32Array;
  rows: number;
  width: number;
  classes?: readonly ClassLabel[];
  loss?: { name: LossName; value: number };
}

type Averages = Omit<ClassScores, 'label'>;

export type EvaluationReport =
  | { task: 'classification'; rows: number; loss?: number; lossName?: LossName; accuracy: number; classes: string[];
      /** (classes, classes), row = actual class, column = predicted class. */
      confusionMatrix: number[][]; perClass: ClassScores[]; macroAvg: Averages; weightedAvg: Averages }
  | { task: 'multilabel'; rows: number; loss?: number; lossName?: LossName; accuracy: number; perLabelAccuracy: number }
  | { task: 'regression'; rows: number; loss?: number; lossName?: LossName; mae: number; rmse: number; r2: number };

/** The metrics `nn-lab eval` prints and `nn-lab train` reports for its test split. */
export function evaluationReport(input: EvaluationInput): EvaluationReport {
  const { task, outputs, y, rows, width } = input;
  const loss = input.loss ? { loss: input.loss.value, lossName: input.loss.name } : {};
  if (task === 'classification') {
    const count = input.classes?.length ?? Math.max(2, width);
    const labels = (input.classes ?? Array.from({ length: count }, (_, i) => i)).map(String);
    const confusion = confusionMatrix(predictedClasses(outputs, rows, width), Int32Array.from(y), count);
    const report = classificationReport(confusion, count, labels);
    const matrix = labels.map((_, r) => Array.from(confusion.subarray(r * count, (r + 1) * count)));
    return {
      task, rows, ...loss, accuracy: report.accuracy, classes: labels, confusionMatrix: matrix,
      perClass: report.classes, macroAvg: report.macro, weightedAvg: report.weighted,
    };
  }
  if (task === 'multilabel') {
    const m = multilabelAccuracy(outputs, y, rows, width);
    return { task, rows, ...loss, accuracy: m.exactMatch, perLabelAccuracy: m.perLabel };
  }
  return { task, rows, ...loss, ...regressionMetrics(outputs, y, rows, width) };
}
