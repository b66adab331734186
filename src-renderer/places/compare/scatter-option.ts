import type { SettingScatter } from '../../../src-core/compare/parallel-coordinates';
import { classColour, type ChartPalette } from '../../shared/charts/chart-palette';
import type { ChartOption } from '../../shared/charts/echarts';
import { shortSettingName } from './parallel-option';

/**
 * A sweep's scatter of one setting (x) against the metric (y): a point per run, the best run larger and in the
 * accent colour; a category setting gets a category axis, a setting spanning decades a log axis.
 */
export function buildScatterOption(scatter: SettingScatter, palette: ChartPalette, title: string, fileName: string): ChartOption {
  const { setting, metric } = scatter;
  const axisStyle = {
    nameTextStyle: { color: palette.text, fontSize: 11 },
    axisLabel: { color: palette.muted },
    axisLine: { lineStyle: { color: palette.axisLine } },
    splitLine: { lineStyle: { color: palette.splitLine } },
  };
  const point = (p: SettingScatter['points'][number]) => ({ name: p.name, value: [p.x, p.y] });
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: palette.text },
    title: { text: title, left: 8, top: 4, textStyle: { color: palette.text, fontSize: 13, fontWeight: 600 } },
    legend: { top: 26, left: 'center', textStyle: { color: palette.text }, data: ['Runs', 'Best run'] },
    tooltip: { trigger: 'item', backgroundColor: palette.tooltipBackground, textStyle: { color: palette.text } },
    toolbox: { feature: { saveAsImage: { title: 'Save as PNG', name: fileName, backgroundColor: palette.background, pixelRatio: 2 } } },
    grid: { left: 64, right: 32, top: 64, bottom: 56 },
    xAxis: {
      name: shortSettingName(setting.name),
      nameLocation: 'middle',
      nameGap: 30,
      ...(setting.kind === 'category' ? { type: 'category', data: setting.categories } : { type: setting.log ? 'log' : 'value', scale: true }),
      ...axisStyle,
    },
    yAxis: { name: metric.name, nameLocation: 'middle', nameGap: 44, type: 'value', scale: true, ...axisStyle },
    series: [
      { name: 'Runs', type: 'scatter', color: classColour(0), symbolSize: 9, data: scatter.points.filter((p) => !p.best).map(point) },
      { name: 'Best run', type: 'scatter', color: classColour(1), symbolSize: 15, data: scatter.points.filter((p) => p.best).map(point) },
    ],
  } as ChartOption;
}
