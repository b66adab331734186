import type { LayerAtInit } from '../../../src-core/learn/init-depth';
import type { ChartPalette } from '../../shared/charts/chart-palette';
import type { ChartOption } from '../../shared/charts/echarts';
import { buildCurvesOption } from './curves-option';

/** The std of the activations and of the weight gradients by depth (log scale: a factor of 10 is one step up). */
export function buildDepthSpreadOption(layers: readonly LayerAtInit[], palette: ChartPalette): ChartOption {
  const depth = layers.map((l) => l.depth);
  return buildCurvesOption(
    [
      { name: 'activation std', x: depth, y: layers.map((l) => l.activationStd), colour: palette.accuracy },
      { name: 'gradient std', x: depth, y: layers.map((l) => l.gradientStd), colour: palette.loss },
    ],
    { x: 'hidden layer (1 = next to the input)', y: 'standard deviation', yLog: true, xMin: 1, xMax: Math.max(1, depth.length) },
    palette,
  );
}

/**
 * Each hidden layer's activations as a row of its histogram's shares (one shared range, so columns compare), like
 * TensorBoard's histograms seen from above: a narrow bright band is a layer whose units all say the same.
 */
export function buildDepthHistogramOption(layers: readonly LayerAtInit[], palette: ChartPalette, dark: boolean): ChartOption {
  const first = layers[0]?.activations;
  const bins = first?.counts.length ?? 0;
  const min = first?.min ?? 0;
  const max = first?.max ?? 0;
  const centres = Array.from({ length: bins }, (_, i) => Number((min + ((i + 0.5) * (max - min)) / bins).toPrecision(2)).toString());
  const cells: [number, number, number][] = [];
  for (const [j, layer] of layers.entries()) {
    const total = layer.activations.counts.reduce((a, b) => a + b, 0) || 1;
    layer.activations.counts.forEach((c, i) => cells.push([i, j, c / total]));
  }
  const axisLine = { lineStyle: { color: palette.axisLine } };
  return {
    animation: false,
    grid: { left: 60, right: 20, top: 12, bottom: 44 },
    tooltip: { show: false },
    visualMap: { show: false, min: 0, max: 0.5, seriesIndex: 0, inRange: { color: dark ? ['#161a1f', '#3f7a7a', '#c8c890'] : ['#ffffff', '#6b9bc0', '#173a5e'] } },
    xAxis: { type: 'category', data: centres, name: 'activation value', nameLocation: 'middle', nameGap: 26, nameTextStyle: { color: palette.muted }, axisLine, axisLabel: { color: palette.muted, hideOverlap: true } },
    yAxis: { type: 'category', data: layers.map((l) => String(l.depth)), name: 'layer', nameLocation: 'middle', nameGap: 36, nameTextStyle: { color: palette.muted }, axisLine, axisLabel: { color: palette.muted } },
    series: [{ type: 'heatmap', data: cells, silent: true, progressive: 0, itemStyle: { borderWidth: 0 } }],
  };
}
