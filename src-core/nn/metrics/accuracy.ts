/** The fraction of rows whose predicted class equals the actual one; 0 for no rows. */
export function accuracy(predicted: Int32Array, actual: Int32Array): number {
  if (predicted.length !== actual.length) throw new RangeError(`accuracy: ${predicted.length} predictions for ${actual.length} targets`);
  if (predicted.length === 0) return 0;
  let hits = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === actual[i]) hits++;
  return hits / predicted.length;
}

/**
 * The class each row of network outputs predicts: the arg-max of the row (the first on ties, like
 * torch.argmax), or for a single output (a binary sigmoid head) 1 when the output is at least 0.5.
 */
export function predictedClasses(outputs: ArrayLike<number>, rows: number, width: number): Int32Array {
  // outputs: (rows, width)
  const classes = new Int32Array(rows);
  for (let r = 0; r < rows; r++) classes[r] = predictedClass(outputs, r * width, width);
  return classes;
}

/** The class one row of outputs (`width` values from `offset`) predicts, as `predictedClasses` says. */
export function predictedClass(outputs: ArrayLike<number>, offset: number, width: number): number {
  return width === 1 ? (outputs[offset]! >= 0.5 ? 1 : 0) : argmax(outputs, offset, width);
}

/** The index (0 … width−1) of the largest of `width` values from `offset`; the first on ties. */
export function argmax(values: ArrayLike<number>, offset: number, width: number): number {
  let best = 0;
  for (let c = 1; c < width; c++) if (values[offset + c]! > values[offset + best]!) best = c;
  return best;
}
