import type { ComparisonRow } from './comparison-table';
import type { MetricName } from './metric';

/** The epochs a fork of a run can start from: its last, and its best by the compared metric (null: none). */
export interface ForkEpochs {
  last: number;
  best: number | null;
}

/** A run's last epoch and best epoch by `metric`, from the comparison's table; null when the run is not in it. */
export function forkEpochs(table: readonly ComparisonRow[], runId: string, metric: MetricName): ForkEpochs | null {
  const row = table.find((r) => r.runId === runId && r.metric === metric) ?? table.find((r) => r.runId === runId);
  if (!row || row.epochs < 1) return null;
  return { last: row.epochs, best: row.metric === metric && row.best ? row.best.epoch : null };
}

/** The "from epoch" field: a whole number from 1 to the run's last epoch, or what is wrong with it. */
export function parseForkEpoch(text: string, last: number): { value: number } | { problem: string } {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value)) return { problem: 'Give a whole epoch number.' };
  if (value < 1 || value > last) return { problem: `Give an epoch from 1 to ${last}.` };
  return { value };
}
