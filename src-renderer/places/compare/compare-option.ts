import { isBetter, metricDirection, type MetricName } from '../../../src-core/compare/metric';
import { emaSmooth } from '../../../src-core/compare/smooth';
import type { RunComparison } from '../../../src-core/contract/runs-api';
import { classColour, type ChartPalette } from '../../shared/charts/chart-palette';
import type { ChartOption } from '../../shared/charts/echarts';

export interface CompareChartSettings {
  metric: MetricName;
  /** Logarithmic y axis (values ≤ 0 are left out). */
  log: boolean;
  /** EMA weight, 0 (raw) to 0.99. */
  smoothing: number;
  title: string;
  fileName: string;
}

/** One line of the chart: a run on its own, or a seed group's mean with its ± std band. */
interface Line {
  name: string;
  epochs: number[];
  values: (number | null)[];
  band?: { low: (number | null)[]; high: (number | null)[] };
  best?: { epoch: number; value: number };
}

/**
 * Overlaid curves of the compared runs for one metric: each seed group of several runs as its mean (smoothed, the raw
 * mean faint behind) with a ± std band, each single run as its curve; each run's best epoch a dot on its line.
 */
export function buildCompareOption(comparison: RunComparison, palette: ChartPalette, settings: CompareChartSettings): ChartOption {
  const lines = compareLines(comparison, settings.metric);
  const keep = (v: number | null): number | null => (v === null || (settings.log && v <= 0) ? null : v);
  const series: NonNullable<ChartOption['series']> = [];
  lines.forEach((line, i) => {
    const colour = classColour(i);
    const pairs = (values: (number | null)[]): [number, number | null][] => line.epochs.map((e, k) => [e, keep(values[k] ?? null)]);
    if (line.band) {
      const stack = `band-${i}`;
      series.push(
        { name: line.name, type: 'line', stack, symbol: 'none', color: colour, lineStyle: { opacity: 0 }, data: pairs(line.band.low), silent: true, tooltip: { show: false } },
        {
          name: line.name,
          type: 'line',
          stack,
          symbol: 'none',
          color: colour,
          lineStyle: { opacity: 0 },
          areaStyle: { color: colour, opacity: 0.18 },
          data: line.epochs.map((e, k) => {
            const low = keep(line.band!.low[k] ?? null);
            const high = keep(line.band!.high[k] ?? null);
            return [e, low === null || high === null ? null : high - low];
          }),
          silent: true,
          tooltip: { show: false },
        },
      );
    }
    if (settings.smoothing > 0) {
      series.push({ name: line.name, type: 'line', symbol: 'none', color: colour, lineStyle: { width: 1, opacity: 0.25 }, data: pairs(line.values), silent: true, tooltip: { show: false } });
    }
    series.push({
      id: `line-${i}`,
      name: line.name,
      type: 'line',
      symbol: 'none',
      color: colour,
      lineStyle: { width: 2 },
      connectNulls: true,
      data: pairs(emaSmooth(line.values, settings.smoothing)),
    });
    if (line.best && keep(line.best.value) !== null) {
      series.push({
        name: line.name,
        type: 'scatter',
        symbol: 'diamond',
        symbolSize: 10,
        color: colour,
        itemStyle: { borderColor: palette.background, borderWidth: 1 },
        data: [[line.best.epoch, line.best.value]],
        tooltip: { valueFormatter: (v) => `best ${formatValue(v)}` },
      });
    }
  });
  const axisCommon = {
    nameTextStyle: { color: palette.muted },
    axisLabel: { color: palette.muted },
    axisLine: { lineStyle: { color: palette.axisLine } },
    splitLine: { lineStyle: { color: palette.splitLine } },
  };
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: palette.text },
    title: { text: settings.title, left: 8, top: 4, textStyle: { color: palette.text, fontSize: 13, fontWeight: 600 } },
    grid: { left: 60, right: 24, top: 64, bottom: 44 },
    legend: { top: 30, left: 'center', textStyle: { color: palette.text }, itemWidth: 18, itemHeight: 8, data: lines.map((l) => l.name) },
    tooltip: {
      trigger: 'axis',
      backgroundColor: palette.tooltipBackground,
      borderColor: palette.axisLine,
      textStyle: { color: palette.text },
      valueFormatter: (v) => formatValue(v),
    },
    toolbox: {
      right: 12,
      top: 2,
      iconStyle: { borderColor: palette.muted },
      feature: { saveAsImage: { title: 'Save as PNG', name: settings.fileName, backgroundColor: palette.background, pixelRatio: 2 } },
    },
    xAxis: { type: 'value', name: 'Epoch', nameLocation: 'middle', nameGap: 26, minInterval: 1, min: 'dataMin', max: 'dataMax', ...axisCommon, splitLine: { show: false } },
    yAxis: { type: settings.log ? 'log' : 'value', name: metricTitles[settings.metric], scale: true, ...axisCommon },
    series,
  };
}

/** The chart's lines: seed groups of several runs as mean ± std, other runs as their own curve. */
export function compareLines(comparison: RunComparison, metric: MetricName): Line[] {
  const curve = comparison.curves.find((c) => c.metric === metric);
  if (!curve) return [];
  const rows = comparison.table.filter((r) => r.metric === metric);
  const lines: Line[] = [];
  for (const group of comparison.groups) {
    const bands = group.bands.find((b) => b.metric === metric);
    if (group.runIds.length > 1 && bands) {
      const pts = bands.points;
      const meanBest = bestOf(pts.map((p) => ({ epoch: p.epoch, value: p.mean })), metric);
      lines.push({
        name: `${group.label} (n=${group.runIds.length})`,
        epochs: pts.map((p) => p.epoch),
        values: pts.map((p) => p.mean),
        band: { low: pts.map((p) => p.mean - p.std), high: pts.map((p) => p.mean + p.std) },
        ...(meanBest ? { best: meanBest } : {}),
      });
      continue;
    }
    for (const id of group.runIds) {
      const s = curve.series.find((x) => x.runId === id);
      if (!s) continue;
      const best = rows.find((r) => r.runId === id)?.best;
      lines.push({ name: group.runIds.length > 1 ? s.name : group.label || s.name, epochs: curve.epochs, values: s.values, ...(best ? { best } : {}) });
    }
  }
  return lines;
}

/** The best of a group's mean curve (the metric's direction, as the core decides it). */
function bestOf(points: { epoch: number; value: number }[], metric: MetricName): { epoch: number; value: number } | undefined {
  const direction = metricDirection(metric);
  let best: { epoch: number; value: number } | undefined;
  for (const p of points) if (Number.isFinite(p.value) && (!best || isBetter(p.value, best.value, direction))) best = p;
  return best;
}

/** Each metric's name as a chart title or axis name. */
export const metricTitles: Record<MetricName, string> = { loss: 'Training loss', accuracy: 'Training accuracy', valLoss: 'Validation loss', valAccuracy: 'Validation accuracy' };

function formatValue(v: unknown): string {
  return typeof v === 'number' ? (Math.abs(v) >= 0.01 || v === 0 ? v.toFixed(4) : v.toExponential(2)) : String(v ?? '');
}
