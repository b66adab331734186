import type { Tensor } from '../../../../src-core/contract/tensor';
import type { ColourScale, Tensor2d } from '../../../shared/canvas/heatmap-colours';

/** Black (0) to white (1): how filters and feature maps in [0, 1] are drawn, as CNN Explainer draws them. */
export const greyScale: ColourScale = [
  [0, 0, 0],
  [255, 255, 255],
];

/**
 * The 2-D planes of a (n, h, w) or (n, c, h, w) image tensor, each a view on its data (nothing copied): one tile per
 * feature map, or per filter and input channel. Names say which (`map 3`, `filter 2 · channel 0`).
 */
export function imageTiles(images: Pick<Tensor, 'shape' | 'data'>): { name: string; tile: Tensor2d }[] {
  const data = images.data as Float32Array;
  const shape = images.shape;
  if (shape.length === 3) {
    const [n, h, w] = shape as [number, number, number];
    return Array.from({ length: n }, (_, i) => ({ name: `map ${i}`, tile: { shape: [h, w] as const, data: data.subarray(i * h * w, (i + 1) * h * w) } }));
  }
  if (shape.length === 4) {
    const [n, c, h, w] = shape as [number, number, number, number];
    return Array.from({ length: n * c }, (_, k) => ({
      name: `filter ${Math.floor(k / c)} · channel ${k % c}`,
      tile: { shape: [h, w] as const, data: data.subarray(k * h * w, (k + 1) * h * w) },
    }));
  }
  throw new Error(`image tiles: shape [${shape.join(', ')}] is neither (n, h, w) nor (n, c, h, w)`);
}
