import type { ParallelData } from '../../../src-core/compare/parallel-coordinates';
import { classColour, type ChartPalette } from '../../shared/charts/chart-palette';
import type { ChartOption } from '../../shared/charts/echarts';

/**
 * A sweep's parallel coordinates: one vertical axis per setting that differs and the metric last, one line per
 * run (the best run thicker, in the accent colour); dragging along an axis brushes it (ECharts' axis area select).
 */
export function buildParallelOption(data: ParallelData, palette: ChartPalette, title: string, fileName: string): ChartOption {
  const axisStyle = {
    nameTextStyle: { color: palette.text, fontSize: 11 },
    axisLabel: { color: palette.muted },
    axisLine: { lineStyle: { color: palette.axisLine } },
    areaSelectStyle: { width: 16, color: palette.muted, opacity: 0.25 },
  };
  const line = (values: (number | string | null)[]): (number | string)[] => values.map((v) => (v === null ? '-' : v));
  const others = data.rows.filter((r) => r.runId !== data.bestRunId);
  const best = data.rows.filter((r) => r.runId === data.bestRunId);
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: palette.text },
    title: { text: title, left: 8, top: 4, textStyle: { color: palette.text, fontSize: 13, fontWeight: 600 } },
    legend: { top: 26, left: 'center', textStyle: { color: palette.text }, data: ['Runs', 'Best run'] },
    toolbox: { feature: { saveAsImage: { title: 'Save as PNG', name: fileName, backgroundColor: palette.background, pixelRatio: 2 } } },
    parallel: { left: 70, right: 110, top: 80, bottom: 30, parallelAxisDefault: { nameLocation: 'end', nameGap: 14, ...axisStyle } },
    parallelAxis: data.axes.map((axis, dim) => ({
      id: `axis-${dim}`,
      dim,
      name: shortSettingName(axis.name),
      ...(axis.kind === 'category' ? { type: 'category' as const, data: axis.categories! } : { type: axis.log ? ('log' as const) : ('value' as const), scale: true }),
    })),
    series: [
      {
        name: 'Runs',
        type: 'parallel',
        color: classColour(0),
        lineStyle: { width: 1.2, opacity: 0.45 },
        inactiveOpacity: 0.04,
        activeOpacity: 0.9,
        data: others.map((r) => ({ name: r.name, value: line(r.values) })),
      },
      {
        name: 'Best run',
        type: 'parallel',
        color: classColour(1),
        lineStyle: { width: 3, opacity: 1 },
        inactiveOpacity: 0.1,
        data: best.map((r) => ({ name: r.name, value: line(r.values) })),
      },
    ],
  } as ChartOption;
}

/** A setting's path without the parts every axis shares (`train.optimizer.lr` → `lr`, `spec.layers.0.units` → `layers.0.units`). */
export function shortSettingName(name: string): string {
  return name.replace(/^(train|spec)\./, '').replace(/^optimizer\./, '');
}
