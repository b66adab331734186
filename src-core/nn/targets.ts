import type { LossName, TaskKind } from '../contract/run-config';

/**
 * How a dataset's y rows become loss targets. cross_entropy reads class indices (width 1); every other
 * loss reads one target per output, so class indices meet a multi-output network as one-hot rows.
 */
export interface TargetLayout {
  /** Values per row in TensorData.y. */
  yWidth: number;
  /** Values per row the loss reads. */
  lossWidth: number;
  /** y holds class indices that must be expanded to one-hot rows of lossWidth. */
  oneHot: boolean;
}

export function targetLayout(loss: LossName, task: TaskKind, yWidth: number, outputWidth: number): TargetLayout {
  if (loss === 'cross_entropy') {
    if (yWidth !== 1) throw new Error(`cross_entropy needs one class index per row, but y has ${yWidth} values per row`);
    return { yWidth, lossWidth: 1, oneHot: false };
  }
  if (yWidth === outputWidth) return { yWidth, lossWidth: outputWidth, oneHot: false };
  if (task === 'classification' && yWidth === 1) return { yWidth, lossWidth: outputWidth, oneHot: true };
  throw new Error(`the network has ${outputWidth} outputs but y has ${yWidth} values per row`);
}

/**
 * Refuses targets the loss cannot read, naming the set and the row (1-based): class indices must be
 * integers below `classCount` (undefined when y holds values, not classes), bce targets must lie in
 * [0, 1], and nothing may be NaN.
 */
export function checkTargets(name: string, y: Float32Array, rows: number, loss: LossName, yWidth: number, classCount: number | undefined): void {
  for (let i = 0; i < rows * yWidth; i++) {
    const v = y[i]!;
    const row = Math.floor(i / yWidth) + 1;
    if (!Number.isFinite(v)) throw new Error(`${name} data: row ${row} has a target that is not a number`);
    if (classCount !== undefined && (!Number.isInteger(v) || v < 0 || v >= classCount)) {
      throw new Error(`${name} data: row ${row} has class ${v}, but the network tells ${classCount} classes apart (0 to ${classCount - 1})`);
    }
    if (classCount === undefined && loss === 'bce' && (v < 0 || v > 1)) throw new Error(`${name} data: row ${row} has target ${v}; bce needs targets between 0 and 1`);
  }
}

/** How many classes the targets index, or undefined when y holds values (regression, multilabel 0/1). */
export function classCountOf(loss: LossName, task: TaskKind, layout: TargetLayout, logitWidth: number): number | undefined {
  if (loss === 'cross_entropy' || layout.oneHot) return logitWidth;
  if (task === 'classification' && layout.yWidth === 1 && logitWidth === 1) return 2;
  return undefined;
}

/** Copies the targets of rows order[start … start+n) into dst (n, lossWidth). */
export function gatherTargets(
  dst: Float32Array | Float64Array, y: Float32Array, order: Int32Array, start: number, n: number, layout: TargetLayout,
): void {
  const { yWidth, lossWidth, oneHot } = layout;
  if (oneHot) {
    dst.fill(0, 0, n * lossWidth);
    for (let i = 0; i < n; i++) dst[i * lossWidth + y[order[start + i]!]!] = 1;
    return;
  }
  for (let i = 0; i < n; i++) {
    const src = order[start + i]! * yWidth;
    for (let j = 0; j < yWidth; j++) dst[i * yWidth + j] = y[src + j]!;
  }
}

/**
 * Rows classified correctly: argmax for several outputs, threshold 0.5 for one; for multilabel, rows
 * whose every label is right (exact match, as sklearn's accuracy_score and the eval report count).
 */
export function countCorrect(
  output: Float32Array | Float64Array, y: Float32Array, order: Int32Array, start: number, n: number,
  outputWidth: number, yWidth: number, task: TaskKind,
): number {
  let correct = 0;
  if (task === 'multilabel') {
    for (let i = 0; i < n; i++) {
      const src = order[start + i]! * yWidth;
      let right = true;
      for (let j = 0; j < outputWidth && right; j++) right = (output[i * outputWidth + j]! >= 0.5 ? 1 : 0) === y[src + j];
      if (right) correct++;
    }
    return correct;
  }
  // predictedClass's rule, inlined over this typed array: the shared function sees every kind of array, and its
  // element loads cost ~10 ns each here (8 ms of a W1 epoch).
  for (let i = 0; i < n; i++) {
    const row = i * outputWidth;
    let best = 0;
    if (outputWidth === 1) best = output[row]! >= 0.5 ? 1 : 0;
    else for (let c = 1; c < outputWidth; c++) if (output[row + c]! > output[row + best]!) best = c;
    if (best === y[order[start + i]! * yWidth]!) correct++;
  }
  return correct;
}
