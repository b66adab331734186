/**
 * Counts of (actual, predicted) pairs: a (classes, classes) matrix, row = actual class,
 * column = predicted class, like sklearn's confusion_matrix. Adds to `into` when given (counting in chunks).
 */
export function confusionMatrix(
  predicted: Int32Array, actual: Int32Array, classes: number, into = new Int32Array(classes * classes),
): Int32Array {
  if (predicted.length !== actual.length) {
    throw new RangeError(`confusionMatrix: ${predicted.length} predictions for ${actual.length} targets`);
  }
  const matrix = into; // (classes, classes), row = actual
  for (let i = 0; i < predicted.length; i++) {
    const a = actual[i]!;
    const p = predicted[i]!;
    if (a < 0 || a >= classes || p < 0 || p >= classes) {
      throw new RangeError(`confusionMatrix: class ${a < 0 || a >= classes ? a : p} at row ${i} is outside 0..${classes - 1}`);
    }
    matrix[a * classes + p]!++;
  }
  return matrix;
}
