import { GRAD_CHECK_TOLERANCE, type LayerCheck } from '../../../src-core/learn/gradient-checking';
import type { ChartPalette } from '../../shared/charts/chart-palette';
import type { ChartOption } from '../../shared/charts/echarts';
import { formatTick } from './curves-option';

/** A layer as the chart and the table name it: its index and type ("2 dense"). */
export function layerName(layer: Pick<LayerCheck, 'index' | 'type'>): string {
  return `${layer.index} ${layer.type}`;
}

/** Bars start at a relative error of 10⁻¹²: float64's check lands near 10⁻⁹, nothing below matters. */
export const errorFloorExponent = -12;

/** A relative error as a bar's height: decades above 10⁻¹² (0 at or below it). */
export function decadesAboveFloor(error: number): number {
  return Math.max(0, Math.log10(Math.max(error, 10 ** errorFloorExponent)) - errorFloorExponent);
}

/**
 * The largest relative error of each layer with parameters, as a bar on a log scale from 10⁻¹² to 1, red above the
 * tolerance; the tolerance is a dashed line (a line series across the chart, as the lab draws no markLine). The bars
 * are decades above the floor on a value axis labelled in powers of ten: ECharts grows log-axis bars from 1, so a
 * small error would be drawn as the tallest bar.
 */
export function buildGradientCheckOption(layers: readonly LayerCheck[], palette: ChartPalette, failColour: string): ChartOption {
  const checked = layers.filter((l) => l.maxRelError !== null);
  const names = checked.map(layerName);
  const axisLine = { lineStyle: { color: palette.axisLine } };
  const axisLabel = { color: palette.muted };
  return {
    animation: false,
    grid: { left: 60, right: 20, top: 36, bottom: 32 },
    legend: { top: 4, textStyle: { color: palette.text }, data: ['largest relative error', `tolerance ${GRAD_CHECK_TOLERANCE.toExponential(0)}`] },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? (10 ** (v + errorFloorExponent)).toExponential(1) : '–') },
    xAxis: { type: 'category', data: names, axisLine, axisLabel },
    yAxis: {
      type: 'value',
      min: 0,
      max: -errorFloorExponent,
      interval: 2,
      axisLine,
      axisLabel: { ...axisLabel, formatter: (v: number) => formatTick(10 ** (v + errorFloorExponent)) },
      splitLine: { lineStyle: { color: palette.splitLine } },
    },
    series: [
      {
        name: 'largest relative error',
        type: 'bar',
        data: checked.map((l) => ({ value: decadesAboveFloor(l.maxRelError!), itemStyle: { color: l.passed ? palette.accuracy : failColour } })),
        itemStyle: { color: palette.accuracy },
      },
      {
        name: `tolerance ${GRAD_CHECK_TOLERANCE.toExponential(0)}`,
        type: 'line',
        showSymbol: false,
        silent: true,
        lineStyle: { color: palette.text, type: 'dashed', width: 1 },
        itemStyle: { color: palette.text },
        data: names.map(() => decadesAboveFloor(GRAD_CHECK_TOLERANCE)),
      },
    ],
  };
}
