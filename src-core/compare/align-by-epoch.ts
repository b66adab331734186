import { metricValue, type CurveName } from './metric';
import type { RunMetrics } from './run-input';

/** One run's values on the shared epoch axis: `values[i]` belongs to `epochs[i]`; null where the run has none. */
export interface AlignedSeries {
  runId: string;
  name: string;
  values: (number | null)[];
}

/** Several runs' curves of one metric on one epoch axis, ready for a chart or a table. */
export interface AlignedMetric {
  metric: CurveName;
  /** The union of every run's epochs, ascending. */
  epochs: number[];
  series: AlignedSeries[];
}

/**
 * Puts runs of different lengths on one epoch axis: the union of their epochs, with null where a run stopped
 * earlier (early stopping, a stopped or diverged run), did not record the metric, or recorded NaN/Infinity.
 * If a run lists an epoch twice, its last record wins.
 */
export function alignByEpoch(runs: readonly RunMetrics[], metric: CurveName): AlignedMetric {
  const epochs = epochAxis(runs);
  // Epochs are whole numbers in a range (1…n, or k…n for a fork): a dense index, else a map.
  const first = epochs[0] ?? 0;
  const dense = epochs.length > 0 && epochs[epochs.length - 1]! - first < 4 * epochs.length + 64 && epochs.every(Number.isInteger);
  let columnOf: (epoch: number) => number;
  if (dense) {
    const index = new Int32Array(epochs[epochs.length - 1]! - first + 1);
    epochs.forEach((epoch, i) => (index[epoch - first] = i));
    columnOf = (epoch) => index[epoch - first]!;
  } else {
    const column = new Map<number, number>();
    epochs.forEach((epoch, i) => column.set(epoch, i));
    columnOf = (epoch) => column.get(epoch)!;
  }

  const series = runs.map((run): AlignedSeries => {
    const values = new Array<number | null>(epochs.length).fill(null);
    for (const m of run.metrics) values[columnOf(m.epoch)] = metricValue(m, metric);
    return { runId: run.id, name: run.name, values };
  });
  return { metric, epochs, series };
}

/**
 * The union of the runs' epochs, ascending (each run's own are usually 1…n in order already). Whole epochs in a
 * range not much wider than their count are marked in a flag per epoch (no set and no sort: a comparison of
 * 100,000-epoch runs asks for it once per curve).
 */
function epochAxis(runs: readonly RunMetrics[]): number[] {
  let low = Infinity;
  let high = -Infinity;
  let count = 0;
  let whole = true;
  for (const run of runs) {
    for (const m of run.metrics) {
      if (m.epoch < low) low = m.epoch;
      if (m.epoch > high) high = m.epoch;
      if (!Number.isSafeInteger(m.epoch)) whole = false;
    }
    count += run.metrics.length;
  }
  if (count === 0) return [];
  if (whole && high - low < 4 * count + 64) {
    const seen = new Uint8Array(high - low + 1);
    for (const run of runs) for (const m of run.metrics) seen[m.epoch - low] = 1;
    const epochs: number[] = [];
    for (let i = 0; i < seen.length; i++) if (seen[i]) epochs.push(low + i);
    return epochs;
  }
  const epochSet = new Set<number>();
  for (const run of runs) for (const m of run.metrics) epochSet.add(m.epoch);
  return [...epochSet].sort((a, b) => a - b);
}
