import type { ColumnSummary } from '../data/doctor/dataset-report';
import type { InputColumnStats } from '../contract/training';
import type { PreprocessorState } from '../data/preprocess/preprocessor-state';
import type { TrainingData } from '../data/training-data';

/** Per input column: its name, mean and standard deviation over the training rows, as the model sees them. */
export type InputStats = InputColumnStats;

/** From the model's inputs themselves: each column of x (rows, names.length). */
export function inputStats(x: Float32Array, rows: number, names: readonly string[]): InputStats[] {
  const width = names.length;
  return names.map((name, f) => {
    let sum = 0;
    for (let r = 0; r < rows; r++) sum += x[r * width + f]!;
    const mean = sum / Math.max(1, rows);
    let squares = 0;
    for (let r = 0; r < rows; r++) squares += (x[r * width + f]! - mean) ** 2;
    return { name, mean, std: Math.sqrt(squares / Math.max(1, rows)) };
  });
}

/**
 * The statistics of what a model is fed: each input column of the training rows, after the data set-up's scaling,
 * named by `names` (the fitted preprocessor's feature names) or x1, x2, … for generated data. Undefined for images
 * (their range is fixed by the pixels' encoding, and a column per pixel says nothing).
 */
export function modelInputStats(data: Pick<TrainingData, 'inputShape' | 'train'>, names?: readonly string[]): InputStats[] | undefined {
  if (data.inputShape.length !== 1) return undefined;
  const width = data.inputShape[0]!;
  const named = names?.length === width ? names : Array.from({ length: width }, (_, i) => `x${i + 1}`);
  return inputStats(data.train.x, data.train.rows, named);
}

/**
 * From what is stored with a run, without its rows: the dataset doctor's summary of each numeric feature
 * column passed through the run's fitted transform, mean' = (mean − offset) / scale and std' = std / scale.
 * One-hot, yes/no and pixel inputs are left out: their range is fixed by the encoding.
 */
export function inputStatsFromReport(columns: readonly ColumnSummary[], preprocessor: PreprocessorState): InputStats[] {
  const out: InputStats[] = [];
  for (const t of preprocessor.features) {
    if (t.kind !== 'numeric') continue;
    const c = columns.find((s) => s.name === t.column);
    if (c?.mean === undefined || c.std === undefined) continue;
    out.push({ name: t.column, mean: (c.mean - t.offset) / t.scale, std: c.std / t.scale });
  }
  return out;
}
