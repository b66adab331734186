import type { ContourGrid, LossSurface } from '../../../src-core/learn/loss-surfaces';
import type { OptimizerPath, RacerName } from '../../../src-core/learn/optimizer-paths';
import { classColour, type ChartPalette } from '../../shared/charts/chart-palette';
import type { ChartOption } from '../../shared/charts/echarts';
import { racerLabels, shadeOf } from './optimizer-option';

/** Where the 3-D view looks from, in degrees: turned about the vertical, and raised above the plane. */
export interface SurfaceView {
  azimuth: number;
  elevation: number;
}

/** The height of a surface point as drawn: its log shade scaled to 0..0.6 of the plane's width (a ridge's 10⁵ would hide the valley). */
export function heightOf(value: number, grid: Pick<ContourGrid, 'min' | 'max'>): number {
  const low = shadeOf(grid.min, grid);
  const high = shadeOf(grid.max, grid);
  const h = (shadeOf(Math.max(grid.min, Math.min(grid.max, value)), grid) - low) / (high - low || 1);
  return 0.6 * h;
}

/**
 * A point of the surface box on the screen plane: (x, y) of the surface's bounds mapped to −½..½, turned by the
 * azimuth about the vertical, then tilted by the elevation (0° looks along the plane, 90° from straight above).
 */
export function project(x: number, y: number, height: number, bounds: LossSurface['bounds'], view: SurfaceView): [number, number] {
  const u = (x - bounds.min[0]) / (bounds.max[0] - bounds.min[0]) - 0.5;
  const v = (y - bounds.min[1]) / (bounds.max[1] - bounds.min[1]) - 0.5;
  const a = (view.azimuth * Math.PI) / 180;
  const e = (view.elevation * Math.PI) / 180;
  const across = u * Math.cos(a) - v * Math.sin(a);
  const depth = u * Math.sin(a) + v * Math.cos(a);
  return [across, height * Math.cos(e) + depth * Math.sin(e)];
}

/**
 * The loss surface as a wireframe (every `stride`-th grid row and column, one line series with gaps between lines)
 * with each shown racer's path lifted onto it up to `step`: ECharts draws it in 2-D, the projection is done here.
 */
export function buildSurface3dOption(
  surface: LossSurface,
  grid: ContourGrid,
  paths: Partial<Record<RacerName, OptimizerPath>>,
  step: number,
  view: SurfaceView,
  palette: ChartPalette,
  stride = 4,
): ChartOption {
  const nx = grid.xs.length;
  const ny = grid.ys.length;
  const at = (i: number, j: number) => project(grid.xs[i]!, grid.ys[j]!, heightOf(grid.values[j * nx + i]!, grid), surface.bounds, view);
  const wire: Array<[number, number] | null> = [];
  for (let j = 0; j < ny; j += stride) {
    for (let i = 0; i < nx; i++) wire.push(at(i, j));
    wire.push(null);
  }
  for (let i = 0; i < nx; i += stride) {
    for (let j = 0; j < ny; j++) wire.push(at(i, j));
    wire.push(null);
  }
  const order = Object.keys(racerLabels) as RacerName[];
  const racers = Object.entries(paths) as [RacerName, OptimizerPath][];
  const hidden = { show: false };
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 8, bottom: 8 },
    tooltip: hidden,
    xAxis: { type: 'value', min: -0.75, max: 0.75, show: false },
    yAxis: { type: 'value', min: -0.6, max: 0.9, show: false },
    series: [
      { name: 'surface', type: 'line', data: wire, showSymbol: false, silent: true, connectNulls: false, lineStyle: { color: palette.muted, width: 0.6, opacity: 0.6 } },
      ...racers.map(([name, path]) => {
        const n = Math.min(step + 1, path.x.length);
        const colour = classColour(order.indexOf(name));
        return {
          name: racerLabels[name],
          type: 'line' as const,
          showSymbol: false,
          silent: true,
          lineStyle: { color: colour, width: 2.5 },
          data: Array.from({ length: n }, (_, t) => project(path.x[t]!, path.y[t]!, heightOf(path.value[t]!, grid), surface.bounds, view)),
        };
      }),
    ],
  };
}
