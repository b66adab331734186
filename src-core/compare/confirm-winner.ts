import { groupLabels } from './group-labels';
import { isBetter, metricDirection, type MetricName } from './metric';
import type { RunWithConfig } from './run-input';
import { configKey, groupBySeed } from './seed-groups';
import { freshSeeds } from './seed-plans';
import { seedValues, type ValueAt } from './significance';
import { mean, sampleStd } from './stats/descriptive';
import { metricLabel, metricScale } from './verdict';

/** One sweep point to re-run: a template run (its config, any seed) and the fresh seeds to run it with. */
export interface ConfirmPoint<R extends RunWithConfig = RunWithConfig> {
  key: string;
  label: string;
  template: R;
  /** The point's score in the sweep: the mean over its runs there (display units). */
  sweepScore: number;
  seeds: number[];
}

/**
 * "Confirm the winner": the best `k` points of a sweep (by mean final or best value over each point's runs), each to
 * be re-run on `seeds` fresh seeds that none of the sweep's runs used.
 */
export function confirmWinnerPlan<R extends RunWithConfig>(
  sweepRuns: readonly R[],
  metric: MetricName,
  options: { k?: number; seeds?: number; at?: ValueAt } = {},
): ConfirmPoint<R>[] {
  const { k = 3, seeds = 5, at = 'final' } = options;
  const scale = metricScale(metric);
  const direction = metricDirection(metric);
  const groups = groupBySeed(sweepRuns);
  const labels = groupLabels(groups.map((g) => g.config), groups.map((g) => g.runs[0]!.name));
  const scored = groups
    .map((g, i) => ({ g, label: labels[i]!, values: seedValues(g.runs, metric, at).map((s) => s.value * scale) }))
    .filter((p) => p.values.length > 0)
    .map((p) => ({ ...p, score: mean(p.values) }))
    .sort((x, y) => (isBetter(x.score, y.score, direction) ? -1 : isBetter(y.score, x.score, direction) ? 1 : 0));
  const fresh = freshSeeds(seeds, sweepRuns[0]?.seed ?? 0, sweepRuns.map((r) => r.seed));
  return scored.slice(0, k).map((p) => ({ key: p.g.key, label: p.label, template: p.g.runs[0]!, sweepScore: p.score, seeds: fresh }));
}

/** How one re-run point fared: its sweep score against its mean on fresh seeds. */
export interface ConfirmedPoint {
  key: string;
  label: string;
  sweepScore: number;
  /** Mean and sample sd over the fresh-seed runs (display units); n of them. */
  rerunMean: number;
  rerunStd: number;
  n: number;
  /** How much worse the fresh seeds score than the sweep did (positive = a drop, in the metric's direction). */
  drop: number;
}

export interface ConfirmReport {
  metric: MetricName;
  points: ConfirmedPoint[];
  /** The sweep's best point and the best on fresh seeds; the same key when the winner held. */
  sweepWinner: string | null;
  confirmedWinner: string | null;
  sentence: string;
}

/**
 * The report of "Confirm the winner": for each point re-run (matched to the sweep by config, seed aside), the sweep
 * score, the fresh-seed mean ± sd and the drop; whether the sweep's best is still best.
 */
export function confirmWinnerReport(
  points: readonly Pick<ConfirmPoint, 'key' | 'label' | 'sweepScore'>[],
  reruns: readonly RunWithConfig[],
  metric: MetricName,
  at: ValueAt = 'final',
): ConfirmReport {
  const scale = metricScale(metric);
  const direction = metricDirection(metric);
  const sign = direction === 'max' ? 1 : -1;
  const confirmed: ConfirmedPoint[] = [];
  for (const point of points) {
    const values = seedValues(reruns.filter((r) => configKey(r) === point.key), metric, at).map((s) => s.value * scale);
    if (values.length === 0) continue;
    const rerunMean = mean(values);
    confirmed.push({ key: point.key, label: point.label, sweepScore: point.sweepScore, rerunMean, rerunStd: sampleStd(values), n: values.length, drop: sign * (point.sweepScore - rerunMean) });
  }
  const best = (list: ConfirmedPoint[], score: (p: ConfirmedPoint) => number): ConfirmedPoint | null =>
    list.reduce<ConfirmedPoint | null>((b, p) => (b === null || isBetter(score(p), score(b), direction) ? p : b), null);
  const sweepBest = best(confirmed, (p) => p.sweepScore);
  const rerunBest = best(confirmed, (p) => p.rerunMean);
  return {
    metric,
    points: confirmed,
    sweepWinner: sweepBest?.key ?? null,
    confirmedWinner: rerunBest?.key ?? null,
    sentence: confirmSentence(metric, sweepBest, rerunBest),
  };
}

function confirmSentence(metric: MetricName, sweepBest: ConfirmedPoint | null, rerunBest: ConfirmedPoint | null): string {
  if (!sweepBest || !rerunBest) return 'None of the points has been re-run yet.';
  const unit = metricScale(metric) === 100 ? ' points' : '';
  const f = (x: number): string => String(Number(x.toPrecision(3)));
  const drop = sweepBest.drop > 0 ? `a drop of ${f(sweepBest.drop)}${unit}` : `no drop (${f(-sweepBest.drop)}${unit} better)`;
  const held = rerunBest.key === sweepBest.key ? 'It is still the best point.' : `The best on fresh seeds is ${rerunBest.label} (${f(rerunBest.rerunMean)}).`;
  return `The sweep's best point, ${sweepBest.label}, scored ${f(sweepBest.sweepScore)} on ${metricLabel(metric)}; on ${sweepBest.n} fresh seeds it scores ${f(sweepBest.rerunMean)} ± ${f(sweepBest.rerunStd)}, ${drop}. ${held}`;
}
