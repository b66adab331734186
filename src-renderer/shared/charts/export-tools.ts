import type { ChartOption } from './echarts';

type ToolboxOption = { show?: boolean; feature?: Record<string, unknown> } & Record<string, unknown>;

/**
 * How a chart saves: its file name and PNG background, from its own toolbox's saveAsImage when it has one (else the
 * fallbacks). The window's charts save through EChart's menu (PNG and SVG) instead of ECharts' canvas toolbox, so
 * the toolbox is hidden (`withoutToolbox`).
 */
export function exportSettings(option: ChartOption, fallbackName: string, fallbackBackground: string): { fileName: string; background: string } {
  const own = Array.isArray(option.toolbox) ? undefined : (option.toolbox as ToolboxOption | undefined);
  const save = own?.feature?.saveAsImage as { name?: unknown; backgroundColor?: unknown } | undefined;
  return {
    fileName: typeof save?.name === 'string' && save.name ? save.name : fallbackName,
    background: typeof save?.backgroundColor === 'string' ? save.backgroundColor : fallbackBackground,
  };
}

/** The option with its toolbox hidden: the save menu beside the chart replaces it. */
export function withoutToolbox(option: ChartOption): ChartOption {
  return option.toolbox === undefined ? option : { ...option, toolbox: { show: false } };
}
