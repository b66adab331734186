import type { DatasetPreview } from '../../../src-core/contract/datasets';
import { axisStyle, classColour, type ChartPalette } from '../../shared/charts/chart-palette';
import type { ChartOption } from '../../shared/charts/echarts';

/**
 * A 2-D dataset as a scatter plot, one series (and legend entry) per class; a 1-D regression (`curve`) as one
 * series of (x, y) points.
 */
export function buildScatterOption(
  preview: DatasetPreview | null,
  classNames: readonly string[] | undefined,
  palette: ChartPalette,
  emptyText = 'Pick a dataset to preview it',
  curve = false,
): ChartOption {
  const points = preview?.points ?? [];
  const labels = preview?.labels ?? [];
  const classCount = curve ? 0 : Math.max(classNames?.length ?? 0, ...labels.map((l) => l + 1), 0);
  const byClass: Array<Array<[number, number]>> = Array.from({ length: classCount }, () => []);
  if (!curve) points.forEach((point, i) => byClass[labels[i] ?? 0]?.push(point));
  const series = curve
    ? [{ id: 'curve', name: 'y', type: 'scatter' as const, symbolSize: 6, color: classColour(0), itemStyle: { opacity: 0.8 }, data: points }]
    : byClass.map((data, c) => ({
        id: `class-${c}`,
        name: classNames?.[c] ?? `Class ${c}`,
        type: 'scatter' as const,
        symbolSize: 6,
        color: classColour(c),
        itemStyle: { opacity: 0.8 },
        data,
      }));
  const axis = {
    type: 'value' as const,
    scale: true,
    ...axisStyle(palette),
  };
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: palette.text },
    title: {
      show: points.length === 0,
      // A second line of the message, after a newline, is set smaller underneath.
      text: preview ? 'No points to show' : emptyText.split('\n')[0],
      subtext: preview ? '' : (emptyText.split('\n')[1] ?? ''),
      left: 'center',
      top: 'middle',
      // Explicit line heights: without them the second line is placed by a guessed height and can overlap the first.
      textStyle: { color: palette.muted, fontSize: 14, lineHeight: 20, fontWeight: 'normal' },
      subtextStyle: { color: palette.muted, fontSize: 12, lineHeight: 18 },
      itemGap: 8,
    },
    grid: { left: 44, right: 28, top: 64, bottom: 32 },
    legend: { show: points.length > 0, top: 6, left: 'center', textStyle: { color: palette.text }, itemWidth: 10, itemHeight: 10 },
    tooltip: {
      trigger: 'item',
      backgroundColor: palette.tooltipBackground,
      borderColor: palette.axisLine,
      textStyle: { color: palette.text },
    },
    xAxis: { ...axis, name: curve ? 'x' : 'x₁', show: points.length > 0 },
    yAxis: { ...axis, name: curve ? 'y' : 'x₂', show: points.length > 0 },
    series,
  };
}
