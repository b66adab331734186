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
  for (let r = 0; r < rows; r++) {
    const base = r * width;
    if (width === 1) {
      classes[r] = outputs[base]! >= 0.5 ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let c = 1; c < width; c++) if (outputs[base + c]! > outputs[base + best]!) best = c;
    classes[r] = best;
  }
  return classes;
}
