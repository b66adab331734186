import type { LayerSeriesSet } from '../../../../src-core/insight/index';
import { formatStat } from '../../../lib/format';
import { axisStyle, classColour, type ChartPalette } from '../../../shared/charts/chart-palette';
import type { ChartOption } from '../../../shared/charts/echarts';

/**
 * The per-layer charts over epochs, one line per layer: gradient norm (gradient flow), update-to-weight ratio (both on
 * a log axis: healthy layers differ by orders of magnitude), and activity (the dead fraction of each ReLU layer, the
 * saturated fraction of each sigmoid or tanh layer, in %). A NaN (a snapshot without the value) leaves a gap.
 */
export type LayerChart = 'gradNorm' | 'updateRatio' | 'activity';

export const layerChartTitles: Record<LayerChart, string> = {
  gradNorm: 'Gradient norm per layer (gradient flow)',
  updateRatio: 'Update-to-weight ratio per layer',
  activity: 'Dead ReLUs and saturated units',
};

export function layerName(layer: { index: number; type: string }): string {
  return `layer ${layer.index} (${layer.type})`;
}

export function buildLayerSeriesOption(set: LayerSeriesSet, chart: LayerChart, palette: ChartPalette): ChartOption {
  const lines = set.layers.flatMap((layer, i) => {
    const values =
      chart === 'activity'
        ? layer.type === 'relu'
          ? layer.deadFraction
          : layer.type === 'sigmoid' || layer.type === 'tanh'
            ? layer.saturatedFraction
            : undefined
        : layer[chart];
    if (!values || values.every((v) => Number.isNaN(v))) return [];
    const what = chart === 'activity' ? (layer.type === 'relu' ? ' dead' : ' saturated') : '';
    return [
      {
        type: 'line' as const,
        name: `${layerName(layer)}${what}`,
        showSymbol: set.epochs.length < 30,
        connectNulls: false,
        lineStyle: { width: 1.5 },
        color: classColour(i),
        data: Array.from(values, (v, t) => [set.epochs[t]!, Number.isNaN(v) || (chart !== 'activity' && !(v > 0)) ? null : chart === 'activity' ? 100 * v : v]),
      },
    ];
  });
  const axis = axisStyle(palette);
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: palette.text },
    title: { show: lines.length === 0, text: chart === 'activity' ? 'No ReLU, sigmoid or tanh layer' : 'No snapshot yet (one every 5 epochs)', left: 'center', top: 'middle', textStyle: { color: palette.muted, fontSize: 13, fontWeight: 'normal' } },
    legend: { type: 'scroll', bottom: 0, textStyle: { color: palette.text, fontSize: 11 }, itemHeight: 8 },
    grid: { left: 64, right: 16, top: 12, bottom: 58 },
    tooltip: { trigger: 'axis', backgroundColor: palette.tooltipBackground, textStyle: { color: palette.text } },
    xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 20, minInterval: 1, min: 'dataMin', max: 'dataMax', ...axis },
    yAxis:
      chart === 'activity'
        ? { type: 'value', min: 0, max: 100, ...axis, axisLabel: { color: palette.muted, formatter: '{value} %' } }
        : { type: 'log', ...axis, axisLabel: { color: palette.muted, formatter: (v: number) => formatStat(v) } },
    series: lines,
  };
}
