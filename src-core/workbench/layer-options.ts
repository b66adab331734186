import { initializerNames, layerSpecSchema, type LayerSpec, type LayerType } from '../contract/model-spec';
import { layerOptionIssues } from './layer-edits';

/** One option of a layer as the editor offers it: a label, a hint in plain words, the input and the engine's default. */
export interface LayerOptionField {
  name: string;
  label: string;
  hint: string;
  input: 'integer' | 'number' | 'boolean' | 'choice';
  choices?: readonly string[];
  default?: unknown;
  advanced: boolean;
}

const fields: Record<string, Omit<LayerOptionField, 'name'>> = {
  units: { label: 'Units', hint: 'Neurons in the layer; 16-128 for small tables.', input: 'integer', advanced: false },
  filters: { label: 'Filters', hint: 'Feature maps the layer learns; 8-64, often doubling after each pooling.', input: 'integer', advanced: false },
  kernel: { label: 'Kernel', hint: 'Side of the square window each filter sees; 3 is the usual choice.', input: 'integer', advanced: false },
  stride: { label: 'Stride', hint: 'Step between windows; 2 halves the image like a pooling layer.', input: 'integer', advanced: true },
  padding: { label: 'Padding', hint: 'Zeros around the image; (kernel − 1) / 2 keeps its size.', input: 'integer', default: 0, advanced: false },
  size: { label: 'Pool size', hint: 'Side of the window pooled into one value; 2 halves the image.', input: 'integer', advanced: false },
  rate: { label: 'Dropout rate', hint: 'Share of values zeroed while training; 0.2-0.5. Off when evaluating.', input: 'number', advanced: false },
  momentum: { label: 'Momentum', hint: 'How fast the running mean and variance follow the batches (PyTorch’s convention, 0.1).', input: 'number', default: 0.1, advanced: true },
  eps: { label: 'Epsilon', hint: 'Added to the variance before dividing; leave it.', input: 'number', default: 1e-5, advanced: true },
  alpha: { label: 'Slope', hint: 'Leaky ReLU’s slope for negative inputs (0.01), or ELU’s saturation value (1).', input: 'number', advanced: false },
  bias: { label: 'Bias', hint: 'A learned offset per unit; turn it off before batch norm, which has its own.', input: 'boolean', default: true, advanced: true },
  init: { label: 'Initialiser', hint: 'He for ReLU and its kin, Xavier for tanh and sigmoid; auto picks by the activation after the layer.', input: 'choice', choices: initializerNames, default: 'auto', advanced: true },
};

const defaults: Partial<Record<LayerType, Record<string, unknown>>> = { leaky_relu: { alpha: 0.01 }, elu: { alpha: 1 }, conv2d: { stride: 1 }, maxpool2d: { stride: 'the pool size' }, avgpool2d: { stride: 'the pool size' } };

/** The options of a layer kind, in the spec schema's order (every option the engine reads). */
export function layerOptionFields(type: LayerType): LayerOptionField[] {
  const schema = layerSpecSchema.options.find((o) => o.shape.type.value === type)!;
  return Object.keys(schema.shape)
    .filter((name) => name !== 'type')
    .map((name) => {
      const fallback = defaults[type]?.[name];
      return { name, ...fields[name]!, ...(fallback !== undefined ? { default: fallback } : {}) };
    });
}

/** The text an option's input shows: '' for an option left unset (the engine's default applies). */
export function optionText(value: unknown): string {
  return value === undefined ? '' : String(value);
}

/**
 * What a person typed into option `field` of `layer`, as the value to set (undefined: unset, the default applies),
 * or the reason it cannot work ("a whole number", "at most 65,536 units in a layer").
 */
export function typedOption(layer: LayerSpec, field: LayerOptionField, text: string): { value: unknown } | { error: string } {
  const trimmed = text.trim();
  let value: unknown;
  if (trimmed === '') {
    const schema = layerSpecSchema.options.find((o) => o.shape.type.value === layer.type)!;
    const option = (schema.shape as Record<string, { isOptional(): boolean }>)[field.name];
    if (!option?.isOptional()) return { error: `${field.label} needs a value` };
    value = undefined;
  } else {
    value = Number(trimmed);
    if (!Number.isFinite(value)) return { error: `${field.label} must be a number` };
    if (field.input === 'integer' && !Number.isInteger(value)) return { error: `${field.label} must be a whole number` };
  }
  const edited: Record<string, unknown> = { ...layer, [field.name]: value };
  if (value === undefined) delete edited[field.name];
  const issue = layerOptionIssues(edited).find((i) => i.field === field.name);
  return issue ? { error: `${field.label}: ${issue.message}` } : { value };
}

/** Each layer kind's name as the palette and the stack show it. */
export const layerKindLabels: Record<LayerType, string> = {
  dense: 'Dense',
  conv2d: 'Conv2d',
  maxpool2d: 'Max pool',
  avgpool2d: 'Average pool',
  flatten: 'Flatten',
  dropout: 'Dropout',
  batchnorm: 'Batch norm',
  relu: 'ReLU',
  leaky_relu: 'Leaky ReLU',
  elu: 'ELU',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  swish: 'Swish',
  gelu: 'GELU',
  softmax: 'Softmax',
  linear: 'Linear',
};

/** The palette's groups, every layer kind in exactly one. */
export const paletteGroups: readonly { name: string; kinds: readonly LayerType[] }[] = [
  { name: 'Weights', kinds: ['dense', 'conv2d'] },
  { name: 'Pooling and shape', kinds: ['maxpool2d', 'avgpool2d', 'flatten'] },
  { name: 'Regularisation', kinds: ['dropout', 'batchnorm'] },
  { name: 'Activations', kinds: ['relu', 'leaky_relu', 'elu', 'sigmoid', 'tanh', 'swish', 'gelu', 'softmax', 'linear'] },
];

/** A layer's main options in a few words, for its line in the stack ("8 filters 3×3, pad 1", "32 units", "rate 0.25"). */
export function layerSummary(layer: LayerSpec): string {
  const extra = (parts: (string | false | undefined)[]) => parts.filter(Boolean).join(', ');
  switch (layer.type) {
    case 'dense':
      return extra([`${layer.units} unit${layer.units === 1 ? '' : 's'}`, layer.bias === false && 'no bias']);
    case 'conv2d':
      return extra([`${layer.filters} × ${layer.kernel}×${layer.kernel}`, layer.stride !== undefined && layer.stride !== 1 && `stride ${layer.stride}`, !!layer.padding && `pad ${layer.padding}`]);
    case 'maxpool2d':
    case 'avgpool2d':
      return extra([`${layer.size}×${layer.size}`, layer.stride !== undefined && layer.stride !== layer.size && `stride ${layer.stride}`]);
    case 'dropout':
      return `rate ${layer.rate}`;
    case 'leaky_relu':
      return layer.alpha !== undefined ? `slope ${layer.alpha}` : '';
    case 'elu':
      return layer.alpha !== undefined ? `α ${layer.alpha}` : '';
    default:
      return '';
  }
}
