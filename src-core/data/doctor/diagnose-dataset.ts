import type { DatasetPlan } from '../columns/column-plan';
import { cachedStats } from '../columns/column-stats';
import { mayBeId } from '../columns/type-column';
import type { ParsedTable, TableColumn } from '../csv/csv-table';
import type { RowSplit } from '../split';
import { histogram, histogramOfCounts } from '../histogram';
import type { ColumnSummary, DatasetReport, DatasetWarning } from './dataset-report';
import { hashRows, rowHash, sameRow } from './row-hash';

/** Feature ranges wider apart than this factor call for scaling. */
const SCALE_RATIO = 100;
/** The smallest class under this share of the largest is heavy imbalance. */
const IMBALANCE_RATIO = 0.1;
/** A feature this close to determining the target (purity or |correlation|) is probably leakage. */
const LEAKAGE_LEVEL = 0.99;

function nonFiniteCount(column: TableColumn): number {
  if (column.type !== 'number') return 0;
  if (column.nonFinite !== undefined) return column.nonFinite;
  const cached = cachedStats(column)?.nonFinite;
  if (cached !== undefined) return cached;
  let count = 0;
  for (const v of column.values) if (v === Infinity || v === -Infinity) count++;
  return count;
}

function topValues(column: TableColumn): Array<{ value: string; count: number }> {
  const counts = new Map<string, number>();
  for (const v of column.values) if (typeof v === 'string') counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([value, count]) => ({ value, count }));
}

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isFinite(a[i]!) && Number.isFinite(b[i]!)) {
      n++;
      sa += a[i]!;
      sb += b[i]!;
    }
  }
  if (n < 3) return 0;
  const ma = sa / n;
  const mb = sb / n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isFinite(a[i]!) && Number.isFinite(b[i]!)) {
      cov += (a[i]! - ma) * (b[i]! - mb);
      va += (a[i]! - ma) ** 2;
      vb += (b[i]! - mb) ** 2;
    }
  }
  return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
}

