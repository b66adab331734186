import { liveThinPoints, type LiveThin } from '../../../src-core/compare/live-thin';
import type { RunStats } from '../../../src-core/compare/run-stats';
import { thinIndices } from '../../../src-core/compare/thin-curves';
import type { EpochMetrics } from '../../../src-core/contract/training';
import { axisStyle, type ChartPalette } from '../../shared/charts/chart-palette';
import type { ChartOption } from '../../shared/charts/echarts';

type MetricKey = 'loss' | 'accuracy' | 'valLoss' | 'valAccuracy';

/** The curves the training chart can draw: losses on the left axis, accuracies (0–1) on the right. */
const curves: Array<{ key: MetricKey; name: string; axis: 0 | 1; color: (p: ChartPalette) => string; dashed: boolean }> = [
  { key: 'loss', name: 'Loss', axis: 0, color: (p) => p.loss, dashed: false },
  { key: 'accuracy', name: 'Accuracy', axis: 1, color: (p) => p.accuracy, dashed: false },
  { key: 'valLoss', name: 'Validation loss', axis: 0, color: (p) => p.valLoss, dashed: true },
  { key: 'valAccuracy', name: 'Validation accuracy', axis: 1, color: (p) => p.valAccuracy, dashed: true },
];

export interface MetricsOptionSettings {
  /** The planned number of epochs, so the x axis does not rescale with every epoch of a streaming run. */
  plannedEpochs?: number;
  /** Whether the run is still training (its curve will grow). */
  active?: boolean;
  /** The file name (without extension) that "Save as PNG" offers. */
  fileName?: string;
  /** What the empty chart says. */
  emptyText?: string;
  /** Whether to draw accuracy (a classification run); also drawn whenever the metrics carry it. */
  accuracy?: boolean;
  /**
   * The run's curve kept up to date as epochs arrive (`RunSeriesCache.curveOf`): which metrics it reports and each one
   * thinned, so a long live run's redraw reads no more than the points drawn, not every epoch.
   */
  live?: { stats: RunStats; thin: Readonly<Record<MetricKey, LiveThin>> };
}

/** The stats' flag that says a run reports a metric (loss: every run). */
const reportFlag = { accuracy: 'hasAccuracy', valLoss: 'hasValidation', valAccuracy: 'hasValAccuracy' } as const;

/** Points drawn per curve at most: about two per pixel of the widest chart. */
export const MAX_DRAWN_POINTS = 2000;

/**
 * The loss-and-accuracy chart for one run, one point per epoch. Loss is always listed, accuracy for
 * classification (so the legend does not jump when the first epoch arrives), validation curves only
 * when the run reports them. Without accuracy there is one y axis. Animation is off because epochs
 * stream in many times a second.
 */
