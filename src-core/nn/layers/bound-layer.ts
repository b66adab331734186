import type { LayerSpec, LayerType } from '../../contract/model-spec';
import type { Random } from '../../data/random';
import type { FloatArray, FloatArrayConstructor } from '../float-array';
import type { Kernels } from '../kernels/model-kernels';
import type { LayerInfo, TensorInfo } from '../spec-analysis';

/**
 * What binding a layer means: its forward and backward free functions tied to the model's buffers and its
 * named tensor views, its caches allocated once for the maximum batch. The bound passes take only the batch
 * size, so the training loop allocates nothing. Each layer kind binds itself beside its passes (`bindDense` in
 * dense.ts, …); `bind-layer.ts` only picks the binder by type.
 */
export interface BoundLayer {
  forward(n: number, training: boolean): void;
  /** Accumulates parameter gradients and, unless this is the first layer, dinp. */
  backward(n: number, training: boolean): void;
}

/** One parameter or buffer of the layer: a live view into the model's one allocation, and its gradient's view. */
export interface LayerTensor {
  value: FloatArray;
  /** Parameters only; null for buffers (batchnorm's running statistics). */
  grad: FloatArray | null;
}

export interface LayerBuffers {
  inp: FloatArray; // (maxBatch, ...input shape)
  out: FloatArray; // (maxBatch, ...output shape)
  dinp: FloatArray | null; // null for the first layer: no one needs the input gradient
  dout: FloatArray;
  /** The layer's tensors by state_dict name ("weight", "bias", "running_mean", "running_var"). */
  tensors: Partial<Record<TensorInfo['name'], LayerTensor>>;
  maxBatch: number;
  dtype: FloatArrayConstructor;
  /** The model's kernels; alloc(n) takes a dtype array of n zeros from them (where they run in place). */
  kernels: Kernels;
  alloc(n: number): FloatArray;
  /** The model's current generator (read at each forward, so a check can swap it). */
  random: () => Random;
}

/** Binds one layer kind; `info.spec` is that kind's spec. */
export type LayerBinder<T extends LayerType> = (info: LayerInfo & { spec: Extract<LayerSpec, { type: T }> }, b: LayerBuffers) => BoundLayer;

export const sizeOf = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

/** A parameter's value and gradient views (present when `analyzeSpec` lists the tensor). */
export function param(b: LayerBuffers, name: TensorInfo['name']): { value: FloatArray; grad: FloatArray } | null {
  const t = b.tensors[name];
  return t ? { value: t.value, grad: t.grad! } : null;
}
