import type { ComparisonRow } from './comparison-table';
import type { MetricName } from './metric';
import type { RunMetrics } from './run-input';

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

/**
 * Forks compared with their parent count from the fork epoch on: the history they share before it is the same
 * training, not evidence. A run whose parent is among `runs` and whose own epochs start after 1 (a fork from epoch
 * k numbers its epochs from k + 1) forked at k; each such parent keeps only its epochs ≥ k (the earliest k when it
 * has several forks here) for best, final and the verdict. `forkEpoch`: the earliest k applied, null when none.
 */
export function fromForkEpoch<R extends RunMetrics & { parentRunId?: string | undefined }>(runs: readonly R[]): { runs: R[]; forkEpoch: number | null } {
  const forkOf = new Map<string, number>();
  for (const run of runs) {
    if (run.parentRunId === undefined || !runs.some((r) => r.id === run.parentRunId) || run.metrics.length === 0) continue;
    const k = Math.min(...run.metrics.map((m) => m.epoch)) - 1;
    if (k < 1) continue;
    forkOf.set(run.parentRunId, Math.min(k, forkOf.get(run.parentRunId) ?? k));
  }
  if (forkOf.size === 0) return { runs: [...runs], forkEpoch: null };
  return {
    runs: runs.map((run) => {
      const k = forkOf.get(run.id);
      return k === undefined ? run : { ...run, metrics: run.metrics.filter((m) => m.epoch >= k) };
    }),
    forkEpoch: Math.min(...forkOf.values()),
  };
}
