import { unpackBands, unpackCurve } from '../../../src-core/compare/packed-curves';
import { isBetter, metricDirection, type CurveName } from '../../../src-core/compare/metric';
import { emaSmooth } from '../../../src-core/compare/smooth';
import type { RunComparison } from '../../../src-core/contract/runs-api';
import { axisStyle, classColour, type ChartPalette } from '../../shared/charts/chart-palette';
import type { ChartOption } from '../../shared/charts/echarts';

export interface CompareChartSettings {
  metric: CurveName;
  /** The x axis: epochs, or wall-clock seconds of training (`elapsed`; a group at its mean). */
  x: 'epoch' | 'time';
  /** A seed group's band: mean ± sample std, or its min–max range. */
  band: 'std' | 'minmax';
  /** Logarithmic y axis (values ≤ 0 are left out). */
  log: boolean;
  /** EMA weight, 0 (raw) to 0.99. */
  smoothing: number;
  title: string;
  fileName: string;
}

/** One line of the chart: a run on its own, or a seed group's mean with its band. */
interface Line {
  name: string;
  /** The x of each value: its epoch, or the seconds of training up to it (null where unknown). */
  xs: (number | null)[];
  values: (number | null)[];
  band?: { low: (number | null)[]; high: (number | null)[] };
  /** Runs behind each value of a group's mean, when it varies (runs of different lengths). */
  n?: number[];
  best?: { x: number; value: number };
}

/**
 * Overlaid curves of the compared runs for one metric: each seed group of several runs as its mean (smoothed, the raw
 * mean faint behind) with a ± std band, each single run as its curve; each run's best epoch a dot on its line.
 */
export function buildCompareOption(comparison: RunComparison, palette: ChartPalette, settings: CompareChartSettings): ChartOption {
  const lines = compareLines(comparison, settings.metric, settings.x, settings.band);
  const keep = (v: number | null): number | null => (v === null || (settings.log && v <= 0) ? null : v);
  const series: NonNullable<ChartOption['series']> = [];
  lines.forEach((line, i) => {
    const colour = classColour(i);
    const pairs = (values: (number | null)[]): [number, number | null][] =>
      line.xs.flatMap((x, k): [number, number | null][] => (x === null ? [] : [[x, keep(values[k] ?? null)]]));
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
          data: pairs(line.band.high.map((high, k) => {
            const low = keep(line.band!.low[k] ?? null);
            return low === null || high === null || keep(high) === null ? null : high - low;
          })),
          silent: true,
          tooltip: { show: false },
        },
      );
    }
    if (settings.smoothing > 0) {
      series.push({ name: line.name, type: 'line', symbol: 'none', color: colour, lineStyle: { width: 1, opacity: 0.25 }, data: pairs(line.values), silent: true, tooltip: { show: false } });
    }
    const smoothed = pairs(emaSmooth(line.values, settings.smoothing));
    series.push({
      id: `line-${i}`,
      name: line.name,
      type: 'line',
      symbol: 'none',
      color: colour,
      lineStyle: { width: 2 },
      connectNulls: true,
      // With runs of different lengths, the hover readout says how many runs each mean stands on.
      ...(line.n ? { dimensions: ['x', 'value', 'n'], encode: { x: 0, y: 1, tooltip: [1, 2] }, data: smoothed.map((p, k) => [...p, line.n![k] ?? null]) } : { data: smoothed }),
    });
    if (line.best && keep(line.best.value) !== null) {
      series.push({
        name: line.name,
        type: 'scatter',
        symbol: 'diamond',
        symbolSize: 10,
        color: colour,
        itemStyle: { borderColor: palette.background, borderWidth: 1 },
        data: [[line.best.x, line.best.value]],
        tooltip: { valueFormatter: (v) => `best ${formatValue(v)}` },
      });
    }
  });
  const axisCommon = axisStyle(palette);
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
    xAxis: { type: 'value', name: settings.x === 'time' ? 'Seconds of training' : 'Epoch', nameLocation: 'middle', nameGap: 26, minInterval: settings.x === 'time' ? 0 : 1, min: 'dataMin', max: 'dataMax', ...axisCommon, splitLine: { show: false } },
    yAxis: { type: settings.log ? 'log' : 'value', name: metricTitles[settings.metric], scale: true, ...axisCommon },
    series,
  };
}