/** Share of rows whose class is the majority class of their feature value: 1 when the feature decides the class. */
function purity(feature: TableColumn, classOf: Int32Array): { purity: number; distinct: number } {
  const byValue = new Map<string | number, Map<number, number>>();
  let n = 0;
  for (let row = 0; row < classOf.length; row++) {
    const v = feature.values[row];
    const c = classOf[row]!;
    if (c < 0 || v === null || v === undefined || (typeof v === 'number' && v !== v)) continue;
    n++;
    let counts = byValue.get(v);
    if (!counts) byValue.set(v, (counts = new Map()));
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let majority = 0;
  for (const counts of byValue.values()) majority += Math.max(...counts.values());
  return { purity: n > 0 ? majority / n : 0, distinct: byValue.size };
}

function classIndices(table: ParsedTable, plan: DatasetPlan): Int32Array | undefined {
  if (plan.target.task !== 'classification') return undefined;
  const index = new Map(plan.target.classes!.map((name, i) => [name, i]));
  const column = table.columns.find((c) => c.name === plan.target.names[0])!;
  return Int32Array.from({ length: table.rows }, (_, row) => {
    const v = column.values[row];
    return v === null || v === undefined || (typeof v === 'number' && v !== v) ? -1 : (index.get(String(v)) ?? -1);
  });
}

function lines(table: ParsedTable, rows: number[]): string {
  return rows.map((r) => table.rowLines[r]).join(' and ');
}

/**
 * The dataset doctor: per-column summaries (missing, ±Inf, min, max, mean, std, histogram) and
 * warnings for what tends to spoil training: unscaled features, heavy class imbalance, a feature
 * that (nearly) copies the target, id columns, duplicated rows and rows shared by train and test.
 */
export function diagnoseDataset(table: ParsedTable, plan: DatasetPlan, options: { split?: RowSplit } = {}): DatasetReport {
  const warnings: DatasetWarning[] = [];
  const columns: ColumnSummary[] = plan.columns.map((info) => {
    const column = table.columns[info.index]!;
    const summary: ColumnSummary = { name: info.name, kind: info.kind, use: info.use, missing: info.missing, nonFinite: nonFiniteCount(column) };
    if (column.type === 'number' && info.min !== undefined && Number.isFinite(info.min) && Number.isFinite(info.max!)) {
      Object.assign(summary, { min: info.min, max: info.max, mean: info.mean, std: info.std });
      const valueCounts = cachedStats(column)?.valueCounts;
      const range = { min: info.min, max: info.max! };
      summary.histogram = valueCounts ? histogramOfCounts(valueCounts.first, valueCounts.counts, range) : histogram(column.values, range);
    } else if (column.type === 'text') {
      summary.topValues = topValues(column);
    }
    return summary;
  });

  for (const summary of columns) {
    if (summary.use === 'excluded') {
      if (summary.kind === 'id') {
        warnings.push({ code: 'id_column', column: summary.name, message: `'${summary.name}' looks like an id (a different value in every row): excluded, since it cannot generalise` });
      }
      continue;
    }
    if (summary.missing > 0 && summary.use === 'feature') {
      warnings.push({ code: 'missing_values', column: summary.name, message: `'${summary.name}' has ${summary.missing} missing value${summary.missing === 1 ? '' : 's'}: those rows are dropped unless you impute` });
    }
    if (summary.nonFinite > 0) {
      warnings.push({ code: 'non_finite', column: summary.name, message: `'${summary.name}' has ${summary.nonFinite} infinite value${summary.nonFinite === 1 ? '' : 's'} (such as 1e999), read as missing` });
    }
  }
  for (const info of plan.columns) {
    if (info.use === 'feature' && mayBeId(info, table.rows)) {
      warnings.push({
        code: 'possible_id',
        column: info.name,
        message: `'${info.name}' holds a different integer in every row (${info.min}..${info.max}): kept as a feature; if it only identifies rows, exclude it`,
      });
    }
  }
  if (plan.target.missing > 0) {
    warnings.push({ code: 'missing_target', message: `${plan.target.missing} row${plan.target.missing === 1 ? ' has' : 's have'} no target value: left out of training` });
  }

  // Scales: compare the spans of numeric features (images are scaled by their pixel depth anyway).
  const numericFeatures = columns.filter((c) => c.use === 'feature' && c.kind === 'numeric' && c.max !== undefined);
  if (!plan.image && numericFeatures.length > 1) {
    const span = (c: ColumnSummary) => Math.max(Math.abs(c.max!), Math.abs(c.min!), c.max! - c.min!);
    const widest = numericFeatures.reduce((a, b) => (span(b) > span(a) ? b : a));
    const narrowest = numericFeatures.reduce((a, b) => (span(b) < span(a) ? b : a));
    if (span(narrowest) > 0 && span(widest) / span(narrowest) > SCALE_RATIO) {
      warnings.push({
        code: 'unscaled',
        column: widest.name,
        message: `features are on very different scales ('${widest.name}' ${widest.min}..${widest.max}, '${narrowest.name}' ${narrowest.min}..${narrowest.max}): standardize or min-max scale them`,
      });
    }
  }

  const classOf = classIndices(table, plan);
  let classBalance: DatasetReport['classBalance'];
  if (classOf) {
    const counts = new Array<number>(plan.target.classes!.length).fill(0);
    for (const c of classOf) if (c >= 0) counts[c]!++;
    classBalance = plan.target.classes!.map((name, i) => ({ name, count: counts[i]! }));
    const present = classBalance.filter((c) => c.count > 0);
    const largest = present.reduce((a, b) => (b.count > a.count ? b : a));
    const smallest = present.reduce((a, b) => (b.count < a.count ? b : a));
    if (smallest.count < largest.count * IMBALANCE_RATIO) {
      warnings.push({
        code: 'imbalance',
        message: `heavy class imbalance: '${smallest.name}' has ${smallest.count} rows, '${largest.name}' ${largest.count}; accuracy will flatter the model`,
      });
    }
  } else if (plan.target.task === 'multilabel') {
    classBalance = plan.target.names.map((name) => {
      const column = table.columns.find((c) => c.name === name)!;
      let count = 0;
      for (const v of column.values) if (v === 1 || (typeof v === 'string' && /^(true|yes)$/i.test(v.trim()))) count++;
      return { name, count };
    });
  }

  // Leakage: a feature that decides the class, or tracks a regression target almost perfectly.
  if (!plan.image) {
    const targetColumn = table.columns.find((c) => c.name === plan.target.names[0])!;
    for (const info of plan.columns) {
      if (info.use !== 'feature') continue;
      const feature = table.columns[info.index]!;
      let nearly: string | undefined;
      if (classOf) {
        const { purity: p, distinct } = purity(feature, classOf);
        if (p >= LEAKAGE_LEVEL && distinct <= Math.max(10, table.rows / 10)) nearly = `its value decides the class in ${(p * 100).toFixed(1)}% of rows`;
        else if (feature.type === 'number' && plan.target.classes!.length === 2) {
          const r = correlation(feature.values, classOf);
          if (Math.abs(r) >= LEAKAGE_LEVEL) nearly = `correlation with the class is ${r.toFixed(3)}`;
        }
      } else if (plan.target.task === 'regression' && feature.type === 'number' && targetColumn.type === 'number') {
        const r = correlation(feature.values, targetColumn.values);
        if (Math.abs(r) >= LEAKAGE_LEVEL) nearly = `correlation with the target is ${r.toFixed(3)}`;
      }
      if (nearly) {
        warnings.push({ code: 'leakage', column: info.name, message: `'${info.name}' nearly copies the target ${plan.target.names.join(', ')} (${nearly}): is it known before the answer? If not, exclude it` });
      }
    }
  }

  // Duplicated rows over every used column; then evaluation rows that repeat a training row's features.
  const used = plan.columns.filter((c) => c.use !== 'excluded').map((c) => table.columns[c.index]!);
  const features = plan.columns.filter((c) => c.use === 'feature').map((c) => table.columns[c.index]!);
  let duplicateRows = 0;
  let example: number[] | undefined;
  for (const group of hashRows(used, Int32Array.from({ length: table.rows }, (_, i) => i)).values()) {
    if (group.length < 2) continue;
    const firsts: number[] = [];
    for (const row of group) {
      const original = firsts.find((f) => sameRow(used, f, row));
      if (original === undefined) firsts.push(row);
      else {
        duplicateRows++;
        example ??= [original, row];
      }
    }
  }
  if (duplicateRows > 0) {
    warnings.push({ code: 'duplicate_rows', message: `${duplicateRows} row${duplicateRows === 1 ? ' repeats' : 's repeat'} an earlier row exactly (e.g. lines ${lines(table, example!)})` });
  }
  let overlapRows: number | undefined;
  if (options.split) {
    const trainGroups = hashRows(features, options.split.train);
    overlapRows = 0;
    let overlapExample: number[] | undefined;
    for (const row of [...options.split.validation, ...options.split.test]) {
      const match = trainGroups.get(rowHash(features, row))?.find((t) => sameRow(features, t, row));
      if (match !== undefined) {
        overlapRows++;
        overlapExample ??= [match, row];
      }
    }
    if (overlapRows > 0) {
      warnings.push({
        code: 'train_test_overlap',
        message: `${overlapRows} validation/test row${overlapRows === 1 ? ' has' : 's have'} the same features as a training row (e.g. lines ${lines(table, overlapExample!)}): the evaluation will look better than it is`,
      });
    }
  }

  return {
    fileName: table.fileName,
    rows: table.rows,
    columnCount: table.columns.length,
    task: plan.target.task,
    target: [...plan.target.names],
    ...(classBalance ? { classBalance } : {}),
    columns,
    duplicateRows,
    ...(overlapRows !== undefined ? { overlapRows } : {}),
    warnings,
  };
}
