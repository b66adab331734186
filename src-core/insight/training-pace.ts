import type { EpochMetrics } from '../contract/training';

/**
 * How fast a run trains: epochs per second over its last `window` epochs (each epoch's own seconds), and the
 * seconds the rest of its planned epochs would take at that pace. Undefined before a timed epoch.
 */
export function trainingPace(
  metrics: readonly Pick<EpochMetrics, 'epoch' | 'seconds'>[],
  plannedEpochs: number,
  window = 10,
): { epochsPerSecond: number; secondsLeft: number } | undefined {
  const recent = metrics.slice(-window);
  const seconds = recent.reduce((sum, m) => sum + m.seconds, 0);
  if (recent.length === 0 || !(seconds > 0)) return undefined;
  const epochsPerSecond = recent.length / seconds;
  const done = metrics[metrics.length - 1]!.epoch;
  return { epochsPerSecond, secondsLeft: Math.max(0, plannedEpochs - done) / epochsPerSecond };
}
