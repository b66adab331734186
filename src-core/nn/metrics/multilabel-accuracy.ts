export interface MultilabelAccuracy {
  /** Rows whose every label is right (sklearn's accuracy_score on multilabel data). */
  exactMatch: number;
  /** Labels that are right, over all rows and labels (1 − sklearn's hamming_loss). */
  perLabel: number;
}

/** Outputs at or above `threshold` (0.5 by default, a sigmoid's midpoint) predict label 1; targets are 0/1. */
export function multilabelAccuracy(
  outputs: ArrayLike<number>,
  targets: ArrayLike<number>,
  rows: number,
  width: number,
  threshold = 0.5,
): MultilabelAccuracy {
  // outputs, targets: (rows, width)
  if (rows === 0 || width === 0) return { exactMatch: 0, perLabel: 0 };
  let exact = 0;
  let right = 0;
  for (let r = 0; r < rows; r++) {
    let rowRight = 0;
    for (let c = 0; c < width; c++) {
      const i = r * width + c;
      if ((outputs[i]! >= threshold ? 1 : 0) === (targets[i]! >= 0.5 ? 1 : 0)) rowRight++;
    }
    right += rowRight;
    if (rowRight === width) exact++;
  }
  return { exactMatch: exact / rows, perLabel: right / (rows * width) };
}
