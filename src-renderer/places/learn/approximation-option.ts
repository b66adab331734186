import type { Approximation } from '../../../src-core/learn/universal-approximation';
import { approximationRange } from '../../../src-core/learn/universal-approximation';
import type { ChartPalette } from '../../shared/charts/chart-palette';
import type { ChartOption } from '../../shared/charts/echarts';
import { buildCurvesOption, type Curve } from './curves-option';

/** The plot's x and y range: the target's x range, y wide enough for every target and for drawing. */
export const approximationBounds: { min: [number, number]; max: [number, number] } = { min: [approximationRange[0], -2.5], max: [approximationRange[1], 2.5] };

/** The chart's margins in CSS pixels, the same for the option and for reading a drawn point back (pointAt). */
export const approximationInsets = { left: 60, right: 20, top: 36, bottom: 44 } as const;

/**
 * The target (or the drawn points), the fit, and each hidden unit's contribution wⱼhⱼ(x) as a thin line; without a
 * fit (fewer than two points drawn) the empty axes to draw on.
 */
export function buildApproximationOption(fit: Approximation | null, drawn: ReadonlyArray<readonly [number, number]>, palette: ChartPalette): ChartOption {
  const contributions: Curve[] = (fit?.contributions ?? []).map((c, j) => ({ name: j === 0 ? 'units’ contributions' : `unit ${j + 1}`, x: fit!.x, y: c, colour: palette.muted, width: 1, legend: j === 0 }));
  const curves: Curve[] = [...contributions];
  if (fit?.target) curves.push({ name: 'target', x: fit.x, y: fit.target, colour: palette.accuracy, dashed: true, width: 2 });
  if (fit) curves.push({ name: 'network’s fit', x: fit.x, y: fit.fit, colour: palette.loss, width: 3 });
  const option = buildCurvesOption(
    curves,
    { x: 'x', y: 'y', xMin: approximationBounds.min[0], xMax: approximationBounds.max[0], yMin: approximationBounds.min[1], yMax: approximationBounds.max[1] },
    palette,
  );
  option.grid = { ...approximationInsets };
  option.tooltip = { show: false };
  if (drawn.length > 0) {
    (option.series as unknown[]).push({ name: 'drawn points', type: 'scatter', symbolSize: 7, silent: true, itemStyle: { color: palette.accuracy }, data: drawn.map((p) => [p[0], p[1]]) });
    (option.legend as { data: string[] }).data.push('drawn points');
  }
  return option;
}
