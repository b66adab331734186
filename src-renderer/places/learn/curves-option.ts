import type { LineSeriesOption } from 'echarts/charts';
import type { ChartPalette } from '../../shared/charts/chart-palette';
import type { ChartOption } from '../../shared/charts/echarts';

/** One line of an explorer's curve chart: (x, y) points, non-finite y left as a gap. */
export interface Curve {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  colour: string;
  dashed?: boolean;
  /** Line width (default 2); thin lines for the many, thick for the one that matters. */
  width?: number;
  /** Line opacity (default 1): faint for the raw values under their running mean. */
  opacity?: number;
  /** Shown in the legend (default true). */
  legend?: boolean;
  /** A labelled dot at one point, e.g. where a run diverged. */
  mark?: { x: number; y: number; label: string; position?: 'top' | 'right' | 'bottom' | 'left' };
}

export interface CurveAxes {
  x: string;
  y: string;
  xLog?: boolean;
  yLog?: boolean;
  xMin?: number;
  xMax?: number;
  yMin?: number;
  yMax?: number;
}

/** A point's y as drawn: null (a gap) where it is not finite, or not positive on a log axis. */
export function plotted(y: number, log = false): number | null {
  return Number.isFinite(y) && (!log || y > 0) ? y : null;
}

/** An axis tick as the charts label it: powers of ten far from 1 as 1e-20, the rest as they are. */
export function formatTick(value: number): string {
  const size = Math.abs(value);
  return size !== 0 && (size >= 1e4 || size < 1e-3) ? value.toExponential(0) : String(Number(value.toPrecision(6)));
}

/** The line series of one curve (exported for the charts that add their own series beside it). */
export function curveSeries(curve: Curve, axes: Pick<CurveAxes, 'yLog'>, palette: ChartPalette): LineSeriesOption {
  const data = Array.from({ length: curve.x.length }, (_, i) => [curve.x[i]!, plotted(curve.y[i]!, axes.yLog)]);
  const series: LineSeriesOption = {
    name: curve.name,
    type: 'line',
    showSymbol: curve.x.length <= 25,
    symbolSize: 5,
    connectNulls: false,
    sampling: curve.x.length > 2000 ? 'lttb' : undefined,
    data,
    lineStyle: { color: curve.colour, width: curve.width ?? 2, type: curve.dashed ? 'dashed' : 'solid', opacity: curve.opacity ?? 1 },
    itemStyle: { color: curve.colour },
  };
  if (curve.mark) {
    series.markPoint = {
      symbol: 'circle',
      symbolSize: 9,
      silent: true,
      data: [{ name: curve.mark.label, coord: [curve.mark.x, curve.mark.y] }],
      label: { position: curve.mark.position ?? 'top', color: palette.text, formatter: curve.mark.label },
      itemStyle: { color: curve.colour },
    };
  }
  return series;
}

/** Lines on named value (or log) axes with a legend: the chart of every explorer that plots curves. */
export function buildCurvesOption(curves: readonly Curve[], axes: CurveAxes, palette: ChartPalette): ChartOption {
  const axisLine = { lineStyle: { color: palette.axisLine } };
  const axisLabel = { color: palette.muted, hideOverlap: true, formatter: formatTick };
  const splitLine = { lineStyle: { color: palette.splitLine } };
  const nameStyle = { color: palette.muted };
  const axis = (name: string, log: boolean | undefined, min: number | undefined, max: number | undefined, gap: number) => ({
    type: log ? ('log' as const) : ('value' as const),
    name,
    nameLocation: 'middle' as const,
    nameGap: gap,
    nameTextStyle: nameStyle,
    min,
    max,
    scale: !log && min === undefined,
    axisLine,
    axisLabel,
    splitLine,
  });
  return {
    animation: false,
    grid: { left: 60, right: 20, top: 36, bottom: 44 },
    legend: { top: 4, textStyle: { color: palette.text }, data: curves.filter((c) => c.legend !== false).map((c) => c.name) },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? Number(v.toPrecision(3)).toString() : '–') },
    xAxis: axis(axes.x, axes.xLog, axes.xMin, axes.xMax, 26),
    yAxis: axis(axes.y, axes.yLog, axes.yMin, axes.yMax, 44),
    series: curves.map((c) => curveSeries(c, axes, palette)),
  };
}
