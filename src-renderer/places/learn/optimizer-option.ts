import type { ContourGrid, LossSurface } from '../../../src-core/learn/loss-surfaces';
import type { OptimizerPath, RacerName } from '../../../src-core/learn/optimizer-paths';
import { classColour, type ChartPalette } from '../../shared/charts/chart-palette';
import type { LineSeriesOption } from 'echarts/charts';
import type { ChartOption } from '../../shared/charts/echarts';

/** The plot's margins in CSS pixels: the same for the option and for reading a click back. */
export const raceInsets = { left: 44, right: 12, top: 12, bottom: 28 } as const;

export const racerLabels: Record<RacerName, string> = {
  sgd: 'SGD',
  momentum: 'Momentum',
  nesterov: 'Nesterov',
  adagrad: 'AdaGrad',
  rmsprop: 'RMSprop',
  adam: 'Adam',
  adamw: 'AdamW',
};

/** Arrow keys move the start by a twentieth of the plane, within its bounds; null for any other key. */
export function nudgeStart(start: readonly [number, number], key: string, bounds: LossSurface['bounds']): [number, number] | null {
  const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
  const move = moves[key];
  if (!move) return null;
  const along = (axis: 0 | 1): number => {
    const span = bounds.max[axis] - bounds.min[axis];
    const next = start[axis] + (move[axis] * span) / 20;
    return Math.min(bounds.max[axis], Math.max(bounds.min[axis], Math.round(next * 1e9) / 1e9));
  };
  return [along(0), along(1)];
}

/** The point of the plane under a click at (px, py) in a chart of width × height with these margins; null outside the plot. */
export function pointAt(
  px: number,
  py: number,
  width: number,
  height: number,
  bounds: LossSurface['bounds'],
  insets: { left: number; right: number; top: number; bottom: number } = raceInsets,
): [number, number] | null {
  const w = width - insets.left - insets.right;
  const h = height - insets.top - insets.bottom;
  const u = (px - insets.left) / w;
  const v = (py - insets.top) / h;
  if (!(w > 0 && h > 0) || u < 0 || u > 1 || v < 0 || v > 1) return null;
  return [bounds.min[0] + u * (bounds.max[0] - bounds.min[0]), bounds.max[1] - v * (bounds.max[1] - bounds.min[1])];
}

/** log10(f − min + a ten-thousandth of the span): the shading follows the contour levels' log spacing. */
export function shadeOf(value: number, grid: Pick<ContourGrid, 'min' | 'max'>): number {
  const floor = (grid.max - grid.min) * 1e-4 || 1e-12;
  return Math.log10(value - grid.min + floor);
}

/** The heatmap's cells [i, j, shade] of a contour grid: computed once per surface, not per drawn step. */
export function surfaceCells(grid: ContourGrid): [number, number, number][] {
  const nx = grid.xs.length;
  const cells: [number, number, number][] = [];
  for (let j = 0; j < grid.ys.length; j++) for (let i = 0; i < nx; i++) cells.push([i, j, shadeOf(grid.values[j * nx + i]!, grid)]);
  return cells;
}

/**
 * The loss surface shaded (dark = low, on a log scale) with its minima: a heatmap on hidden category axes (one cell
 * per grid cell) under value axes spanning the surface's bounds. It changes only with the surface or the theme, so
 * the paths are drawn by a second chart over it (`buildPathsOption`, the same plot area) and a step or a slider never
 * redraws the 6 400 cells.
 */
export function buildSurfaceOption(surface: LossSurface, grid: ContourGrid, cells: readonly [number, number, number][], palette: ChartPalette, dark: boolean): ChartOption {
  const hidden = { show: false };
  const axisLine = { lineStyle: { color: palette.axisLine } };
  return {
    animation: false,
    grid: { ...raceInsets },
    tooltip: hidden,
    visualMap: {
      show: false,
      min: shadeOf(grid.min, grid),
      max: shadeOf(grid.max, grid),
      seriesIndex: 0,
      inRange: { color: dark ? ['#0e2338', '#1f4b63', '#3f7a7a', '#7aa37a', '#c8c890'] : ['#2d5f8b', '#6b9bc0', '#b3d0e0', '#eef3e6', '#fbf4dc'] },
    },
    xAxis: [
      { type: 'category', data: Array.from(grid.xs, String), show: false },
      { type: 'value', position: 'bottom', min: surface.bounds.min[0], max: surface.bounds.max[0], axisLine, axisLabel: { color: palette.muted }, splitLine: hidden },
    ],
    yAxis: [
      { type: 'category', data: Array.from(grid.ys, String), show: false },
      { type: 'value', position: 'left', min: surface.bounds.min[1], max: surface.bounds.max[1], axisLine, axisLabel: { color: palette.muted }, splitLine: hidden },
    ],
    series: [
      { type: 'heatmap', data: cells as [number, number, number][], xAxisIndex: 0, yAxisIndex: 0, silent: true, progressive: 0, itemStyle: { borderWidth: 0 } },
      {
        name: 'minima',
        type: 'scatter',
        xAxisIndex: 1,
        yAxisIndex: 1,
        symbol: 'diamond',
        symbolSize: 10,
        silent: true,
        itemStyle: { color: palette.text },
        data: surface.minima.map((m) => [m[0], m[1]]),
      },
    ],
  };
}

/** Each shown racer's path up to `step` and where it is now, on hidden value axes over the same plot as the surface. */
export function buildPathsOption(surface: LossSurface, paths: Partial<Record<RacerName, OptimizerPath>>, step: number): ChartOption {
  const order = Object.keys(racerLabels) as RacerName[];
  const racers = Object.entries(paths) as [RacerName, OptimizerPath][];
  return {
    animation: false,
    grid: { ...raceInsets },
    tooltip: { show: false },
    xAxis: { type: 'value', min: surface.bounds.min[0], max: surface.bounds.max[0], show: false },
    yAxis: { type: 'value', min: surface.bounds.min[1], max: surface.bounds.max[1], show: false },
    series: racers.map(([name, path]) => {
      const n = Math.min(step + 1, path.x.length);
      const colour = classColour(order.indexOf(name));
      const line: LineSeriesOption = {
        name: racerLabels[name],
        type: 'line',
        showSymbol: false,
        clip: true,
        silent: true,
        lineStyle: { color: colour, width: 2 },
        itemStyle: { color: colour },
        data: Array.from({ length: n }, (_, t) => [path.x[t]!, path.y[t]!]),
      };
      if (n > 0) line.markPoint = { symbol: 'circle', symbolSize: 9, silent: true, label: { show: false }, data: [{ name: 'now', coord: [path.x[n - 1]!, path.y[n - 1]!] }] };
      return line;
    }),
  };
}
