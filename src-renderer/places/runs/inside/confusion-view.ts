import type { RunSnapshot, SnapshotFrame } from '../../../../src-core/contract/snapshots';
import { cellRowsOf, confusionOfPredictions, type ConfusionDetail } from '../../../../src-core/insight/index';

/** The confusion matrix of a stored snapshot, and what a clicked cell or the misclassified gallery shows. */

export function snapshotConfusion(frame: SnapshotFrame | undefined, snapshot: RunSnapshot | undefined): ConfusionDetail | undefined {
  if (!frame?.actual || !snapshot?.predicted || !snapshot.confidence) return undefined;
  return confusionOfPredictions(
    Int32Array.from(snapshot.predicted.data),
    Float32Array.from(snapshot.confidence.data, (c) => c / 255),
    frame.actual.data,
    frame.classes,
    classNames(frame),
  );
}

export function classNames(frame: SnapshotFrame): string[] {
  return Array.from({ length: frame.classes }, (_, c) => frame.classNames?.[c] ?? `Class ${c}`);
}

/** One probe row as a cell or the gallery lists it. */
export interface ShownRow {
  /** Index into the split (validation or training rows). */
  row: number;
  actual: number;
  predicted: number;
  confidence: number;
  /** Table data: the row's values in the data's units (one per column); image data: its grey pixels. */
  values?: number[];
  pixels?: Uint8Array;
}

export function shownRow(frame: SnapshotFrame, detail: ConfusionDetail, probe: number): ShownRow {
  const row: ShownRow = {
    row: frame.rows.data[probe]!,
    actual: frame.actual!.data[probe]!,
    predicted: detail.predicted[probe]!,
    confidence: detail.confidence[probe]!,
  };
  const view = frame.view;
  if (view.kind === 'table') {
    const width = view.columns.length;
    row.values = Array.from(view.values.data.subarray(probe * width, (probe + 1) * width));
  } else {
    const size = view.height * view.width;
    row.pixels = view.pixels.data.subarray(probe * size, (probe + 1) * size);
  }
  return row;
}

/** Exactly the rows counted in cell (actual, predicted), in row order. */
export function cellRows(frame: SnapshotFrame, detail: ConfusionDetail, actual: number, predicted: number): ShownRow[] {
  return Array.from(cellRowsOf(detail, actual, predicted), (probe) => shownRow(frame, detail, probe));
}

/** The misclassified rows, most confidently wrong first, at most `limit`. */
export function misclassifiedRows(frame: SnapshotFrame, detail: ConfusionDetail, limit = 48): ShownRow[] {
  return Array.from(detail.misclassified.subarray(0, limit), (probe) => shownRow(frame, detail, probe));
}

/** A cell's shade: its share of the actual class's rows (0..1), 0 for an empty class. */
export function cellShare(detail: ConfusionDetail, actual: number, predicted: number): number {
  const k = detail.classes;
  let total = 0;
  for (let p = 0; p < k; p++) total += detail.matrix[actual * k + p]!;
  return total > 0 ? detail.matrix[actual * k + predicted]! / total : 0;
}

/** A grey image as RGBA pixels for a canvas. */
export function greyPixels(pixels: Uint8Array): Uint8ClampedArray {
  const out = new Uint8ClampedArray(pixels.length * 4);
  for (let i = 0; i < pixels.length; i++) {
    out[i * 4] = out[i * 4 + 1] = out[i * 4 + 2] = pixels[i]!;
    out[i * 4 + 3] = 255;
  }
  return out;
}
