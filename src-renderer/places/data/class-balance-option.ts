import { classColour, type ChartPalette } from '../../shared/charts/chart-palette';
import type { ChartOption } from '../../shared/charts/echarts';

/** Rows per class as horizontal bars (one colour per class, as in the scatter preview), largest count labelled. */
export function buildClassBalanceOption(balance: ReadonlyArray<{ name: string; count: number }>, palette: ChartPalette): ChartOption {
  const total = balance.reduce((sum, c) => sum + c.count, 0);
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: palette.text },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', show: false },
    yAxis: {
      type: 'category',
      inverse: true,
      data: balance.map((c) => c.name),
      axisLabel: { color: palette.muted },
      axisLine: { lineStyle: { color: palette.axisLine } },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        data: balance.map((c, i) => ({
          value: c.count,
          itemStyle: { color: classColour(i) },
        })),
        label: {
          show: true,
          position: 'right',
          color: palette.muted,
          formatter: (p: { value: unknown }) => {
            const count = Number(p.value);
            return `${count.toLocaleString('en-US')} (${total ? Math.round((100 * count) / total) : 0}%)`;
          },
        },
      },
    ],
  };
}
