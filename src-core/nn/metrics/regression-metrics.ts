export interface RegressionMetrics {
  mae: number;
  rmse: number;
  r2: number;
}

/**
 * Mean absolute error, root mean squared error and R², each computed per output column and then averaged
 * with equal weights (sklearn's multioutput='uniform_average'; for one output this is the usual definition).
 * R² of a constant target column is 1 if predicted exactly, else 0 (sklearn's force_finite).
 */
export function regressionMetrics(
  outputs: ArrayLike<number>,
  targets: ArrayLike<number>,
  rows: number,
  width: number,
): RegressionMetrics {
  // outputs, targets: (rows, width)
  if (rows === 0 || width === 0) return { mae: NaN, rmse: NaN, r2: NaN };
  let mae = 0;
  let rmse = 0;
  let r2 = 0;
  for (let c = 0; c < width; c++) {
    let mean = 0;
    for (let r = 0; r < rows; r++) mean += targets[r * width + c]!;
    mean /= rows;
    let absolute = 0;
    let squared = 0;
    let total = 0;
    for (let r = 0; r < rows; r++) {
      const t = targets[r * width + c]!;
      const d = outputs[r * width + c]! - t;
      absolute += Math.abs(d);
      squared += d * d;
      total += (t - mean) ** 2;
    }
    mae += absolute / rows;
    rmse += Math.sqrt(squared / rows);
    r2 += total === 0 ? (squared === 0 ? 1 : 0) : 1 - squared / total;
  }
  return { mae: mae / width, rmse: rmse / width, r2: r2 / width };
}
