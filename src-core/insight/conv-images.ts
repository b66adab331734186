import type { ModelState } from '../contract/model-spec';
import type { ActivationSource, Tensor } from './tensor';

/**
 * What a CNN has learned, as small images with values in [0, 1]: each conv2d layer's filters (normalised per
 * filter over all its input channels, so one filter's channels compare), and the feature maps of every conv2d
 * and pooling layer for one input image (normalised per map). A constant filter or map becomes 0.5.
 */
export interface LayerImages {
  layer: number;
  type: string;
  /** Filters: (out, in, kh, kw); feature maps: (channels, h, w). */
  images: Tensor;
}

export function convFilters(layers: readonly { type: string }[], state: ModelState): LayerImages[] {
  const out: LayerImages[] = [];
  layers.forEach((layer, i) => {
    if (layer.type !== 'conv2d') return;
    const w = state[`${i}.weight`];
    if (!w || w.shape.length !== 4) throw new Error(`filters: "${i}.weight" is missing or not (out, in, kh, kw)`);
    const [filters, inChannels, kh, kw] = w.shape as [number, number, number, number];
    out.push({ layer: i, type: layer.type, images: { shape: [filters, inChannels, kh, kw], data: normalizePer(w.data, filters, inChannels * kh * kw) } });
  });
  return out;
}

/** The feature maps of every conv2d, maxpool2d and avgpool2d layer for one image (1, ...inputShape). */
export function featureMaps(
  model: ActivationSource,
  layers: readonly { type: string }[],
  outputShapes: readonly number[][],
  image: Float32Array,
): LayerImages[] {
  const picked = layers.flatMap((l, i) => (l.type === 'conv2d' || l.type === 'maxpool2d' || l.type === 'avgpool2d' ? [i] : []));
  if (picked.length === 0) return [];
  const acts = model.activations(image, 1, picked);
  return picked.map((layer, k) => {
    const [c, h, w] = outputShapes[layer] as [number, number, number];
    return { layer, type: layers[layer]!.type, images: { shape: [c, h, w], data: normalizePer(acts[k]!, c, h * w) } };
  });
}

/** Min–max scales each of `count` consecutive blocks of `size` values to [0, 1]. */
export function normalizePer(values: ArrayLike<number>, count: number, size: number): Float32Array {
  const out = new Float32Array(count * size);
  for (let b = 0; b < count; b++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = b * size; i < (b + 1) * size; i++) {
      lo = Math.min(lo, values[i]!);
      hi = Math.max(hi, values[i]!);
    }
    const span = hi - lo;
    for (let i = b * size; i < (b + 1) * size; i++) out[i] = span > 0 ? (values[i]! - lo) / span : 0.5;
  }
  return out;
}
