import type { EpochMetrics, FullRun } from '../../src-core/contract/training';

const fixedColumns: [keyof EpochMetrics, string][] = [
  ['epoch', 'epoch'],
  ['loss', 'loss'],
  ['accuracy', 'accuracy'],
  ['valLoss', 'val_loss'],
  ['valAccuracy', 'val_accuracy'],
  ['lr', 'lr'],
  ['seconds', 'seconds'],
];

/** A run's per-epoch metrics as CSV: one row per epoch, a header, empty cells where an epoch lacks a metric. */
export function metricsCsv(metrics: readonly EpochMetrics[]): string {
  const extra = [...new Set(metrics.flatMap((m) => Object.keys(m)))].filter((key) => !fixedColumns.some(([k]) => k === key)).sort();
  const header = [...fixedColumns.map(([, name]) => name), ...extra];
  const cell = (value: unknown): string => (typeof value === 'number' ? String(value) : '');
  const rows = metrics.map((m) => {
    const record = m as unknown as Record<string, unknown>;
    return [...fixedColumns.map(([key]) => cell(record[key])), ...extra.map((key) => cell(record[key]))].join(',');
  });
  return `${[header.join(','), ...rows].join('\n')}\n`;
}

/** A run's config, status and metrics as one JSON document (each metrics entry carries its `epoch`). */
export function metricsJson(run: FullRun): string {
  const { metrics, ...rest } = run;
  return `${JSON.stringify({ format: 'nn-lab-metrics', version: 1, run: rest, metrics }, null, 2)}\n`;
}
