import { layerSpecSchema, type InitializerName, type LayerSpec, type LayerType, type ModelSpec } from '../contract/model-spec';
import { fieldIssues, type FieldIssue } from './field-issues';

/**
 * The model editor's operations, each a pure function from a spec to a new spec (the old one is never changed),
 * and a bounded undo/redo history of specs.
 */

/** Every layer kind the engine has, in the palette's order: the layers with weights, pooling and shaping, then activations. */
export const layerKinds: readonly LayerType[] = layerSpecSchema.options.map((o) => o.shape.type.value);

/** A new layer of `type` with options a textbook would start from. */
export function newLayer(type: LayerType): LayerSpec {
  switch (type) {
    case 'dense':
      return { type, units: 32 };
    case 'conv2d':
      return { type, filters: 8, kernel: 3, padding: 1 };
    case 'maxpool2d':
    case 'avgpool2d':
      return { type, size: 2 };
    case 'dropout':
      return { type, rate: 0.25 };
    case 'batchnorm':
      return { type, momentum: 0.1, eps: 1e-5 };
    case 'leaky_relu':
      return { type, alpha: 0.01 };
    case 'elu':
      return { type, alpha: 1 };
    default:
      return { type } as LayerSpec;
  }
}

function withLayers(spec: ModelSpec, layers: LayerSpec[]): ModelSpec {
  return { ...spec, layers };
}

function checkIndex(spec: ModelSpec, index: number, end: number): void {
  if (!Number.isInteger(index) || index < 0 || index > end) throw new RangeError(`layer ${index} is not in 0..${end}`);
}

/** Inserts `layer` before position `index` (`spec.layers.length` appends). */
export function insertLayer(spec: ModelSpec, index: number, layer: LayerSpec): ModelSpec {
  checkIndex(spec, index, spec.layers.length);
  return withLayers(spec, [...spec.layers.slice(0, index), layer, ...spec.layers.slice(index)]);
}

export function removeLayer(spec: ModelSpec, index: number): ModelSpec {
  checkIndex(spec, index, spec.layers.length - 1);
  return withLayers(spec, spec.layers.filter((_, i) => i !== index));
}

/** Moves layer `index` by `by` places (−1 up towards the input, +1 down), clamped to the stack. */
export function moveLayer(spec: ModelSpec, index: number, by: number): ModelSpec {
  checkIndex(spec, index, spec.layers.length - 1);
  const to = Math.min(spec.layers.length - 1, Math.max(0, index + by));
  if (to === index) return spec;
  const layers = spec.layers.filter((_, i) => i !== index);
  layers.splice(to, 0, spec.layers[index]!);
  return withLayers(spec, layers);
}

/**
 * Sets options of layer `index`; an option set to undefined is removed (the engine's default applies). The layer's
 * type cannot change here: replace the layer instead.
 */
export function editLayer(spec: ModelSpec, index: number, options: Record<string, unknown>): ModelSpec {
  checkIndex(spec, index, spec.layers.length - 1);
  const edited: Record<string, unknown> = { ...spec.layers[index]!, ...options, type: spec.layers[index]!.type };
  for (const key of Object.keys(edited)) if (edited[key] === undefined) delete edited[key];
  return withLayers(spec, spec.layers.map((layer, i) => (i === index ? (edited as LayerSpec) : layer)));
}

/** Problems with one layer's options as typed ("units": "at most 65,536 units in a layer"), by option name. */
export function layerOptionIssues(layer: unknown): FieldIssue[] {
  return fieldIssues(layerSpecSchema, layer);
}

/** The default initialiser: sets `init` on every dense and conv2d layer (`auto` picks by the activation after it). */
export function setInitializerEverywhere(spec: ModelSpec, init: InitializerName): ModelSpec {
  return withLayers(spec, spec.layers.map((layer) => (layer.type === 'dense' || layer.type === 'conv2d' ? { ...layer, init } : layer)));
}

/** Undo/redo over whole specs: `past` oldest first, at most `limit` steps kept. */
export interface EditHistory {
  readonly past: readonly ModelSpec[];
  readonly present: ModelSpec;
  readonly future: readonly ModelSpec[];
  readonly limit: number;
  /** What the last edit changed ("2.units"), so typing into one field is one step, not one per keystroke. */
  readonly lastKey?: string;
}

export function startHistory(spec: ModelSpec, limit = 100): EditHistory {
  return { past: [], present: spec, future: [], limit };
}

/**
 * Records an edit's result; a redo branch is dropped, the oldest step too when over the limit. An edit with the same
 * `key` as the one before it (the same option of the same layer, typed on) replaces that step instead of adding one.
 */
export function recordEdit(history: EditHistory, spec: ModelSpec, key?: string): EditHistory {
  if (spec === history.present) return history;
  const { lastKey: _last, ...rest } = history;
  const keyed = key === undefined ? {} : { lastKey: key };
  if (key !== undefined && key === history.lastKey && history.past.length > 0) return { ...rest, present: spec, future: [], ...keyed };
  return { ...rest, past: [...history.past, history.present].slice(-history.limit), present: spec, future: [], ...keyed };
}

export function undo(history: EditHistory): EditHistory {
  const previous = history.past[history.past.length - 1];
  if (!previous) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future], limit: history.limit };
}

export function redo(history: EditHistory): EditHistory {
  const [next, ...rest] = history.future;
  if (!next) return history;
  return { past: [...history.past, history.present].slice(-history.limit), present: next, future: rest, limit: history.limit };
}
