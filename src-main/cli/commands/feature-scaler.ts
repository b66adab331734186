import type { Scaler } from '../../../src-core/nn/model-file';

/**
 * Fits a per-feature scaler on (rows, width) training inputs: `standard` subtracts the mean and divides by
 * the population standard deviation (sklearn's StandardScaler), `minmax` maps [min, max] to [0, 1]
 * (MinMaxScaler). A constant feature gets divisor 1, so it is centred but not blown up.
 */
export function fitScaler(kind: 'standard' | 'minmax' | 'none', x: Float32Array, rows: number, width: number): Scaler {
  if (kind === 'none') return { kind };
  const offset = new Array<number>(width).fill(0);
  const divisor = new Array<number>(width).fill(1);
  for (let c = 0; c < width; c++) {
    if (kind === 'standard') {
      let mean = 0;
      for (let r = 0; r < rows; r++) mean += x[r * width + c]!;
      mean /= rows;
      let variance = 0;
      for (let r = 0; r < rows; r++) variance += (x[r * width + c]! - mean) ** 2;
      const std = Math.sqrt(variance / rows);
      offset[c] = mean;
      divisor[c] = std > 0 ? std : 1;
    } else {
      let min = Infinity;
      let max = -Infinity;
      for (let r = 0; r < rows; r++) {
        min = Math.min(min, x[r * width + c]!);
        max = Math.max(max, x[r * width + c]!);
      }
      offset[c] = min;
      divisor[c] = max > min ? max - min : 1;
    }
  }
  return { kind, offset, divisor };
}

/** Applies the scaler to (rows, width) inputs in place. */
export function applyScaler(scaler: Scaler, x: Float32Array, rows: number, width: number): void {
  if (scaler.kind === 'none') return;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < width; c++) x[r * width + c] = (x[r * width + c]! - scaler.offset[c]!) / scaler.divisor[c]!;
  }
}
