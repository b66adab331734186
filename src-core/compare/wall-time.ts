import type { TimedEpoch } from './metric';
import type { RunMetrics } from './run-input';

/**
 * The run with `elapsed` on every epoch: the wall-clock seconds of training up to the end of that epoch, the sum of
 * the `seconds` of it and every epoch before (a non-finite `seconds` counts 0), for curves by wall time.
 */
export function withElapsed<R extends RunMetrics>(run: R): R & { metrics: TimedEpoch[] } {
  let total = 0;
  const metrics = [...run.metrics]
    .sort((a, b) => a.epoch - b.epoch)
    .map((m): TimedEpoch => {
      total += Number.isFinite(m.seconds) ? m.seconds : 0;
      return { ...m, elapsed: total };
    });
  return { ...run, metrics };
}

/**
 * Forks drawn from their fork epoch: a run whose parent is among `runs` and whose epochs start after 1 (a fork
 * from epoch k numbers its own epochs from k+1) gets the parent's epoch k in front, so its curves leave the
 * parent's where they part; its wall time counts on from the parent's at k. Other runs as they are.
 */
export function withForkStarts<R extends { id: string; parentRunId?: string | undefined; metrics: TimedEpoch[] }>(runs: readonly R[]): R[] {
  return runs.map((run) => {
    const first = run.metrics[0];
    const parent = run.parentRunId === undefined ? undefined : runs.find((r) => r.id === run.parentRunId);
    const start = first && parent?.metrics.find((m) => m.epoch === first.epoch - 1);
    if (!start) return run;
    const offset = start.elapsed ?? 0;
    return { ...run, metrics: [start, ...run.metrics.map((m) => (m.elapsed === undefined ? m : { ...m, elapsed: m.elapsed + offset }))] };
  });
}
