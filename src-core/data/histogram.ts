/** Counts of values in equal-width bins, as the dataset doctor and the training diagnostics report them. */

export const HISTOGRAM_BINS = 20;

export interface Histogram {
  /** Edges: bin i covers [min + i·(max−min)/bins, min + (i+1)·(max−min)/bins); the last includes max. */
  min: number;
  max: number;
  counts: number[];
}

/**
 * The finite values in `bins` equal bins from `range.min` to `range.max`, by default the values' own range
 * ({min: 0, max: 0} for none). A zero-width range puts every value in the first bin.
 */
export function histogram(values: ArrayLike<number>, range?: { min: number; max: number }, bins = HISTOGRAM_BINS): Histogram {
  const { min, max } = range ?? rangeOf(values);
  const counts = new Array<number>(bins).fill(0);
  const width = (max - min) / bins;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) counts[binOf(v, min, width, bins)]!++;
  }
  return { min, max, counts };
}

/** The same histogram from the counts of consecutive integers `first`, `first + 1`, …: no pass over the rows. */
export function histogramOfCounts(first: number, valueCounts: ArrayLike<number>, range: { min: number; max: number }, bins = HISTOGRAM_BINS): Histogram {
  const { min, max } = range;
  const counts = new Array<number>(bins).fill(0);
  const width = (max - min) / bins;
  for (let k = 0; k < valueCounts.length; k++) {
    const n = valueCounts[k]!;
    if (n !== 0) counts[binOf(first + k, min, width, bins)]! += n;
  }
  return { min, max, counts };
}

function binOf(v: number, min: number, width: number, bins: number): number {
  return width > 0 ? Math.min(bins - 1, Math.floor((v - min) / width)) : 0;
}

function rangeOf(values: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : { min: 0, max: 0 };
}
