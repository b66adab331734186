import type { ChartOption } from './echarts';

/** How a chart whose toolbox offers "Save as PNG" is saved: the toolbox's own settings, for a keyboard button. */
export interface PngSave {
  fileName: string;
  backgroundColor?: string;
  pixelRatio: number;
}

/** The option's `toolbox.feature.saveAsImage` as a PNG save, or null when the chart offers none. */
export function pngSaveOf(option: ChartOption): PngSave | null {
  const toolbox = Array.isArray(option.toolbox) ? option.toolbox[0] : option.toolbox;
  const save = toolbox?.show === false ? undefined : toolbox?.feature?.saveAsImage;
  if (!save || save.show === false) return null;
  return {
    fileName: `${save.name ?? 'chart'}.png`,
    ...(typeof save.backgroundColor === 'string' ? { backgroundColor: save.backgroundColor } : {}),
    pixelRatio: save.pixelRatio ?? 1,
  };
}
