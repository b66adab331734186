import type { ParsedTable, TableColumn } from '../csv/csv-table';
import type { DatasetPlan } from '../columns/column-plan';
import { sortCategories } from '../columns/type-column';
import type {
  BooleanTransform,
  CategoricalTransform,
  FeatureTransform,
  MissingPolicy,
  NumericTransform,
  PreprocessorState,
  Scaling,
} from './preprocessor-state';

export interface FitOptions {
  /** Scaling of numeric features (default standard)... */
  scale?: Scaling;
  /** ...unless set for a column by name. */
  columnScale?: Record<string, Scaling>;
  missing?: MissingPolicy;
  /** ...and a column's own missing-value policy, by name. */
  columnMissing?: Record<string, MissingPolicy>;
}

function presentNumbers(column: TableColumn, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  let k = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = column.values[rows[i]!];
    const x = typeof v === 'number' ? v : v === null || v === undefined ? NaN : Number(v);
    if (Number.isFinite(x)) out[k++] = x;
  }
  return out.subarray(0, k);
}

function mostFrequent<T>(values: Iterable<T>): T | undefined {
  const counts = new Map<T, number>();
  let best: T | undefined;
  let bestCount = 0;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount) [best, bestCount] = [v, c];
  }
  return best;
}

function fitNumeric(column: TableColumn, rows: ArrayLike<number>, scaling: Scaling, missing: MissingPolicy): NumericTransform {
  const values = presentNumbers(column, rows);
  const n = values.length;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = n > 0 ? sum / n : 0;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  const std = n > 0 ? Math.sqrt(squares / n) : 0;
  let offset = 0;
  let scale = 1;
  if (scaling === 'standard') [offset, scale] = [mean, std > 0 ? std : 1];
  if (scaling === 'minmax') [offset, scale] = [n > 0 ? min : 0, max > min ? max - min : 1];
  let fill: number | null = null;
  if (missing === 'mean') fill = mean;
  if (missing === 'median') {
    const sorted = Float64Array.from(values).sort();
    fill = n === 0 ? 0 : n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  }
  if (missing === 'most_frequent') fill = mostFrequent(values) ?? 0;
  return { kind: 'numeric', column: column.name, scaling, offset, scale, fill };
}

function textValues(column: TableColumn, rows: ArrayLike<number>): string[] {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const v = column.values[rows[i]!];
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number' && v === v) out.push(String(v));
  }
  return out;
}

function fitCategorical(column: TableColumn, rows: ArrayLike<number>, missing: MissingPolicy): CategoricalTransform {
  const values = textValues(column, rows);
  const fill = missing === 'drop' ? null : (mostFrequent(values) ?? null);
  return { kind: 'categorical', column: column.name, categories: sortCategories(new Set(values)), fill };
}

function fitBoolean(column: TableColumn, rows: ArrayLike<number>, categories: string[], missing: MissingPolicy): BooleanTransform {
  const [falseWord, trueWord] = categories as [string, string];
  const values = textValues(column, rows).map((v) => (v.trim().toLowerCase() === trueWord.trim().toLowerCase() ? 1 : 0));
  const fill = missing === 'drop' ? null : (mostFrequent(values) ?? 0);
  return { kind: 'boolean', column: column.name, falseWord, trueWord, fill };
}

/**
 * Fits the transform on the training rows only: scaling statistics, fill values and the
 * categories of one-hot columns. Image pixels are divided by the plan's pixel scale instead.
 */
export function fitPreprocessor(table: ParsedTable, plan: DatasetPlan, trainRows: ArrayLike<number>, options: FitOptions = {}): PreprocessorState {
  const scaling = options.scale ?? 'standard';
  const missing = options.missing ?? 'drop';
  const featureColumns = plan.columns.filter((c) => c.use === 'feature');
  const features: FeatureTransform[] = [];
  const featureNames: string[] = [];
  let inputShape: number[];
  if (plan.image) {
    features.push({ kind: 'pixels', columns: featureColumns.map((c) => c.name), shape: plan.image.shape, pixelScale: plan.image.pixelScale });
    featureNames.push(...featureColumns.map((c) => c.name));
    inputShape = [...plan.image.shape];
  } else {
    for (const info of featureColumns) {
      const column = table.columns[info.index]!;
      const columnMissing = options.columnMissing?.[info.name] ?? missing;
      if (info.kind === 'categorical') {
        const t = fitCategorical(column, trainRows, columnMissing);
        features.push(t);
        featureNames.push(...t.categories.map((c) => `${info.name}=${c}`));
      } else if (info.kind === 'boolean') {
        features.push(fitBoolean(column, trainRows, info.categories ?? ['false', 'true'], columnMissing));
        featureNames.push(info.name);
      } else {
        features.push(fitNumeric(column, trainRows, options.columnScale?.[info.name] ?? scaling, columnMissing));
        featureNames.push(info.name);
      }
    }
    inputShape = [featureNames.length];
  }
  return {
    format: 'nn-lab-preprocessor',
    version: 1,
    missing,
    features,
    target: { task: plan.target.task, columns: [...plan.target.names], ...(plan.target.classes ? { classes: [...plan.target.classes] } : {}) },
    inputShape,
    featureNames,
  };
}
