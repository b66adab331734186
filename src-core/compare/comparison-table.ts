import type { TestScore } from '../contract/training';
import type { MetricName } from './metric';
import type { RunMetrics } from './run-input';
import { summarizeRun, type EpochValue } from './summary';
import { timeToTarget, type TargetReached } from './time-to-target';

/** One run's row of the comparison table: final and best values with their epochs, time to a target, training time. */
export interface ComparisonRow {
  runId: string;
  name: string;
  seed: number;
  metric: MetricName;
  final: EpochValue | null;
  best: EpochValue | null;
  /** Epochs recorded. */
  epochs: number;
  /** Wall-clock training seconds: the sum of the epochs' `seconds` (non-finite ones count 0). */
  trainingSeconds: number;
  /** When the run first met the target; null if never; absent when no target was set. */
  target?: TargetReached | null;
  /** The final model on the held-out test rows, for a run that had a test split. */
  test?: TestScore;
}

/** The comparison table's rows, in the order of `runs`. `target` is in the metric's own units (0.9, not 90 points). */
export function comparisonTable(runs: readonly (RunMetrics & { seed: number; test?: TestScore })[], metric: MetricName, target?: number): ComparisonRow[] {
  return runs.map((run) => {
    const summary = summarizeRun(run, metric);
    let trainingSeconds = 0;
    for (const m of run.metrics) if (Number.isFinite(m.seconds)) trainingSeconds += m.seconds;
    const row: ComparisonRow = {
      runId: run.id,
      name: run.name,
      seed: run.seed,
      metric,
      final: summary.final,
      best: summary.best,
      epochs: run.metrics.length,
      trainingSeconds,
    };
    if (target !== undefined) row.target = timeToTarget(run, { metric, target });
    if (run.test) row.test = run.test;
    return row;
  });
}

const snake: Record<MetricName, string> = { loss: 'loss', accuracy: 'accuracy', valLoss: 'val_loss', valAccuracy: 'val_accuracy' };

/**
 * The table as CSV (RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled): raw metric values
 * at full precision, empty cells where a run has none; the target columns only when a target was set.
 */
export function comparisonTableCsv(rows: readonly ComparisonRow[]): string {
  const metric = snake[rows[0]?.metric ?? 'loss'];
  const withTarget = rows.some((r) => r.target !== undefined);
  const header = ['run_id', 'name', 'seed', `final_${metric}`, 'final_epoch', `best_${metric}`, 'best_epoch', 'epochs', 'training_seconds'];
  const withTest = rows.some((r) => r.test !== undefined);
  if (withTarget) header.push('target_epoch', 'target_seconds');
  if (withTest) header.push('test_rows', 'test_loss', 'test_accuracy');
  const lines = rows.map((r) => {
    const cells: unknown[] = [r.runId, r.name, r.seed, r.final?.value, r.final?.epoch, r.best?.value, r.best?.epoch, r.epochs, r.trainingSeconds];
    if (withTarget) cells.push(r.target?.epoch, r.target?.seconds);
    if (withTest) cells.push(r.test?.rows, r.test?.loss, r.test?.accuracy);
    return cells.map(csvCell).join(',');
  });
  return `${[header.join(','), ...lines].join('\n')}\n`;
}

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
