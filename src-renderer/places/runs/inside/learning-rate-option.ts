import { thinPoints } from '../../../../src-core/compare/thin-points';
import type { EpochMetrics } from '../../../../src-core/contract/training';
import { axisStyle, type ChartPalette } from '../../../shared/charts/chart-palette';
import type { ChartOption } from '../../../shared/charts/echarts';
import { MAX_DRAWN_POINTS } from '../metrics-option';

/** The learning rate of each epoch (what the schedule set), on a log axis when it spans more than a factor of 10. */
export function buildLearningRateOption(metrics: readonly Pick<EpochMetrics, 'epoch' | 'lr'>[], palette: ChartPalette): ChartOption {
  let lo = Infinity;
  let hi = 0;
  for (const m of metrics) {
    lo = Math.min(lo, m.lr);
    hi = Math.max(hi, m.lr);
  }
  const log = lo > 0 && hi / lo > 10;
  const axis = axisStyle(palette);
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: palette.text },
    title: { show: metrics.length === 0, text: 'No epochs yet', left: 'center', top: 'middle', textStyle: { color: palette.muted, fontSize: 13, fontWeight: 'normal' } },
    grid: { left: 64, right: 16, top: 30, bottom: 32 },
    tooltip: { trigger: 'axis', backgroundColor: palette.tooltipBackground, textStyle: { color: palette.text } },
    xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 22, minInterval: 1, min: 'dataMin', max: 'dataMax', ...axis },
    yAxis: log ? { type: 'log', name: 'learning rate', ...axis } : { type: 'value', name: 'learning rate', scale: true, ...axis },
    series: [{ type: 'line', name: 'Learning rate', showSymbol: false, step: 'end', color: palette.loss, data: thinPoints(metrics.map((m): [number, number] => [m.epoch, m.lr]), MAX_DRAWN_POINTS) }],
  };
}
