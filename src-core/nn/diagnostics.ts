import type { LayerType } from '../contract/model-spec';
import type { Histogram } from '../data/histogram';
import type { FloatArray } from './float-array';
import type { SequentialModel } from './model';

/**
 * Per-layer health of a network, read cheaply at the end of an epoch from what the last training batch
 * left in the model's buffers: weight and gradient L2 norms, a weight histogram, the fraction of dead
 * ReLU units and of saturated sigmoid/tanh outputs.
 */
export interface LayerDiagnostics {
  index: number;
  type: LayerType;
  /** L2 norm of all the layer's parameters (weights and biases). */
  weightNorm?: number;
  /** L2 norm of their gradients in the epoch's last batch (after any clipping). */
  gradNorm?: number;
  /** The weights (not biases), in HISTOGRAM_BINS equal bins between their min and max. */
  weightHistogram?: Histogram;
  /** The weights' gradients in the epoch's last batch, binned the same way between their own min and max. */
  gradHistogram?: Histogram;
  /**
   * ‖w_after − w_before‖ / ‖w_before‖ over the layer's parameters for the epoch's last optimizer step
   * (about 1e-3 is healthy; far above, the learning rate is too high; far below, too low).
   */
  updateRatio?: number;
  /** relu: the fraction of units that output 0 for every sample of the last batch. */
  deadFraction?: number;
  /** sigmoid: outputs below 0.01 or above 0.99; tanh: |output| above 0.99; fraction over the last batch. */
  saturatedFraction?: number;
}

export interface TrainingDiagnostics {
  /** The epoch (1-based) these were read after. */
  epoch: number;
  layers: LayerDiagnostics[];
}

// The sums of squares go through the model's kernels (the same bits as a plain loop): read once an epoch, a
// JavaScript loop is still cold there (W1's norms and update ratio took ~10 ms of a 0.7 s epoch).
function norm(model: SequentialModel, a: FloatArray, offset: number, size: number): number {
  const sums: [number, number, number] = [0, 0, 0];
  model.kernels.squareSums(a, null, offset, size, sums);
  return Math.sqrt(sums[0]);
}

/**
 * Reads the diagnostics of the batch of `rows` samples that last went forward and backward; `before` (P),
 * the parameters before the last optimizer step, gives each layer's update ratio.
 */
export function readDiagnostics(model: SequentialModel, rows: number, epoch: number, before?: FloatArray): TrainingDiagnostics {
  const layers = model.analysis.layers.map((info): LayerDiagnostics => {
    const d: LayerDiagnostics = { index: info.index, type: info.type };
    const params = model.slots.filter((s) => s.layerIndex === info.index && s.kind === 'param');
    if (params.length > 0) {
      let w = 0;
      let g = 0;
      for (const slot of params) {
        w += norm(model, model.params, slot.offset, slot.size) ** 2;
        g += norm(model, model.grads, slot.offset, slot.size) ** 2;
      }
      d.weightNorm = Math.sqrt(w);
      d.gradNorm = Math.sqrt(g);
      if (before) d.updateRatio = updateRatio(model, before, params);
      const weight = params.find((s) => s.name === 'weight');
      if (weight) {
        // Through the model's kernels too (the same counts): W1's first layer's two took ~15 ms in a cold loop.
        d.weightHistogram = model.kernels.histogram(model.view(weight));
        d.gradHistogram = model.kernels.histogram(model.gradView(weight));
      }
    }
    const out = model.acts[info.index + 1]!;
    const width = model.sizes[info.index + 1]!;
    if (info.type === 'relu') d.deadFraction = deadFraction(out, rows, width);
    if (info.type === 'sigmoid' || info.type === 'tanh') d.saturatedFraction = saturatedFraction(out, rows * width, info.type);
    return d;
  });
  return { epoch, layers };
}

function updateRatio(model: SequentialModel, before: FloatArray, slots: readonly { offset: number; size: number }[]): number {
  const sums: [number, number, number] = [0, 0, 0];
  for (const { offset, size } of slots) model.kernels.squareSums(model.params, before, offset, size, sums);
  const [, weight, step] = sums;
  return weight > 0 ? Math.sqrt(step / weight) : step > 0 ? Infinity : 0;
}

function deadFraction(out: FloatArray, rows: number, width: number): number {
  if (rows === 0) return 0;
  let dead = 0;
  for (let u = 0; u < width; u++) {
    let alive = false;
    for (let n = 0; n < rows && !alive; n++) alive = out[n * width + u]! > 0;
    if (!alive) dead++;
  }
  return dead / width;
}

function saturatedFraction(out: FloatArray, size: number, type: 'sigmoid' | 'tanh'): number {
  if (size === 0) return 0;
  let saturated = 0;
  for (let i = 0; i < size; i++) {
    const v = out[i]!;
    if (type === 'sigmoid' ? v < 0.01 || v > 0.99 : Math.abs(v) > 0.99) saturated++;
  }
  return saturated / size;
}
