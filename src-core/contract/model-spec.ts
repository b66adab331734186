import { z } from 'zod';
import { initializerNames } from './layer-names';
import { boundedCount, sizeLimits } from './size-limits';

/**
 * The lab's layer-spec format: a sequential model described as JSON.
 * `input` is the per-sample shape: `[features]` for tabular data, `[C, H, W]` for images.
 * This is the format of `../shared/fixtures/parity` and of model files (docs/FORMATS.md).
 */

const windowSize = boundedCount(sizeLimits.window, '(the largest kernel, window or stride)');

export { activationNames, initializerNames, type ActivationName, type InitializerName } from './layer-names';

export const layerSpecSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('dense'),
    units: boundedCount(sizeLimits.units, 'units in a layer'),
    bias: z.boolean().optional(),
    init: z.enum(initializerNames).optional(),
  }),
  z.strictObject({
    type: z.literal('conv2d'),
    filters: boundedCount(sizeLimits.filters, 'filters in a layer'),
    kernel: windowSize,
    stride: windowSize.optional(),
    padding: z.number().int().nonnegative().max(sizeLimits.window, `at most ${sizeLimits.window} of padding`).optional(),
    bias: z.boolean().optional(),
    init: z.enum(initializerNames).optional(),
  }),
  z.strictObject({ type: z.literal('maxpool2d'), size: windowSize, stride: windowSize.optional() }),
  z.strictObject({ type: z.literal('avgpool2d'), size: windowSize, stride: windowSize.optional() }),
  z.strictObject({ type: z.literal('flatten') }),
  z.strictObject({ type: z.literal('dropout'), rate: z.number().min(0).lt(1) }),
  z.strictObject({
    type: z.literal('batchnorm'),
    momentum: z.number().gt(0).max(1).optional(),
    eps: z.number().positive().optional(),
  }),
  z.strictObject({ type: z.literal('relu') }),
  z.strictObject({ type: z.literal('leaky_relu'), alpha: z.number().nonnegative().optional() }),
  z.strictObject({ type: z.literal('elu'), alpha: z.number().positive().optional() }),
  z.strictObject({ type: z.literal('sigmoid') }),
  z.strictObject({ type: z.literal('tanh') }),
  z.strictObject({ type: z.literal('swish') }),
  z.strictObject({ type: z.literal('gelu') }),
  z.strictObject({ type: z.literal('softmax') }),
  z.strictObject({ type: z.literal('linear') }),
]);
export type LayerSpec = z.infer<typeof layerSpecSchema>;
export type LayerType = LayerSpec['type'];

export const modelSpecSchema = z.strictObject({
  /** The classic perceptron is its own model kind; absent means a sequential network. */
  kind: z.enum(['sequential', 'perceptron']).optional(),
  input: z.array(boundedCount(sizeLimits.inputDim, 'values in one input dimension')).min(1).max(3),
  layers: z.array(layerSpecSchema).max(sizeLimits.layers, `at most ${sizeLimits.layers} layers`),
});
export type ModelSpec = z.infer<typeof modelSpecSchema>;

/** A parameter or buffer, keyed like a PyTorch `nn.Sequential` state_dict ("0.weight", "2.running_mean"). */
export interface TensorState {
  shape: number[];
  data: number[];
}
export type ModelState = Record<string, TensorState>;

/** A model file on disk: `{"format": "nn-lab-model", "version": 1, "spec", "state"}`. */
export interface ModelFile {
  format: 'nn-lab-model';
  version: 1;
  spec: ModelSpec;
  state: ModelState;
}
