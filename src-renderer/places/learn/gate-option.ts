import type { PlaneBounds } from '../../../src-core/insight/index';
import { gateBounds } from '../../../src-core/learn/perceptron-vs-mlp';
import { classColour, type ChartPalette } from '../../shared/charts/chart-palette';
import type { ChartOption } from '../../shared/charts/echarts';

/**
 * One learner's decision boundary: P(class 1) over the plane (the gate's square unless `bounds` says; res × res cells,
 * row 0 at the lowest b) shaded from class 0's colour to class 1's, the 0.5 line where they meet, and the training
 * points on top.
 */
export function buildBoundaryOption(
  probability: Float32Array,
  res: number,
  points: ReadonlyArray<readonly [number, number, number]>,
  palette: ChartPalette,
  bounds: PlaneBounds = gateBounds,
): ChartOption {
  const cells: [number, number, number][] = [];
  for (let j = 0; j < res; j++) for (let i = 0; i < res; i++) cells.push([i, j, probability[j * res + i]!]);
  const centres = (k: 0 | 1) => Array.from({ length: res }, (_, i) => String(bounds.min[k]! + ((i + 0.5) * (bounds.max[k]! - bounds.min[k]!)) / res));
  const axisLine = { lineStyle: { color: palette.axisLine } };
  const hidden = { show: false };
  // A bound off the half-unit grid (two moons' −1.8) would print beside the nearest tick (−2 … −1.8): only the ticks then.
  const onGrid = (v: number) => Math.abs(v * 2 - Math.round(v * 2)) < 1e-9;
  const axisLabel = (k: 0 | 1) => ({ color: palette.muted, showMinLabel: onGrid(bounds.min[k]!), showMaxLabel: onGrid(bounds.max[k]!) });
  return {
    animation: false,
    grid: { left: 36, right: 8, top: 8, bottom: 24 },
    tooltip: hidden,
    visualMap: { show: false, min: 0, max: 1, seriesIndex: 0, inRange: { color: [classColour(0), palette.background, classColour(1)] } },
    xAxis: [
      { type: 'category', data: centres(0), show: false },
      { type: 'value', position: 'bottom', min: bounds.min[0], max: bounds.max[0], axisLine, axisLabel: axisLabel(0), splitLine: hidden },
    ],
    yAxis: [
      { type: 'category', data: centres(1), show: false },
      { type: 'value', position: 'left', min: bounds.min[1], max: bounds.max[1], axisLine, axisLabel: axisLabel(1), splitLine: hidden },
    ],
    series: [
      { type: 'heatmap', data: cells, silent: true, progressive: 0, itemStyle: { opacity: 0.55, borderWidth: 0 } },
      ...[0, 1].map((cls) => ({
        name: `class ${cls}`,
        type: 'scatter' as const,
        xAxisIndex: 1,
        yAxisIndex: 1,
        symbolSize: 6,
        silent: true,
        itemStyle: { color: classColour(cls), borderColor: palette.text, borderWidth: 0.5 },
        data: points.filter((p) => p[2] === cls).map((p) => [p[0], p[1]]),
      })),
    ],
  };
}

/** Training accuracy per epoch of both learners, 0–100 %. */
export function buildGateAccuracyOption(perceptron: readonly number[], mlp: readonly number[], epochs: number, palette: ChartPalette): ChartOption {
  const axisLine = { lineStyle: { color: palette.axisLine } };
  const axisLabel = { color: palette.muted };
  const splitLine = { lineStyle: { color: palette.splitLine } };
  const line = (name: string, values: readonly number[], colour: string) => ({
    name,
    type: 'line' as const,
    showSymbol: false,
    lineStyle: { color: colour, width: 2 },
    itemStyle: { color: colour },
    data: values.map((v, i) => [i + 1, v * 100]),
  });
  return {
    animation: false,
    grid: { left: 44, right: 16, top: 32, bottom: 32 },
    legend: { top: 4, textStyle: { color: palette.text } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${Number(v).toFixed(1)} %` },
    xAxis: { type: 'value', min: 1, max: epochs, name: 'epoch', nameLocation: 'middle', nameGap: 22, nameTextStyle: { color: palette.muted }, axisLine, axisLabel, splitLine },
    yAxis: { type: 'value', min: 0, max: 100, axisLine, axisLabel: { ...axisLabel, formatter: '{value} %' }, splitLine },
    series: [line('Perceptron', perceptron, palette.loss), line('2-4-1 MLP', mlp, palette.accuracy)],
  };
}
