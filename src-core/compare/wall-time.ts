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
