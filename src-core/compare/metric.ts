import type { EpochMetrics, MetricName } from '../contract/training';

/** The per-epoch quantities a comparison can be made on. */
export { metricNames, type MetricName } from '../contract/training';

/**
 * What a comparison can draw as curves: the metrics, the learning rate, and `elapsed`, the wall-clock seconds of
 * training up to the end of each epoch (`withElapsed`), which is the x axis of curves by wall time.
 */
export const curveNames = ['loss', 'accuracy', 'valLoss', 'valAccuracy', 'lr', 'elapsed'] as const;
export type CurveName = (typeof curveNames)[number];

/** An epoch's record with the wall-clock seconds of training up to its end. */
export type TimedEpoch = EpochMetrics & { elapsed?: number };

/** Whether smaller or larger values of a metric are better. */
export type MetricDirection = 'min' | 'max';

/** Losses are minimised, accuracies maximised. */
export function metricDirection(metric: MetricName): MetricDirection {
  return metric === 'loss' || metric === 'valLoss' ? 'min' : 'max';
}

/**
 * One epoch's value of a metric, or null when the run did not record it (no validation split, a regression task
 * without accuracy) or recorded a non-finite number (a diverged epoch's NaN or Infinity).
 */
export function metricValue(epoch: TimedEpoch, metric: CurveName): number | null {
  const value = epoch[metric];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** True when `a` is strictly better than `b` in the metric's direction. */
export function isBetter(a: number, b: number, direction: MetricDirection): boolean {
  return direction === 'min' ? a < b : a > b;
}