/**
 * The chart's lines: seed groups of several runs as their mean with a ± std or min–max band, other runs as their own
 * curve; by epoch, or by seconds of training (a run's own `elapsed`, a group's mean `elapsed` at each epoch).
 */
export function compareLines(comparison: RunComparison, metric: CurveName, x: 'epoch' | 'time' = 'epoch', band: 'std' | 'minmax' = 'std'): Line[] {
  const packed = comparison.curves.find((c) => c.metric === metric);
  if (!packed) return [];
  const curve = unpackCurve(packed);
  const packedElapsed = comparison.curves.find((c) => c.metric === 'elapsed');
  const elapsed = packedElapsed && unpackCurve(packedElapsed);
  const rows = comparison.table.filter((r) => r.metric === metric);
  const lines: Line[] = [];
  for (const group of comparison.groups) {
    const bands = group.runIds.length > 1 ? group.bands.find((b) => b.metric === metric) : undefined;
    if (bands) {
      const pts = unpackBands(bands).points;
      const groupElapsed = group.bands.find((b) => b.metric === 'elapsed');
      const meanSeconds = new Map(groupElapsed ? Array.from(groupElapsed.epochs.data, (epoch, k) => [epoch, groupElapsed.mean.data[k]!] as const) : []);
      const xs = pts.map((p) => (x === 'time' ? (meanSeconds.get(p.epoch) ?? null) : p.epoch));
      const meanBest = bestOf(pts.map((p, k) => ({ x: xs[k] ?? null, value: p.mean })), metric);
      const ns = pts.map((p) => p.n);
      lines.push({
        name: `${group.label} (n=${group.runIds.length})`,
        xs,
        values: pts.map((p) => p.mean),
        band: band === 'std' ? { low: pts.map((p) => p.mean - p.std), high: pts.map((p) => p.mean + p.std) } : { low: pts.map((p) => p.min), high: pts.map((p) => p.max) },
        ...(ns.some((n) => n !== ns[0]) ? { n: ns } : {}),
        ...(meanBest ? { best: meanBest } : {}),
      });
      continue;
    }
    for (const id of group.runIds) {
      const s = curve.series.find((c) => c.runId === id);
      if (!s) continue;
      // Wall time by epoch: the curves are thinned for drawing, and the wall time is kept at every epoch one of them kept.
      const values = elapsed?.series.find((c) => c.runId === id)?.values;
      const seconds = new Map(values ? elapsed.epochs.map((epoch, k) => [epoch, values[k] ?? null] as const) : []);
      const xs = x === 'time' ? curve.epochs.map((epoch) => seconds.get(epoch) ?? null) : curve.epochs;
      const row = rows.find((r) => r.runId === id)?.best;
      const best = row ? { x: x === 'time' ? (seconds.get(row.epoch) ?? null) : row.epoch, value: row.value } : bestOf(s.values.map((value, k) => ({ x: xs[k] ?? null, value })), metric);
      lines.push({ name: group.runIds.length > 1 ? s.name : group.label || s.name, xs, values: s.values, ...(best && best.x !== null ? { best: { x: best.x, value: best.value } } : {}) });
    }
  }
  return lines;
}

/** The best point of a mean curve (the metric's direction, as the core decides it); none for the learning rate or time. */
function bestOf(points: { x: number | null; value: number | null }[], metric: CurveName): { x: number; value: number } | undefined {
  if (metric === 'lr' || metric === 'elapsed') return undefined;
  const direction = metricDirection(metric);
  let best: { x: number; value: number } | undefined;
  for (const p of points) if (p.x !== null && p.value !== null && Number.isFinite(p.value) && (!best || isBetter(p.value, best.value, direction))) best = { x: p.x, value: p.value };
  return best;
}

/** Each metric's name as a chart title or axis name. */
export const metricTitles: Record<CurveName, string> = {
  loss: 'Training loss',
  accuracy: 'Training accuracy',
  valLoss: 'Validation loss',
  valAccuracy: 'Validation accuracy',
  lr: 'Learning rate',
  elapsed: 'Seconds of training',
};

function formatValue(v: unknown): string {
  return typeof v === 'number' ? (Math.abs(v) >= 0.01 || v === 0 ? v.toFixed(4) : v.toExponential(2)) : String(v ?? '');
}
