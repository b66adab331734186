import type { EpochMetrics, RunStatus, RunSummary } from '../../../src-core/contract/training';

/** Statuses after which a run will not change again by itself. */
export function isActive(status: RunStatus): boolean {
  return status === 'queued' || status === 'running' || status === 'paused';
}

/** Why Train waits: the lab trains one run from the app at a time. */
export function runsInProgress(count: number): string {
  return count === 1 ? 'A run is in progress' : `${count} runs are in progress`;
}

/** The window's title: how training goes, even with the window in the background. */
export function windowTitle(activeRuns: readonly RunSummary[]): string {
  const [run] = activeRuns;
  if (!run) return 'NN Lab';
  if (activeRuns.length > 1) return `${activeRuns.length} runs training — NN Lab`;
  return `${run.name} · ${run.epochsDone} of ${run.epochs} — NN Lab`;
}

export const statusLabels: Record<RunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  paused: 'Paused',
  completed: 'Completed',
  stopped: 'Stopped',
  failed: 'Failed',
  diverged: 'Diverged',
  interrupted: 'Interrupted',
};

/**
 * The run list with one run replaced or added, newest first. A stale answer (a `runs.start` reply
 * read after the run's `run.status` said it finished) never turns a finished run back into an active one.
 */
export function upsertRun(list: readonly RunSummary[], run: RunSummary): readonly RunSummary[] {
  const known = list.find((r) => r.id === run.id);
  if (known && !isActive(known.status) && isActive(run.status)) return list;
  const rest = list.filter((r) => r.id !== run.id);
  return [run, ...rest].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The run list after one streamed epoch: the row's progress and latest metrics move on. */
export function withEpoch(list: readonly RunSummary[], runId: string, metrics: EpochMetrics): readonly RunSummary[] {
  const index = list.findIndex((r) => r.id === runId);
  const run = list[index];
  if (!run || metrics.epoch <= run.epochsDone) return list;
  const next = [...list];
  next[index] = {
    ...run,
    status: run.status === 'queued' ? 'running' : run.status,
    epochsDone: metrics.epoch,
    lastLoss: metrics.loss,
    ...(metrics.accuracy !== undefined ? { lastAccuracy: metrics.accuracy } : {}),
  };
  return next;
}
