import type { TensorData } from '../training-data';
import { Random } from '../random';

/**
 * Splits rows into train and validation after a seeded shuffle (Fisher-Yates), so the same seed
 * always gives the same split. `fraction` is the validation share, rounded to whole rows.
 */
export function splitRows(data: TensorData, fraction: number, seed: number): { train: TensorData; validation: TensorData } {
  const order = Array.from({ length: data.rows }, (_, i) => i);
  const rng = new Random(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const validationRows = Math.round(data.rows * fraction);
  return {
    validation: pickRows(data, order.slice(0, validationRows)),
    train: pickRows(data, order.slice(validationRows)),
  };
}

function pickRows(data: TensorData, rows: number[]): TensorData {
  const xWidth = data.x.length / data.rows;
  const yWidth = data.y.length / data.rows;
  const x = new Float32Array(rows.length * xWidth); // (rows, ...inputShape)
  const y = new Float32Array(rows.length * yWidth); // (rows, targetWidth)
  rows.forEach((row, i) => {
    x.set(data.x.subarray(row * xWidth, (row + 1) * xWidth), i * xWidth);
    y.set(data.y.subarray(row * yWidth, (row + 1) * yWidth), i * yWidth);
  });
  return { x, y, rows: rows.length };
}
