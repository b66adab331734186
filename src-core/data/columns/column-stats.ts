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
  /** Numeric columns of small integers: how often each of first, first + 1, ... occurs. */
  valueCounts?: { first: number; counts: Uint32Array };
  /** Text columns: each distinct value and its count. */
  counts?: Map<string, number>;
  /** Text columns: some value holds whitespace (free text rather than a code). */
  hasSpaces?: boolean;
}

/** Integer ranges up to this size are counted in an array, not a Set (pixel columns, class labels). */
const COUNTING_RANGE = 1 << 20;
/** Integers in [-COUNTING_OFFSET, COUNTING_OFFSET) are counted during the one pass (pixels, labels, small codes). */
const COUNTING_OFFSET = 1 << 15;
/** (2 · COUNTING_OFFSET): how often each small integer occurs, reused by every column (cleared after use). */
const smallCounts = new Uint32Array(2 * COUNTING_OFFSET);

/**
 * Statistics of each column computed by `columnStats`, keyed by the column's values: typing computes them
 * once and the doctor reads them (min/max, ±Inf, the histogram of small-integer columns) instead of
 * passing over the rows again.
 */
const statsCache = new WeakMap<object, ColumnStats>();

export function cachedStats(column: TableColumn): ColumnStats | undefined {
  return statsCache.get(column.values);
}

/**
 * One pass over a numeric column: count, min, max, shifted sums for mean and std, integer-ness and, for
 * small integers, each value's count (so distinct values and histograms need no second pass). Other
 * columns get the distinct count from a second, sorting pass.
 */
export function numericStats(values: ArrayLike<number>): ColumnStats {
  let present = 0;
  let nonFinite = 0;
  let min = Infinity;
  let max = -Infinity;
  let shift = NaN;
  let sum = 0;
  let squares = 0;
  let integer = true;
  let counted = true;
  let distinctSmall = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    if (v === Infinity || v === -Infinity) {
      nonFinite++;
      continue;
    }
    if (present === 0) shift = v;
    present++;
    if (v < min) min = v;
    if (v > max) max = v;
    const d = v - shift;
    sum += d;
    squares += d * d;
    if (integer && Math.floor(v) !== v) integer = false;
    if (counted) {
      if (integer && v >= -COUNTING_OFFSET && v < COUNTING_OFFSET) {
        const k = v + COUNTING_OFFSET;
        if (smallCounts[k] === 0) distinctSmall++;
        smallCounts[k]! += 1;
      } else counted = false;
    }
  }
  const mean = present > 0 ? shift + sum / present : NaN;
  const std = present > 0 ? Math.sqrt(Math.max(0, squares / present - (sum / present) ** 2)) : NaN;
  const total = present + nonFinite;
  let distinct = 0;
  let valueCounts: ColumnStats['valueCounts'];
  if (present > 0 && counted) {
    distinct = distinctSmall;
    valueCounts = { first: min, counts: smallCounts.slice(min + COUNTING_OFFSET, max + COUNTING_OFFSET + 1) };
  } else if (present > 0 && integer && max - min < COUNTING_RANGE) {
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
  // Clear what this column counted (only the range it touched), for the next column.
  if (present > 0 && Number.isFinite(min)) {
    const from = Math.max(-COUNTING_OFFSET, Math.floor(min)) + COUNTING_OFFSET;
    const to = Math.min(COUNTING_OFFSET - 1, Math.ceil(max)) + COUNTING_OFFSET;
    if (from <= to) smallCounts.fill(0, from, to + 1);
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
    ...(valueCounts ? { valueCounts } : {}),
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
  const stats = column.type === 'number' ? numericStats(column.values) : textStats(column.values);
  statsCache.set(column.values, stats);
  return stats;
}
