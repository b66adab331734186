import { SVGRenderer } from 'echarts/renderers';
import { echarts, type ChartOption } from './echarts';

echarts.use([SVGRenderer]);

/**
 * The chart drawn again with the SVG renderer, off screen (server-side rendering mode: no element, no DOM), as an
 * SVG document with its title and legend; the toolbox is left out. The window's charts draw on a canvas, whose
 * "Save as image" can only make a PNG.
 */
export function chartSvg(option: ChartOption, width: number, height: number, background: string): string {
  const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...option, toolbox: { show: false }, backgroundColor: background, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
