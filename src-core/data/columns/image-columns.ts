import type { ParsedTable } from '../csv/csv-table';
import type { ImagePlan } from './column-plan';
import type { ColumnStats } from './column-stats';

/** The smallest square image recognised without the user's say-so (8×8, as in the digits set). */
const MIN_PIXELS = 64;

/**
 * Recognises MNIST-style rows: every non-target column a pixel (integers 0..255, or values in
 * [0, 1]), none missing, and either N a square (N = H×W, grey) or the user's (C, H, W) with C·H·W = N.
 * Returns undefined when the columns are not pixels; throws nothing (the caller checks a given shape).
 */
export function detectImage(
  table: ParsedTable,
  stats: ColumnStats[],
  pixelColumns: number[],
  shape?: [number, number, number],
): ImagePlan | undefined {
  const n = pixelColumns.length;
  if (n === 0 || (!shape && n < MIN_PIXELS)) return undefined;
  let imageShape: [number, number, number];
  if (shape) {
    if (shape[0] * shape[1] * shape[2] !== n) return undefined;
    imageShape = shape;
  } else {
    const side = Math.round(Math.sqrt(n));
    if (side * side !== n) return undefined;
    imageShape = [1, side, side];
  }
  let max = 0;
  let unitRange = true;
  let byteRange = true;
  for (const c of pixelColumns) {
    const s = stats[c]!;
    if (table.columns[c]!.type !== 'number' || s.missing > 0 || s.nonFinite! > 0) return undefined;
    if (s.present === 0) continue;
    if (s.min! < 0) return undefined;
    if (s.max! > 1) unitRange = false;
    if (!s.integer || s.max! > 255) byteRange = false;
    if (s.max! > max) max = s.max!;
  }
  if (!unitRange && !byteRange) return undefined;
  // Pixel depth from the largest value: [0, 1] already, 4-bit (the 8×8 digits: 0..16) or 8-bit.
  const pixelScale = unitRange ? 1 : max <= 16 ? 16 : 255;
  return { shape: imageShape, pixelScale };
}
