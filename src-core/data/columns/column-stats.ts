import type { TableColumn } from '../csv/csv-table';

/** One pass of facts about a column, from which its kind is decided. */
export interface ColumnStats {
  present: number;
  missing: number;
  distinct: number;
  /** Every present value differs from every other. */
  unique: boolean;
  /** Numeric columns: */
  min?: number;
  max?: number;
  mean?: number;
  std?: number;
  integer?: boolean;
  nonFinite?: number;
  /** Text columns: each distinct value and its count. */
  counts?: Map<string, number>;
  /** Text columns: some value holds whitespace (free text rather than a code). */
  hasSpaces?: boolean;
}

/** Integer ranges up to this size are counted in an array, not a Set (pixel columns, class labels). */
const COUNTING_RANGE = 1 << 20;

export function numericStats(values: ArrayLike<number>): ColumnStats {
  let present = 0;
  let nonFinite = 0;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let integer = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    if (v === Infinity || v === -Infinity) {
      nonFinite++;
      continue;
    }
    present++;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    if (integer && Math.floor(v) !== v) integer = false;
  }
  const mean = present > 0 ? sum / present : NaN;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v && v !== Infinity && v !== -Infinity) squares += (v - mean) * (v - mean);
  }
  const std = present > 0 ? Math.sqrt(squares / present) : NaN;
  const total = present + nonFinite;
  let distinct = 0;
  if (present > 0 && integer && max - min < COUNTING_RANGE) {
    const seen = new Uint8Array(max - min + 1);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v === v && v !== Infinity && v !== -Infinity) {
        const k = v - min;
        if (seen[k] === 0) {
          seen[k] = 1;
          distinct++;
        }
      }
    }
  } else if (present > 0) {
    const sorted = new Float64Array(present);
    let k = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v === v && v !== Infinity && v !== -Infinity) sorted[k++] = v;
    }
    sorted.sort();
    distinct = 1;
    for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  }
  if (nonFinite > 0) distinct += 1;
  return {
    present: total,
    missing: values.length - total,
    distinct,
    unique: distinct === total,
    min: present > 0 ? min : NaN,
    max: present > 0 ? max : NaN,
    mean,
    std,
    integer: present > 0 && integer,
    nonFinite,
  };
}

export function textStats(values: ReadonlyArray<string | null>): ColumnStats {
  const counts = new Map<string, number>();
  let present = 0;
  let hasSpaces = false;
  for (const v of values) {
    if (v === null) continue;
    present++;
    counts.set(v, (counts.get(v) ?? 0) + 1);
    if (!hasSpaces && /\s/.test(v)) hasSpaces = true;
  }
  return {
    present,
    missing: values.length - present,
    distinct: counts.size,
    unique: counts.size === present,
    counts,
    hasSpaces,
  };
}

export function columnStats(column: TableColumn): ColumnStats {
  return column.type === 'number' ? numericStats(column.values) : textStats(column.values);
}
