import { isBetter, metricDirection, metricValue, type MetricDirection, type MetricName } from './metric';
import type { RunMetrics } from './run-input';

export interface EpochValue {
  epoch: number;
  value: number;
}

/** A run's best and final value of one metric, for a side-by-side table. */
export interface RunMetricSummary {
  runId: string;
  name: string;
  metric: MetricName;
  direction: MetricDirection;
  /** The best finite value (lowest for losses, highest for accuracies); the earliest epoch on ties. */
  best: EpochValue | null;
  /** The finite value at the latest epoch that has one. */
  final: EpochValue | null;
  /** The run's latest recorded epoch; later than `final.epoch` when the last epochs were NaN (a diverged run). */
  lastEpoch: number | null;
}

/** Best epoch and value, and final value, of one metric of one run; best/final are null when no epoch has a value. */
export function summarizeRun(run: RunMetrics, metric: MetricName, direction = metricDirection(metric)): RunMetricSummary {
  let best: EpochValue | null = null;
  let final: EpochValue | null = null;
  let lastEpoch: number | null = null;
  for (const m of run.metrics) {
    if (lastEpoch === null || m.epoch > lastEpoch) lastEpoch = m.epoch;
    const value = metricValue(m, metric);
    if (value === null) continue;
    if (best === null || isBetter(value, best.value, direction) || (value === best.value && m.epoch < best.epoch)) {
      best = { epoch: m.epoch, value };
    }
    if (final === null || m.epoch > final.epoch) final = { epoch: m.epoch, value };
  }
  return { runId: run.id, name: run.name, metric, direction, best, final, lastEpoch };
}

/** `summarizeRun` for each run, in the order given. */
export function summarizeRuns(runs: readonly RunMetrics[], metric: MetricName): RunMetricSummary[] {
  return runs.map((run) => summarizeRun(run, metric));
}
