import { pca2, type Pca } from './pca';
import type { ActivationSource } from './tensor';

/**
 * The last hidden layer: the layer whose output feeds the last dense (or conv2d) layer, so its outputs are
 * the representation the classifier head separates. Undefined for a network without one (a single dense layer).
 */
export function lastHiddenLayer(layers: readonly { type: string }[]): number | undefined {
  for (let i = layers.length - 1; i >= 0; i--) {
    const type = layers[i]!.type;
    if (type === 'dense' || type === 'conv2d') return i > 0 ? i - 1 : undefined;
  }
  return undefined;
}

export interface HiddenProjection {
  /** The layer projected (an index into spec.layers). */
  layer: number;
  /** Width of its output per row. */
  width: number;
  pca: Pca; // pca.projected: (rows, 2)
}

/** The last hidden layer's activations on rows of x (rows, inputSize), projected on their first two principal components. */
export function hiddenProjection(
  model: ActivationSource,
  layers: readonly { type: string }[],
  x: Float32Array,
  rows: number,
): HiddenProjection {
  const layer = lastHiddenLayer(layers);
  if (layer === undefined) throw new RangeError('hidden representations: the network has no hidden layer');
  const [acts] = model.activations(x, rows, [layer]);
  const width = acts!.length / Math.max(1, rows);
  return { layer, width, pca: pca2(acts!, rows, width) };
}
