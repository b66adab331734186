import type { LayerSpec, LayerType, ModelSpec } from '../contract/model-spec';
import type { LossName } from '../contract/run-config';
import { groupDigits, sizeLimits } from '../contract/size-limits';

/**
 * Shape inference, parameter counts and validation of a layer spec, before anything is allocated.
 * A spec that cannot work is refused with a SpecError naming the layer index, its type and why,
 * deciding as PyTorch would (dense needs a 1-D input, conv2d and pooling a [C, H, W] one).
 */

export class SpecError extends Error {
  /** The offending layer's index, or undefined when the spec as a whole is wrong. */
  readonly layerIndex: number | undefined;

  constructor(message: string, layerIndex?: number) {
    super(message);
    this.name = 'SpecError';
    this.layerIndex = layerIndex;
  }
}

/** One parameter or buffer of a layer, keyed like PyTorch's state_dict ("3.weight"). */
export interface TensorInfo {
  name: 'weight' | 'bias' | 'running_mean' | 'running_var';
  shape: number[];
  size: number;
  /** Parameters are trained; buffers (batchnorm's running statistics) are not. */
  kind: 'param' | 'buffer';
  /** Dense and conv2d weights: what the l1/l2 penalties cover. */
  penalized: boolean;
}

export interface LayerInfo {
  index: number;
  type: LayerType;
  spec: LayerSpec;
  inputShape: number[];
  outputShape: number[];
  /** Trainable parameters of this layer. */
  params: number;
  tensors: TensorInfo[];
}

export interface SpecAnalysis {
  kind: 'sequential' | 'perceptron';
  inputShape: number[];
  outputShape: number[];
  layers: LayerInfo[];
  /** Trainable parameters of the whole model. */
  totalParams: number;
}

const product = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);
const showShape = (shape: number[]): string => (shape.length === 3 ? `${shape[0]}×${shape[1]}×${shape[2]}` : `[${shape.join(', ')}]`);

function tensor(name: TensorInfo['name'], shape: number[], kind: TensorInfo['kind'], penalized = false): TensorInfo {
  return { name, shape, size: product(shape), kind, penalized };
}

/** Output side of a window sliding over `size` with padding: PyTorch's floor((size + 2p − k)/s) + 1. */
function slide(size: number, kernel: number, stride: number, padding: number): number {
  return Math.floor((size + 2 * padding - kernel) / stride) + 1;
}

function inferLayer(spec: LayerSpec, index: number, input: number[]): { output: number[]; tensors: TensorInfo[] } {
  const fail = (why: string): never => {
    throw new SpecError(`layer ${index} (${spec.type}): ${why}`, index);
  };
  const needImage = (): [number, number, number] => {
    if (input.length !== 3) {
      fail(`needs a [C, H, W] input but gets ${showShape(input)}${input.length === 1 ? ' (it comes after a flatten or a dense layer)' : ''}`);
    }
    return input as [number, number, number];
  };
  switch (spec.type) {
    case 'dense': {
      if (input.length !== 1) fail(`needs a 1-D input but gets ${showShape(input)}; put a flatten layer before it`);
      const inFeatures = input[0]!;
      const tensors = [tensor('weight', [spec.units, inFeatures], 'param', true)];
      if (spec.bias !== false) tensors.push(tensor('bias', [spec.units], 'param'));
      return { output: [spec.units], tensors };
    }
    case 'conv2d': {
      const [c, h, w] = needImage();
      const stride = spec.stride ?? 1;
      const padding = spec.padding ?? 0;
      if (spec.kernel > h + 2 * padding || spec.kernel > w + 2 * padding) {
        const padded = padding > 0 ? ` (${h + 2 * padding}×${w + 2 * padding} padded)` : '';
        fail(`kernel ${spec.kernel} is larger than its ${h}×${w} input${padded}`);
      }
      const tensors = [tensor('weight', [spec.filters, c, spec.kernel, spec.kernel], 'param', true)];
      if (spec.bias !== false) tensors.push(tensor('bias', [spec.filters], 'param'));
      return { output: [spec.filters, slide(h, spec.kernel, stride, padding), slide(w, spec.kernel, stride, padding)], tensors };
    }
    case 'maxpool2d':
    case 'avgpool2d': {
      const [c, h, w] = needImage();
      if (spec.size > h || spec.size > w) fail(`window ${spec.size} is larger than its ${h}×${w} input`);
      const stride = spec.stride ?? spec.size;
      return { output: [c, slide(h, spec.size, stride, 0), slide(w, spec.size, stride, 0)], tensors: [] };
    }
    case 'flatten':
      return { output: [product(input)], tensors: [] };
    case 'batchnorm': {
      const features = input[0]!; // features (1-D) or channels (C, H, W)
      return {
        output: input,
        tensors: [
          tensor('weight', [features], 'param'),
          tensor('bias', [features], 'param'),
          tensor('running_mean', [features], 'buffer'),
          tensor('running_var', [features], 'buffer'),
        ],
      };
    }
    case 'softmax':
      if (input.length !== 1) fail(`needs a 1-D input but gets ${showShape(input)}; put a flatten layer before it`);
      if (input[0] === 1) fail('over a single output is always 1; use sigmoid for one output');
      return { output: input, tensors: [] };
    default:
      // dropout and the element-wise activations keep the shape.
      return { output: input, tensors: [] };
  }
}

