import type { RunStatus, RunSummary } from '../contract/training';

/** What a sweep's progress reads of each of its runs (a run list row has it all). */
export type SweepRunProgress = Pick<RunSummary, 'status' | 'epochs' | 'epochsDone'> & { startedAt?: string | undefined };

/** One progress for a sweep (or a seed group): its runs counted by state, the fraction done and the time left. */
export interface SweepProgress {
  total: number;
  /** Runs that have ended, however: completed + stopped + failed. */
  ended: number;
  completed: number;
  /** Stopped by hand, or cancelled before they started ("Cancel the rest"). */
  stopped: number;
  /** Failed, diverged or interrupted. */
  failed: number;
  /** Training or paused on their own thread. */
  running: number;
  queued: number;
  /** From 0 to 1: (runs ended + each running run's epochs done / planned) / runs. */
  fraction: number;
  /**
   * Seconds until the runs still to train are done, at the pace so far: the wall time since the sweep's first run
   * started × epochs still to train / epochs trained. Null when it cannot be told: nothing trained yet, nothing left,
   * or the rest held back.
   */
  secondsLeft: number | null;
  /** 'held': "Pause the rest" holds its queued runs back; 'finished': no run left to train. */
  state: 'running' | 'held' | 'finished';
  /** "2 of 6 runs done · 1 running · 3 queued · about 1 min left". */
  text: string;
}

const failedStatuses: readonly RunStatus[] = ['failed', 'diverged', 'interrupted'];

/**
 * The sweep's progress at `now` (ms since the epoch) from its runs' rows; `held`: the sweep's "Pause the rest" is
 * on (its queued runs wait until Resume).
 */
export function sweepProgress(runs: readonly SweepRunProgress[], options: { held?: boolean; now: number }): SweepProgress {
  const count = (statuses: readonly RunStatus[]) => runs.filter((r) => statuses.includes(r.status)).length;
  const completed = count(['completed']);
  const stopped = count(['stopped']);
  const failed = count(failedStatuses);
  const running = count(['running', 'paused']);
  const queued = count(['queued']);
  const ended = completed + stopped + failed;
  let units = ended;
  let trained = 0;
  let left = 0;
  let firstStart = Infinity;
  for (const run of runs) {
    const done = Math.max(0, Math.min(run.epochsDone, run.epochs));
    trained += done;
    if (run.status === 'running' || run.status === 'paused') units += run.epochs > 0 ? done / run.epochs : 0;
    if (run.status === 'running' || run.status === 'paused' || run.status === 'queued') left += Math.max(0, run.epochs - done);
    const started = run.startedAt === undefined ? NaN : Date.parse(run.startedAt);
    if (Number.isFinite(started)) firstStart = Math.min(firstStart, started);
  }
  const total = runs.length;
  const fraction = total > 0 ? units / total : 0;
  const state = running + queued === 0 ? 'finished' : options.held && queued > 0 ? 'held' : 'running';
  const elapsed = (options.now - firstStart) / 1000;
  const secondsLeft = state === 'running' && trained > 0 && left > 0 && Number.isFinite(elapsed) && elapsed > 0 ? (elapsed * left) / trained : null;
  return { total, ended, completed, stopped, failed, running, queued, fraction, secondsLeft, state, text: progressText({ total, ended, stopped, failed, running, queued, secondsLeft, state }) };
}

function progressText(p: Pick<SweepProgress, 'total' | 'ended' | 'stopped' | 'failed' | 'running' | 'queued' | 'secondsLeft' | 'state'>): string {
  const parts = [`${p.ended} of ${p.total} run${p.total === 1 ? '' : 's'} done`];
  if (p.stopped) parts.push(`${p.stopped} stopped`);
  if (p.failed) parts.push(`${p.failed} failed`);
  if (p.running) parts.push(`${p.running} running`);
  if (p.queued) parts.push(`${p.queued} ${p.state === 'held' ? 'held back' : 'queued'}`);
  if (p.secondsLeft !== null) parts.push(`about ${timeLeft(p.secondsLeft)} left`);
  return parts.join(' · ');
}

/** A time left as people say it: "40 s", "3 min", "1 h 20 min". */
export function timeLeft(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
