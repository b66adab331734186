import type { ModelState } from '../contract/model-spec';
import type { Tensor } from './tensor';

/**
 * Each dense layer's weight matrix for a heatmap: (out, in) as stored, with the largest magnitude, so a view
 * colours every layer on a scale symmetric around 0 (−maxAbs … +maxAbs).
 */
export interface WeightHeatmap {
  layer: number;
  weights: Tensor; // (out, in)
  maxAbs: number;
}

export function denseWeightHeatmaps(layers: readonly { type: string }[], state: ModelState): WeightHeatmap[] {
  const out: WeightHeatmap[] = [];
  layers.forEach((layer, i) => {
    if (layer.type !== 'dense') return;
    const w = state[`${i}.weight`];
    if (!w || w.shape.length !== 2) throw new Error(`weight heatmap: "${i}.weight" is missing or not (out, in)`);
    const data = Float32Array.from(w.data);
    let maxAbs = 0;
    for (const v of data) maxAbs = Math.max(maxAbs, Math.abs(v));
    out.push({ layer: i, weights: { shape: [...w.shape], data }, maxAbs });
  });
  return out;
}
