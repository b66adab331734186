import type { EpochMetrics } from '../contract/training';
import { metricDirection, metricValue, type MetricDirection, type MetricName } from './metric';
import type { RunMetrics } from './run-input';

export interface TargetSpec {
  metric: MetricName;
  target: number;
  /** 'min': reached when value ≤ target; 'max': when value ≥ target. Defaults to the metric's direction. */
  direction?: MetricDirection;
}

/** When a run first reached a target. */
export interface TargetReached {
  /** The first epoch whose value meets the target. */
  epoch: number;
  /** Wall-clock seconds of training up to and including that epoch (the sum of the epochs' `seconds`). */
  seconds: number;
  /** The metric's value at that epoch. */
  value: number;
}

export interface TimeToTargetRow {
  runId: string;
  name: string;
  /** null when the run never reached the target. */
  reached: TargetReached | null;
}

/**
 * The first epoch, and the training seconds up to it, at which a run's metric meets a target; null if it never does.
 * Epochs are read in epoch order; a missing or non-finite value never meets a target, and a non-finite `seconds`
 * counts as 0 rather than poisoning the sum.
 */
export function timeToTarget(run: RunMetrics, spec: TargetSpec): TargetReached | null {
  const direction = spec.direction ?? metricDirection(spec.metric);
  let seconds = 0;
  for (const m of byEpoch(run.metrics)) {
    if (Number.isFinite(m.seconds)) seconds += m.seconds;
    const value = metricValue(m, spec.metric);
    if (value === null) continue;
    if (direction === 'min' ? value <= spec.target : value >= spec.target) return { epoch: m.epoch, seconds, value };
  }
  return null;
}

/** `timeToTarget` for each run, side by side. */
export function timeToTargetForRuns(runs: readonly RunMetrics[], spec: TargetSpec): TimeToTargetRow[] {
  return runs.map((run) => ({ runId: run.id, name: run.name, reached: timeToTarget(run, spec) }));
}

function byEpoch(metrics: readonly EpochMetrics[]): readonly EpochMetrics[] {
  for (let i = 1; i < metrics.length; i++) {
    if (metrics[i]!.epoch < metrics[i - 1]!.epoch) return [...metrics].sort((a, b) => a.epoch - b.epoch);
  }
  return metrics;
}
