import type { Ridgeline } from '../../../../src-core/insight/index';
import type { TrainingDiagnostics } from '../../../../src-core/nn/index';
import { formatStat } from '../../../lib/format';
import type { ChartPalette } from '../../../shared/charts/chart-palette';
import type { ChartOption } from '../../../shared/charts/echarts';

/**
 * One layer's weight or gradient distributions as a ridgeline (TensorBoard's "offset" histograms): one filled curve
 * per snapshot, the oldest at the top and each later epoch one row lower, on the common bins src-core's `ridgeline`
 * gives. Each curve is scaled by the largest count of all, so heights compare across epochs.
 */
export function buildRidgelineOption(r: Ridgeline | undefined, palette: ChartPalette, of: 'weights' | 'gradients'): ChartOption {
  const snapshots = r ? r.epochs.length : 0;
  const bins = r ? r.edges.length - 1 : 0;
  let peak = 0;
  if (r) for (const c of r.counts) peak = Math.max(peak, c);
  // Each ridge may rise 1.6 rows above its baseline, overlapping the one above as TensorBoard's do.
  const height = 1.6;
  const series = r
    ? Array.from(r.epochs, (epoch, t) => {
        const base = snapshots - 1 - t;
        // Lighter for the old epochs, full for the newest.
        const alpha = 0.35 + (0.65 * (t + 1)) / snapshots;
        return {
          type: 'line' as const,
          name: `epoch ${epoch}`,
          showSymbol: false,
          smooth: false,
          z: 2 + t,
          lineStyle: { width: 1.2, color: palette.loss, opacity: alpha },
          // Filled with the background down to its own baseline, so it hides the ridges behind it.
          areaStyle: { color: palette.background, opacity: 1, origin: base },
          color: palette.loss,
          data: Array.from({ length: bins }, (_, b) => [(r.edges[b]! + r.edges[b + 1]!) / 2, base + (peak > 0 ? (height * r.counts[t * bins + b]!) / peak : 0)]),
          emphasis: { disabled: true },
        };
      })
    : [];
  const axis = {
    axisLabel: { color: palette.muted },
    axisLine: { lineStyle: { color: palette.axisLine } },
    splitLine: { show: false },
  };
  const epochs = r ? Array.from(r.epochs) : [];
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: palette.text },
    title: { show: !r, text: `No ${of === 'weights' ? 'weight' : 'gradient'} histograms yet (one every 5 epochs)`, left: 'center', top: 'middle', textStyle: { color: palette.muted, fontSize: 13, fontWeight: 'normal' } },
    grid: { left: 70, right: 16, top: 12, bottom: 36 },
    tooltip: { show: false },
    xAxis: { type: 'value', name: of === 'weights' ? 'weight value' : 'gradient value', nameLocation: 'middle', nameGap: 22, nameTextStyle: { color: palette.muted }, min: r ? r.edges[0]! : 0, max: r ? r.edges[bins]! : 1, ...axis, axisLabel: { color: palette.muted, showMinLabel: false, showMaxLabel: false, formatter: (v: number) => formatStat(v) } },
    yAxis: {
      type: 'value',
      min: 0,
      max: Math.max(1, snapshots - 1 + height),
      interval: 1,
      ...axis,
      // A row's label is its epoch: row k (from the bottom) is snapshot (n − 1 − k).
      axisLabel: { color: palette.muted, formatter: (v: number) => (Number.isInteger(v) && v < snapshots ? `epoch ${epochs[snapshots - 1 - v]}` : '') },
      splitLine: { show: true, lineStyle: { color: palette.splitLine } },
    },
    series,
  };
}

/** At most `max` snapshots spread evenly over a run, the first and the last always among them (a ridge each). */
export function ridgeSnapshots(snapshots: readonly TrainingDiagnostics[], max = 16): readonly TrainingDiagnostics[] {
  if (snapshots.length <= max) return snapshots;
  return Array.from({ length: max }, (_, i) => snapshots[Math.round((i * (snapshots.length - 1)) / (max - 1))]!);
}
