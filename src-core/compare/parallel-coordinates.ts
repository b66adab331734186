import type { ComparisonRow } from './comparison-table';
import { formatConfigValue, type ConfigDifference } from './config-diff';
import { isBetter, metricDirection, type MetricName } from './metric';
import type { ValueAt } from './significance';
import { metricLabel, metricScale } from './verdict';

/** One axis of a sweep's parallel coordinates: a setting that differs between the runs, or the metric (last). */
export interface ParallelAxis {
  /** The setting's path (`train.optimizer.lr`) or the metric's name. */
  key: string;
  name: string;
  kind: 'value' | 'category';
  /** Category axes: the values as shown, in the order they first appear. */
  categories?: string[];
  /** A value axis whose values are all positive and span more than a factor of 20 (learning rates). */
  log?: boolean;
}

/** One run as a line across the axes: a number on value axes, a category's text on category axes; null where missing. */
export interface ParallelRow {
  runId: string;
  name: string;
  values: (number | string | null)[];
}

export interface ParallelData {
  axes: ParallelAxis[];
  rows: ParallelRow[];
  /** The run with the best metric (the metric's direction), highlighted. */
  bestRunId: string | null;
}

/** Paths that tell runs apart but are not settings to search over. */
const notSettings = new Set(['seed', 'train.seed']);

/**
 * Parallel coordinates from settings to the metric (W&B's sweep view): an axis per setting that differs (from the
 * comparison's config diff, in the order of `runs`), then the metric's final or best value (points for accuracies).
 */
export function parallelCoordinates(
  runs: readonly { id: string; name: string }[],
  configDiff: readonly ConfigDifference[],
  table: readonly ComparisonRow[],
  metric: MetricName,
  at: ValueAt = 'final',
): ParallelData {
  const axes: ParallelAxis[] = [];
  const columns: (number | string | null)[][] = [];
  for (const diff of configDiff) {
    if (notSettings.has(diff.path)) continue;
    const numeric = diff.values.every((v) => v === undefined || (typeof v === 'number' && Number.isFinite(v)));
    if (numeric) {
      const values = diff.values.map((v) => (typeof v === 'number' ? v : null));
      axes.push({ key: diff.path, name: diff.path, kind: 'value', ...(spansDecades(values) ? { log: true } : {}) });
      columns.push(values);
    } else {
      const values = diff.values.map((v) => formatConfigValue(v));
      axes.push({ key: diff.path, name: diff.path, kind: 'category', categories: [...new Set(values)] });
      columns.push(values);
    }
  }
  const scale = metricScale(metric);
  const scores = runs.map((run) => {
    const row = table.find((r) => r.runId === run.id && r.metric === metric);
    const value = at === 'best' ? row?.best?.value : row?.final?.value;
    return value === undefined || !Number.isFinite(value) ? null : value * scale;
  });
  axes.push({ key: metric, name: `${at === 'best' ? 'Best' : 'Final'} ${metricLabel(metric)}`, kind: 'value' });
  columns.push(scores);
  const direction = metricDirection(metric);
  let best: number | null = null;
  scores.forEach((s, i) => {
    if (s !== null && (best === null || isBetter(s, scores[best]!, direction))) best = i;
  });
  return {
    axes,
    rows: runs.map((run, i) => ({ runId: run.id, name: run.name, values: columns.map((c) => c[i] ?? null) })),
    bestRunId: best === null ? null : runs[best]!.id,
  };
}

function spansDecades(values: readonly (number | null)[]): boolean {
  const present = values.filter((v): v is number => v !== null);
  if (present.length < 2 || present.some((v) => v <= 0)) return false;
  return Math.max(...present) / Math.min(...present) > 20;
}

/**
 * The runs inside every brushed axis: `brushes` pairs an axis index to its selected intervals (a category axis's in
 * category indices, as ECharts reports them); a run passes an axis when its value lies in one of them (ends
 * included), and a run missing a brushed axis's value fails it. No brushes: every run.
 */
export function brushedRuns(data: ParallelData, brushes: Iterable<readonly [number, readonly (readonly [number, number])[]]>): string[] {
  const axes = [...brushes];
  return data.rows
    .filter((row) =>
      axes.every(([axisIndex, intervals]) => {
        if (intervals.length === 0) return true;
        const axis = data.axes[axisIndex];
        const value = row.values[axisIndex];
        if (!axis || value === null || value === undefined) return false;
        const position = axis.kind === 'category' ? axis.categories!.indexOf(String(value)) : (value as number);
        return intervals.some(([low, high]) => position >= Math.min(low, high) && position <= Math.max(low, high));
      }),
    )
    .map((row) => row.runId);
}

/** One run as a point of a sweep's scatter: the setting's value (a number, or a category's text) against the metric. */
export interface ScatterPoint {
  runId: string;
  name: string;
  x: number | string;
  y: number;
  best: boolean;
}

/** A scatter of one setting against the metric (the view beside the parallel coordinates). */
export interface SettingScatter {
  setting: ParallelAxis;
  metric: ParallelAxis;
  points: ScatterPoint[];
  /** Runs left out because they miss the setting or the metric. */
  missing: number;
}

/**
 * The scatter of the setting on axis `axisIndex` (a setting axis of `data`, not the metric) against the metric,
 * from the same data as the parallel coordinates; runs missing either value are counted, not drawn.
 */
export function settingScatter(data: ParallelData, axisIndex: number): SettingScatter {
  const metricIndex = data.axes.length - 1;
  const setting = data.axes[axisIndex];
  if (!setting || axisIndex === metricIndex) throw new Error(`settingScatter: axis ${axisIndex} is not a setting (there are ${metricIndex})`);
  const points: ScatterPoint[] = [];
  for (const row of data.rows) {
    const x = row.values[axisIndex];
    const y = row.values[metricIndex];
    if (x === null || x === undefined || typeof y !== 'number') continue;
    points.push({ runId: row.runId, name: row.name, x, y, best: row.runId === data.bestRunId });
  }
  return { setting, metric: data.axes[metricIndex]!, points, missing: data.rows.length - points.length };
}