export function buildMetricsOption(
  metrics: readonly EpochMetrics[],
  palette: ChartPalette,
  settings: MetricsOptionSettings = {},
): ChartOption {
  const { live } = settings;
  const reports = (key: MetricKey): boolean =>
    live ? key === 'loss' || live.stats[reportFlag[key]] : metrics.some((m) => m[key] !== undefined);
  const withAccuracy = (settings.accuracy ?? false) || reports('accuracy');
  const shown = curves.filter((curve) => curve.key === 'loss' || (curve.key === 'accuracy' && withAccuracy) || reports(curve.key));
  const axisCommon = axisStyle(palette);
  // A live curve's own count and last epoch: its array may have grown past it since (appended in place).
  const count = live ? live.stats.epochs : metrics.length;
  const lastEpoch = live ? (live.stats.last?.epoch ?? 0) : count ? metrics[count - 1]!.epoch : 0;
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: palette.text },
    title: {
      show: count === 0,
      text: settings.emptyText ?? 'No epochs yet',
      left: 'center',
      top: 'middle',
      // On its own box over the empty axes, so their labels never show through the words.
      backgroundColor: palette.background,
      padding: [8, 12],
      borderRadius: 6,
      textStyle: { color: palette.muted, fontSize: 14, fontWeight: 'normal', width: 170, overflow: 'break', lineHeight: 20, align: 'center' },
    },
    grid: { left: 56, right: withAccuracy ? 64 : 24, top: 72, bottom: 44 },
    legend: { top: 6, left: 'center', textStyle: { color: palette.text }, itemWidth: 18, itemHeight: 8 },
    tooltip: {
      trigger: 'axis',
      backgroundColor: palette.tooltipBackground,
      borderColor: palette.axisLine,
      textStyle: { color: palette.text },
      valueFormatter: (value) => (typeof value === 'number' ? formatMetric(value) : String(value ?? '')),
    },
    toolbox: {
      right: 12,
      top: 2,
      iconStyle: { borderColor: palette.muted },
      feature: {
        saveAsImage: {
          title: 'Save as PNG',
          name: settings.fileName ?? 'nn-lab-training',
          backgroundColor: palette.background,
          pixelRatio: 2,
        },
      },
    },
    xAxis: {
      type: 'value',
      name: 'Epoch',
      nameLocation: 'middle',
      nameGap: 26,
      min: 1,
      max: epochAxisMax(lastEpoch, settings.plannedEpochs, settings.active ?? false),
      minInterval: 1,
      ...axisCommon,
      splitLine: { show: false },
    },
    yAxis: [
      { type: 'value', name: 'Loss', min: 0, ...axisCommon },
      ...(withAccuracy
        ? [
            {
              type: 'value' as const,
              name: 'Accuracy',
              min: 0,
              max: 1,
              ...axisCommon,
              splitLine: { show: false },
              axisLabel: { color: palette.muted, formatter: (v: number) => `${Math.round(v * 100)}%` },
            },
          ]
        : []),
    ],
    series: shown.map((curve) => ({
      id: curve.key,
      name: curve.name,
      type: 'line',
      yAxisIndex: curve.axis,
      showSymbol: false,
      smooth: false,
      sampling: 'lttb',
      color: curve.color(palette),
      lineStyle: { width: 2, type: curve.dashed ? 'dashed' : 'solid' },
      // At most MAX_DRAWN_POINTS a curve (each stretch's lowest and highest kept): a live run's thousands of epochs
      // were processed again at every redraw, which 8 runs training made the page feel.
      data: live && count > MAX_DRAWN_POINTS ? liveThinPoints(live.thin[curve.key]) : drawnPoints(live ? metrics.slice(0, count) : metrics, curve.key),
    })),
  };
}

/**
 * Where the epoch axis ends. A finished run fills the width. A training run gets its planned length when
 * that is short; a long one gets room to double into, so the curve is visible yet the axis rescales rarely.
 */
export function epochAxisMax(lastEpoch: number, plannedEpochs: number | undefined, active: boolean): number {
  const planned = plannedEpochs ?? lastEpoch;
  if (!active && lastEpoch > 0) return Math.max(lastEpoch, 2);
  if (planned <= 1000) return Math.max(planned, lastEpoch, 2);
  const room = 2 ** Math.ceil(Math.log2(Math.max(lastEpoch, 1) * 1.25));
  return Math.max(Math.min(planned, Math.max(1000, room)), lastEpoch);
}

/**
 * At most MAX_DRAWN_POINTS `[epoch, value]` pairs of one metric (`thinIndices`: each stretch's lowest and highest):
 * thinned over a column of numbers before any pair is made, as a live run's 100,000 epochs are drawn again at each
 * event.
 */
function drawnPoints(metrics: readonly EpochMetrics[], key: MetricKey): Array<[number, number]> {
  if (metrics.length <= MAX_DRAWN_POINTS) return metricPoints(metrics, key);
  // A plain loop: Float64Array.from with a map function goes through the iterator protocol, ~10× slower here.
  const values = new Float64Array(metrics.length);
  for (let i = 0; i < metrics.length; i++) values[i] = metrics[i]![key] ?? NaN;
  return thinIndices([values], values.length, MAX_DRAWN_POINTS).flatMap((i): Array<[number, number]> => (Number.isFinite(values[i]!) ? [[metrics[i]!.epoch, values[i]!]] : []));
}

/** `[epoch, value]` pairs for one metric, skipping epochs that did not report it. */
export function metricPoints(metrics: readonly EpochMetrics[], key: MetricKey): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  for (const m of metrics) {
    const value = m[key];
    if (value !== undefined && Number.isFinite(value)) points.push([m.epoch, value]);
  }
  return points;
}

export function formatMetric(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1000 || abs < 0.001) return value.toExponential(2);
  return value.toPrecision(4);
}
