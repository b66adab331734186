import type { EpochMetrics, RunStatus, RunSummary } from '../../../src-core/contract/training';
import { formatCount } from '../format';

/** Statuses after which a run will not change again by itself. */
export function isActive(status: RunStatus): boolean {
  return status === 'queued' || status === 'running' || status === 'paused';
}

/** How many active runs are in each live status. */
export function activeCounts(activeRuns: readonly RunSummary[]): { running: number; paused: number; queued: number } {
  const count = (status: RunStatus) => activeRuns.filter((r) => r.status === status).length;
  return { running: count('running'), paused: count('paused'), queued: count('queued') };
}

/** "2 running, 1 queued": the active runs counted by status, the empty counts left out. */
export function activeSummary(activeRuns: readonly RunSummary[]): string {
  const counts = activeCounts(activeRuns);
  return (['running', 'paused', 'queued'] as const)
    .filter((status) => counts[status] > 0)
    .map((status) => `${counts[status]} ${status}`)
    .join(', ');
}

/**
 * What Train does now, for its tooltip: start at once, or wait in the pool's queue because every thread trains
 * (a paused run keeps its thread). `threads`: the pool's size, null until known.
 */
export function trainHint(activeRuns: readonly RunSummary[], threads: number | null, shortcut: string): string {
  const base = `Train a new run (${shortcut})`;
  if (activeRuns.length === 0) return base;
  const counts = activeCounts(activeRuns);
  const busy = counts.running + counts.paused + counts.queued;
  const when = threads === null ? '' : busy >= threads ? `: it waits in the queue for one of the ${threads} threads` : ': it starts at once';
  return `${base}. ${activeSummary(activeRuns)}${when}`;
}

/** The window's title: how training goes, even with the window in the background. */
export function windowTitle(activeRuns: readonly RunSummary[]): string {
  const [run] = activeRuns;
  if (!run) return 'NN Lab';
  if (activeRuns.length > 1) return `${activeSummary(activeRuns)} — NN Lab`;
  return `${run.name} · ${run.epochsDone} of ${run.epochs} — NN Lab`;
}

/**
 * What to tell when a run's new summary ends it ("Two moons #1: completed"), so a run finishing behind the one shown
 * is heard too; null when it has not just ended.
 */
export function endedNotice(previous: RunSummary | undefined, next: RunSummary): string | null {
  if (!previous || !isActive(previous.status) || isActive(next.status)) return null;
  return `${next.name}: ${statusLabels[next.status].toLowerCase()}`;
}

/** How far a run is, from 0 to 1 (epochs done of those planned). */
export function progressFraction(run: Pick<RunSummary, 'epochs' | 'epochsDone'>): number {
  return run.epochs > 0 ? Math.min(1, Math.max(0, run.epochsDone / run.epochs)) : 0;
}

/** The line under an active run in the run list: where it is, or why it waits. Null for a run that has ended. */
export function activeRunLine(run: RunSummary): string | null {
  const epochs = `${formatCount(run.epochsDone)} of ${formatCount(run.epochs)}`;
  if (run.status === 'queued') return 'Waiting for a free thread';
  if (run.status === 'running') return `Epoch ${epochs}`;
  if (run.status === 'paused') return `Paused at epoch ${epochs}`;
  return null;
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

/**
 * What one streamed epoch changes in a run's row: its progress and latest metrics (a queued run is running now);
 * null when the epoch is one it has already seen.
 */
export function epochProgress(
  run: RunSummary,
  metrics: EpochMetrics,
): Pick<RunSummary, 'status' | 'epochsDone' | 'lastLoss'> & Partial<Pick<RunSummary, 'lastAccuracy'>> | null {
  if (metrics.epoch <= run.epochsDone) return null;
  return {
    status: run.status === 'queued' ? 'running' : run.status,
    epochsDone: metrics.epoch,
    lastLoss: metrics.loss,
    ...(metrics.accuracy !== undefined ? { lastAccuracy: metrics.accuracy } : {}),
  };
}
