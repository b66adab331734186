import { diffConfigs, formatConfigValue, type ConfigDifference } from './config-diff';
import { metricDirection, type MetricName } from './metric';
import type { RunWithConfig } from './run-input';
import { bandsForGroup, comparableConfig } from './seed-groups';
import { metricLabel, metricScale, verdict, type Verdict, type VerdictOptions } from './verdict';

/** How two groups' mean curves of one metric differ (display units: points for accuracies). */
export interface CurveDifference {
  metric: MetricName;
  /**
   * The first epoch from which the mean curves stay apart to the end: at it and every later epoch both groups have,
   * |mean A − mean B| exceeds std A + std B (so with one run each: one stays ahead), always with the same sign.
   * null when they never separate for good.
   */
  divergesAt: number | null;
  /** How many of the last shared epochs `meanDifferenceLastK` averages over. */
  lastK: number;
  /** The mean of (mean A − mean B) over the last `lastK` epochs both groups have; null with no shared epoch. */
  meanDifferenceLastK: number | null;
  /** Epochs where both groups have a value. */
  sharedEpochs: number;
}

/** "What changed" between two groups: the settings, the curve difference and the verdict, with a summary. */
export interface WhatChanged {
  nameA: string;
  nameB: string;
  /** Settings that differ between the groups' configs (seeds left out): values[0] is A's, values[1] is B's; the summary reads "A → B". */
  settings: ConfigDifference[];
  curves: CurveDifference;
  verdict: Verdict;
  /** Two or three sentences: the settings, the curves, the verdict. */
  summary: string;
}

/** Compares the mean curves of two groups of runs (see `CurveDifference`). */
export function curveDifference(groupA: readonly RunWithConfig[], groupB: readonly RunWithConfig[], metric: MetricName, lastK = 5): CurveDifference {
  const scale = metricScale(metric);
  const bandsB = new Map(bandsForGroup({ runs: [...groupB] }, metric).points.map((p) => [p.epoch, p]));
  const shared: { epoch: number; diff: number; apart: boolean }[] = [];
  for (const a of bandsForGroup({ runs: [...groupA] }, metric).points) {
    const b = bandsB.get(a.epoch);
    if (!b) continue;
    const diff = (a.mean - b.mean) * scale;
    shared.push({ epoch: a.epoch, diff, apart: Math.abs(diff) > (a.std + b.std) * scale });
  }
  let divergesAt: number | null = null;
  for (let i = shared.length - 1; i >= 0; i--) {
    const point = shared[i]!;
    if (!point.apart || Math.sign(point.diff) !== Math.sign(shared[shared.length - 1]!.diff)) break;
    divergesAt = point.epoch;
  }
  const tail = shared.slice(-lastK);
  return {
    metric,
    divergesAt,
    lastK: tail.length,
    meanDifferenceLastK: tail.length ? tail.reduce((s, p) => s + p.diff, 0) / tail.length : null,
    sharedEpochs: shared.length,
  };
}

/** The settings diff, the curve difference and the verdict between two groups, with a summary in plain words. */
export function whatChanged(
  groupA: readonly RunWithConfig[],
  groupB: readonly RunWithConfig[],
  metric: MetricName,
  options: VerdictOptions & { lastK?: number } = {},
): WhatChanged {
  const nameA = options.nameA ?? 'A';
  const nameB = options.nameB ?? 'B';
  const settings = groupA.length && groupB.length ? diffConfigs([comparableConfig(groupA[0]!), comparableConfig(groupB[0]!)]) : [];
  const curves = curveDifference(groupA, groupB, metric, options.lastK);
  const v = verdict(groupA, groupB, metric, { ...options, nameA, nameB });
  const summary = [settingsSentence(settings), curveSentence(curves, nameA, nameB, v.unit), v.sentence].join(' ');
  return { nameA, nameB, settings, curves, verdict: v, summary };
}

function settingsSentence(settings: ConfigDifference[]): string {
  if (settings.length === 0) return 'Same settings; only the seeds differ.';
  const shown = settings.slice(0, 3).map((d) => `${d.path} ${formatConfigValue(d.values[0])} → ${formatConfigValue(d.values[1])}`);
  const more = settings.length > 3 ? ` and ${settings.length - 3} more` : '';
  return `Changed: ${shown.join(', ')}${more}.`;
}

function curveSentence(c: CurveDifference, nameA: string, nameB: string, unit: Verdict['unit']): string {
  const label = metricLabel(c.metric);
  if (c.meanDifferenceLastK === null) return `The ${label} curves share no epoch.`;
  const d = c.meanDifferenceLastK;
  const better = metricDirection(c.metric) === 'max' ? d > 0 : d < 0;
  const size = Math.abs(d);
  const text = `${Number(size.toPrecision(2))}${unit === 'points' ? ' points' : ''}`;
  const ahead = d === 0 ? 'the curves are level' : `${better ? nameA : nameB} is ahead by ${text} on average`;
  const over = `over the last ${c.lastK} epoch${c.lastK === 1 ? '' : 's'} ${ahead}`;
  if (c.divergesAt === null) return `The mean ${label} curves never separate beyond their seed spread for good; ${over}.`;
  return `The mean ${label} curves separate from epoch ${c.divergesAt} on; ${over}.`;
}
