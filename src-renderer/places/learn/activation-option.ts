import type { ActivationCurve } from '../../../src-core/learn/activation-functions';
import type { ChartPalette } from '../../shared/charts/chart-palette';
import type { ChartOption } from '../../shared/charts/echarts';

function axes(palette: ChartPalette) {
  const axisLine = { lineStyle: { color: palette.axisLine } };
  const axisLabel = { color: palette.muted };
  const splitLine = { lineStyle: { color: palette.splitLine } };
  return { axisLine, axisLabel, splitLine };
}

/**
 * f and f′ of one activation over its grid: saturated runs (|f′| small) shaded, the largest f′ marked with its
 * value. Animation is off so a slider redraws at once.
 */
export function buildActivationOption(curve: ActivationCurve, palette: ChartPalette): ChartOption {
  const a = axes(palette);
  const pairs = (ys: Float64Array) => Array.from(curve.x, (x, i) => [x, ys[i]!]);
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 36, bottom: 32 },
    legend: { top: 4, textStyle: { color: palette.text } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? v.toFixed(3) : String(v)) },
    xAxis: { type: 'value', min: curve.x[0], max: curve.x[curve.x.length - 1], ...a },
    yAxis: { type: 'value', scale: true, ...a },
    series: [
      {
        name: 'f(x)',
        type: 'line',
        showSymbol: false,
        data: pairs(curve.f),
        lineStyle: { color: palette.loss, width: 2 },
        itemStyle: { color: palette.loss },
        markArea: {
          silent: true,
          itemStyle: { color: palette.muted, opacity: 0.15 },
          data: curve.saturated.map((r) => [{ xAxis: r.from, name: 'saturated' }, { xAxis: r.to }]),
          label: { color: palette.muted, position: 'insideTop' },
        },
      },
      {
        name: 'f′(x)',
        type: 'line',
        showSymbol: false,
        data: pairs(curve.df),
        lineStyle: { color: palette.accuracy, width: 2, type: 'dashed' },
        itemStyle: { color: palette.accuracy },
        markPoint: {
          symbol: 'circle',
          symbolSize: 9,
          data: [{ name: 'largest f′', coord: [curve.peak.x, curve.peak.df], value: curve.peak.df }],
          label: { position: 'top', color: palette.text, formatter: `max f′ = ${formatPeak(curve.peak.df)}` },
        },
      },
    ],
  };
}

/** The largest derivative as the chart labels it: three significant digits. */
export function formatPeak(value: number): string {
  return Number(value.toPrecision(3)).toString();
}

/** softmax(z/T) as bars, one per score, labelled with the score. */
export function buildSoftmaxOption(scores: readonly number[], probabilities: Float64Array, palette: ChartPalette): ChartOption {
  const a = axes(palette);
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 16, bottom: 40 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: scores.map((z) => `z = ${z}`), ...a },
    yAxis: { type: 'value', min: 0, max: 1, name: 'p', nameTextStyle: { color: palette.muted }, ...a },
    series: [
      {
        name: 'probability',
        type: 'bar',
        data: Array.from(probabilities),
        itemStyle: { color: palette.loss },
        label: { show: true, position: 'top', color: palette.text, formatter: (p) => (p.value as number).toFixed(2) },
      },
    ],
  };
}
