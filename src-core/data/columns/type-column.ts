import type { TableColumn } from '../csv/csv-table';
import type { ColumnInfo, ColumnKind } from './column-plan';
import type { ColumnStats } from './column-stats';

/** The kind a column looks like, and why. */
export interface ColumnTyping {
  kind: ColumnKind;
  reason: string;
  categories?: string[];
}

/** Boolean spellings, compared in lower case: each column must use one pair. */
const booleanPairs: Array<[string, string]> = [
  ['false', 'true'],
  ['no', 'yes'],
];

/** Names that say "identifier" for a column of unique integers. */
const idName = /^(id|.*[_\s-]id|.*[a-z]Id|index|idx|row|row_?(num(ber)?|no)|#|key|no\.?|u?uid|guid)$/i;

/** At most this many distinct strings make a column categorical (or up to 100 when they are under 10% of rows). */
const CATEGORY_LIMIT = 20;
/** Below this many rows, uniqueness says nothing about ids. */
const ID_MIN_ROWS = 20;

export function booleanCategories(stats: ColumnStats): string[] | undefined {
  if (!stats.counts || stats.counts.size === 0) return undefined;
  const lower = [...stats.counts.keys()].map((k) => k.trim().toLowerCase());
  for (const [no, yes] of booleanPairs) {
    if (lower.every((v) => v === no || v === yes)) {
      // The file's own spellings, false-like first.
      const keys = [...stats.counts.keys()];
      const falseWord = keys.find((k) => k.trim().toLowerCase() === no) ?? no;
      const trueWord = keys.find((k) => k.trim().toLowerCase() === yes) ?? yes;
      return [falseWord, trueWord];
    }
  }
  return undefined;
}

export function isCategoricalCount(distinct: number, rows: number): boolean {
  return distinct <= CATEGORY_LIMIT || (distinct <= 100 && distinct <= rows * 0.1);
}

export function sortCategories(values: Iterable<string>): string[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function percent(part: number, whole: number): string {
  return `${Math.round((100 * part) / whole)}%`;
}

/** Decides a column's kind from its statistics (not yet whether it is the target). */
export function typeColumn(column: TableColumn, stats: ColumnStats, rows: number): ColumnTyping {
  if (stats.present === 0) return { kind: 'empty', reason: 'every value is missing' };
  if (stats.missing > rows / 2) {
    return { kind: 'empty', reason: `mostly empty: ${percent(stats.missing, rows)} of rows are missing` };
  }
  if (stats.distinct === 1) {
    const only = column.type === 'number' ? String(stats.min) : String([...stats.counts!.keys()][0]);
    return { kind: 'constant', reason: `constant: every present value is ${only}` };
  }
  const unique = stats.unique && stats.missing === 0 && rows >= ID_MIN_ROWS;
  if (column.type === 'number') {
    // Unique integers may be a real feature (ages 20..59 in 40 rows): an id only when named so or numbering the rows.
    if (unique && stats.integer) {
      if (idName.test(column.name)) return { kind: 'id', reason: `id-like: named '${column.name}', a different integer in every row` };
      const base = countsRowsFrom(column.values);
      if (base !== undefined) return { kind: 'id', reason: `id-like: numbers the rows ${base}..${rows - 1 + base} in file order` };
      return { kind: 'numeric', reason: `integers ${stats.min}..${stats.max}, a different one in every row (kept as a feature)` };
    }
    return { kind: 'numeric', reason: stats.integer ? `integers ${stats.min}..${stats.max}` : 'numbers' };
  }
  const booleans = booleanCategories(stats);
  if (booleans) return { kind: 'boolean', reason: `boolean: ${booleans.join('/')}`, categories: booleans };
  if (isCategoricalCount(stats.distinct, rows)) {
    return {
      kind: 'categorical',
      reason: `categorical: ${stats.distinct} distinct values`,
      categories: sortCategories(stats.counts!.keys()),
    };
  }
  if (unique && !stats.hasSpaces) return { kind: 'id', reason: 'id-like: a different code in every row' };
  return { kind: 'text', reason: `free text: ${stats.distinct} distinct values in ${stats.present} rows` };
}

/** 0 when the values are exactly 0..n−1 in file order, 1 when they are 1..n, else undefined. */
export function countsRowsFrom(values: ArrayLike<number>): 0 | 1 | undefined {
  const base = values[0];
  if (base !== 0 && base !== 1) return undefined;
  for (let i = 1; i < values.length; i++) if (values[i] !== i + base) return undefined;
  return base;
}

/**
 * A feature column that holds a different integer in every row (but is neither named as an id nor numbers the
 * rows): kept, and the doctor asks whether it is an identifier.
 */
export function mayBeId(info: Pick<ColumnInfo, 'kind' | 'integer' | 'distinct' | 'missing'>, rows: number): boolean {
  return info.kind === 'numeric' && info.integer === true && info.missing === 0 && info.distinct === rows && rows >= ID_MIN_ROWS;
}

/** Whether a kind feeds the model unless the user says otherwise. */
export function isFeatureKind(kind: ColumnKind): boolean {
  return kind === 'numeric' || kind === 'boolean' || kind === 'categorical';
}
