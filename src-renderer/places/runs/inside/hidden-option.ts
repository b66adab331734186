import type { RunSnapshot, SnapshotFrame } from '../../../../src-core/contract/snapshots';
import { formatPercent } from '../../../lib/format';
import { classColour, type ChartPalette } from '../../../shared/charts/chart-palette';
import type { ChartOption } from '../../../shared/charts/echarts';

/** The last hidden layer's projection on its first two principal components, one scatter series per class. */
export function buildHiddenOption(frame: SnapshotFrame | undefined, snapshot: RunSnapshot | undefined, palette: ChartPalette): ChartOption {
  const hidden = snapshot?.hidden;
  const classes = frame?.classes ?? 0;
  const byClass: Array<Array<[number, number]>> = Array.from({ length: classes }, () => []);
  if (hidden && frame?.actual) {
    const p = hidden.points.data;
    for (let r = 0; r < hidden.points.shape[0]!; r++) byClass[frame.actual.data[r]!]?.push([p[r * 2]!, p[r * 2 + 1]!]);
  }
  const axis = (name: string) => ({
    type: 'value' as const,
    scale: true,
    name,
    nameLocation: 'middle' as const,
    nameGap: 22,
    nameTextStyle: { color: palette.muted },
    axisLabel: { show: false },
    axisLine: { lineStyle: { color: palette.axisLine } },
    splitLine: { lineStyle: { color: palette.splitLine } },
  });
  const [r1, r2] = hidden?.varianceRatio ?? [0, 0];
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: palette.text },
    title: {
      show: !hidden,
      text: frame && frame.task === 'classification' ? 'No hidden layer to project' : 'Hidden representations are drawn for classification runs',
      left: 'center',
      top: 'middle',
      textStyle: { color: palette.muted, fontSize: 13, fontWeight: 'normal' },
    },
    grid: { left: 28, right: 12, top: 34, bottom: 30 },
    legend: { show: !!hidden, top: 4, left: 'center', textStyle: { color: palette.text }, itemWidth: 10, itemHeight: 10 },
    xAxis: axis(hidden ? `PC1 (${formatPercent(r1)} of variance)` : ''),
    yAxis: axis(hidden ? `PC2 (${formatPercent(r2)})` : ''),
    series: byClass.map((data, c) => ({
      id: `class-${c}`,
      name: frame?.classNames?.[c] ?? `Class ${c}`,
      type: 'scatter' as const,
      symbolSize: 5,
      color: classColour(c),
      itemStyle: { opacity: 0.75 },
      data,
    })),
  };
}