/** A layer whose weight or output alone is too large to allocate is refused before anything is. */
function checkSizes(layer: LayerSpec, index: number, output: number[], tensors: TensorInfo[]): void {
  for (const t of tensors) {
    if (t.size > sizeLimits.tensorValues) {
      throw new SpecError(`layer ${index} (${layer.type}): its ${t.name} would have ${groupDigits(t.size)} values (${t.shape.map(groupDigits).join(' × ')}); at most ${groupDigits(sizeLimits.tensorValues)}`, index);
    }
  }
  const values = product(output);
  if (values > sizeLimits.activationValues) {
    throw new SpecError(`layer ${index} (${layer.type}): its output would have ${groupDigits(values)} values per sample; at most ${groupDigits(sizeLimits.activationValues)}`, index);
  }
}

function checkLoss(loss: LossName, layers: LayerInfo[], outputShape: number[]): void {
  const last = layers[layers.length - 1]!;
  const fail = (why: string): never => {
    throw new SpecError(`layer ${last.index} (${last.type}): ${why}`, last.index);
  };
  if (outputShape.length !== 1) fail(`the network's output is ${showShape(outputShape)}; flatten it and end with a dense layer`);
  if (loss === 'cross_entropy' && last.type !== 'softmax') fail('cross_entropy needs the network to end with softmax');
  if (loss === 'bce' && last.type !== 'sigmoid') fail('bce needs the network to end with sigmoid');
}

export function analyzeSpec(spec: ModelSpec, options: { loss?: LossName } = {}): SpecAnalysis {
  const kind = spec.kind ?? 'sequential';
  const inputShape = [...spec.input];
  if (inputShape.length !== 1 && inputShape.length !== 3) {
    throw new SpecError(`input ${showShape(inputShape)} must be [features] or [C, H, W]`);
  }
  if (kind === 'perceptron') return analyzePerceptron(spec, inputShape);
  if (spec.layers.length === 0) throw new SpecError('a network needs at least one layer');
  const layers: LayerInfo[] = [];
  let shape = inputShape;
  spec.layers.forEach((layer, index) => {
    const { output, tensors } = inferLayer(layer, index, shape);
    if (output.some((d) => d < 1)) throw new SpecError(`layer ${index} (${layer.type}): its output ${showShape(output)} is empty`, index);
    checkSizes(layer, index, output, tensors);
    const params = tensors.filter((t) => t.kind === 'param').reduce((a, t) => a + t.size, 0);
    layers.push({ index, type: layer.type, spec: layer, inputShape: shape, outputShape: output, params, tensors });
    shape = output;
  });
  if (options.loss) checkLoss(options.loss, layers, shape);
  const totalParams = layers.reduce((a, l) => a + l.params, 0);
  if (totalParams > sizeLimits.parameters) {
    throw new SpecError(`the network would have ${groupDigits(totalParams)} parameters; at most ${groupDigits(sizeLimits.parameters)}`);
  }
  return { kind, inputShape, outputShape: shape, layers, totalParams };
}

/** The classic perceptron: one dense layer of step units (one unit when `layers` is empty). */
function analyzePerceptron(spec: ModelSpec, inputShape: number[]): SpecAnalysis {
  if (inputShape.length !== 1) throw new SpecError(`a perceptron needs a 1-D input but gets ${showShape(inputShape)}`);
  const first = spec.layers[0];
  if (spec.layers.length > 1 || (first && first.type !== 'dense')) {
    const bad = spec.layers.length > 1 ? spec.layers[1]! : first!;
    const index = spec.layers.length > 1 ? 1 : 0;
    throw new SpecError(`layer ${index} (${bad.type}): a perceptron has exactly one dense layer of step units`, index);
  }
  const units = first?.type === 'dense' ? first.units : 1;
  const dense: LayerSpec = { type: 'dense', units };
  const { output, tensors } = inferLayer(dense, 0, inputShape);
  checkSizes(dense, 0, output, tensors);
  const params = tensors.reduce((a, t) => a + t.size, 0);
  return {
    kind: 'perceptron',
    inputShape,
    outputShape: output,
    layers: [{ index: 0, type: 'dense', spec: dense, inputShape, outputShape: output, params, tensors }],
    totalParams: params,
  };
}
