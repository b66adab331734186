import { classificationReport, confusionMatrix, type ClassificationReport } from '../nn/metrics/index';
import type { TensorData } from '../nn/index';
import { classConfidence } from './class-confidence';
import type { Forward } from './tensor';

/**
 * A split's confusion matrix with the rows behind every cell, the per-class report, and the misclassified
 * rows, most confidently wrong first. Cell (actual a, predicted p) holds
 * cellRows.subarray(cellStart[a·classes + p], cellStart[a·classes + p + 1]), ascending row indices.
 */
export interface ConfusionDetail {
  classes: number;
  matrix: Int32Array; // (classes, classes), row = actual
  cellStart: Int32Array; // (classes² + 1)
  cellRows: Int32Array; // (rows)
  predicted: Int32Array; // (rows)
  confidence: Float32Array; // (rows) probability of the predicted class
  report: ClassificationReport;
  misclassified: Int32Array; // row indices, by confidence descending (ties by row)
}

export function confusionDetail(
  outputs: Float32Array,
  actual: Int32Array,
  classes: number,
  options: { probabilities?: boolean; labels?: readonly string[] } = {},
): ConfusionDetail {
  const rows = actual.length;
  const width = outputs.length / Math.max(1, rows);
  const predicted = new Int32Array(rows);
  const confidence = new Float32Array(rows);
  classConfidence(outputs, rows, width, options.probabilities ?? true, predicted, confidence);
  return confusionOfPredictions(predicted, confidence, actual, classes, options.labels);
}

/** The same detail from each row's predicted class and its confidence (a stored snapshot's). */
export function confusionOfPredictions(
  predicted: Int32Array,
  confidence: Float32Array,
  actual: Int32Array,
  classes: number,
  labels?: readonly string[],
): ConfusionDetail {
  const rows = actual.length;
  if (predicted.length !== rows || confidence.length !== rows) {
    throw new RangeError(`confusion: ${predicted.length} predictions and ${confidence.length} confidences for ${rows} rows`);
  }
  const matrix = confusionMatrix(predicted, actual, classes);
  const cellStart = new Int32Array(classes * classes + 1);
  for (let c = 0; c < classes * classes; c++) cellStart[c + 1] = cellStart[c]! + matrix[c]!;
  const fill = cellStart.slice(0, classes * classes);
  const cellRows = new Int32Array(rows);
  for (let r = 0; r < rows; r++) cellRows[fill[actual[r]! * classes + predicted[r]!]!++] = r;
  const wrong: number[] = [];
  for (let r = 0; r < rows; r++) if (predicted[r] !== actual[r]) wrong.push(r);
  wrong.sort((a, b) => confidence[b]! - confidence[a]! || a - b);
  return {
    classes,
    matrix,
    cellStart,
    cellRows,
    predicted,
    confidence,
    report: classificationReport(matrix, classes, labels),
    misclassified: Int32Array.from(wrong),
  };
}

/** The rows counted in cell (actual, predicted). */
export function cellRowsOf(detail: ConfusionDetail, actual: number, predicted: number): Int32Array {
  const c = actual * detail.classes + predicted;
  return detail.cellRows.subarray(detail.cellStart[c]!, detail.cellStart[c + 1]!);
}

/** The detail of one split (train, validation or test): its rows forward in eval mode, y its class indices. */
export function splitConfusion(
  model: Forward,
  split: TensorData,
  classes: number,
  options: { probabilities?: boolean; labels?: readonly string[] } = {},
): ConfusionDetail {
  if (split.y.length !== split.rows) throw new RangeError(`confusion: y has ${split.y.length} values for ${split.rows} rows, expected one class index per row`);
  return confusionDetail(model.predict(split.x, split.rows), Int32Array.from(split.y), classes, options);
}
