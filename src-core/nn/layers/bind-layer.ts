import type { LayerType } from '../../contract/model-spec';
import type { LayerInfo } from '../spec-analysis';
import { activationBinders } from './activations';
import { bindBatchnorm } from './batchnorm';
import type { BoundLayer, LayerBinder, LayerBuffers } from './bound-layer';
import { bindConv2d } from './conv2d';
import { bindDense } from './dense';
import { bindDropout } from './dropout';
import { bindFlatten } from './flatten';
import { bindAvgpool2d, bindMaxpool2d } from './pooling';

export type { BoundLayer, LayerBuffers, LayerTensor } from './bound-layer';

/** Every layer kind's binder (each beside its forward and backward); a missing kind is a type error. */
const binders: { [T in LayerType]: LayerBinder<T> } = {
  dense: bindDense,
  conv2d: bindConv2d,
  maxpool2d: bindMaxpool2d,
  avgpool2d: bindAvgpool2d,
  flatten: bindFlatten,
  dropout: bindDropout,
  batchnorm: bindBatchnorm,
  ...activationBinders,
};

/** Binds one layer of the model to its buffers and tensor views (see bound-layer.ts). */
export function bindLayer(info: LayerInfo, b: LayerBuffers): BoundLayer {
  return (binders[info.type] as LayerBinder<LayerType>)(info as Parameters<LayerBinder<LayerType>>[0], b);
}
