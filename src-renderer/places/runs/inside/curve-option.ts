import type { RunSnapshot, SnapshotFrame } from '../../../../src-core/contract/snapshots';
import { axisStyle, classColour, type ChartPalette } from '../../../shared/charts/chart-palette';
import type { ChartOption } from '../../../shared/charts/echarts';

/** Regression on one feature: the training and validation points, and the fitted curve of the shown epoch. */
export function buildCurveOption(frame: SnapshotFrame | undefined, snapshot: RunSnapshot | undefined, palette: ChartPalette): ChartOption {
  const plane = frame?.plane;
  const train: [number, number][] = [];
  const validation: [number, number][] = [];
  const curve: [number, number][] = [];
  if (plane && plane.bounds.min.length === 1) {
    for (let r = 0; r < plane.trainPoints.shape[0]!; r++) train.push([plane.trainPoints.data[r]!, plane.trainLabels.data[r]!]);
    if (frame.split === 'validation' && plane.targets) {
      for (let r = 0; r < plane.points.shape[0]!; r++) validation.push([plane.points.data[r]!, plane.targets.data[r]!]);
    }
    const n = snapshot?.curve?.shape[0] ?? 0;
    const [lo, hi] = [plane.bounds.min[0]!, plane.bounds.max[0]!];
    for (let i = 0; i < n; i++) curve.push([lo + (i * (hi - lo)) / (n - 1), snapshot!.curve!.data[i]!]);
  }
  const axis = (name: string) => ({
    type: 'value' as const,
    scale: true,
    name,
    nameLocation: 'middle' as const,
    nameGap: 26,
    ...axisStyle(palette),
  });
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: palette.text },
    title: { show: curve.length === 0, text: 'No fitted curve stored yet', left: 'center', top: 'middle', textStyle: { color: palette.muted, fontSize: 13, fontWeight: 'normal' } },
    grid: { left: 48, right: 16, top: 34, bottom: 40 },
    legend: { top: 4, left: 'center', textStyle: { color: palette.text }, itemWidth: 10, itemHeight: 10 },
    xAxis: axis(plane?.labels[0] ?? 'x'),
    yAxis: axis('y'),
    series: [
      { id: 'train', name: 'Training rows', type: 'scatter' as const, symbolSize: 4, color: classColour(8), itemStyle: { opacity: 0.5 }, data: train },
      { id: 'validation', name: 'Validation rows', type: 'scatter' as const, symbolSize: 5, color: classColour(0), itemStyle: { opacity: 0.8 }, data: validation },
      { id: 'fit', name: 'Network output', type: 'line' as const, showSymbol: false, color: classColour(1), lineStyle: { width: 2.5 }, data: curve },
    ],
  };
}
