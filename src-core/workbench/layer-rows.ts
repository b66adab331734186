import type { LayerType, ModelSpec } from '../contract/model-spec';
import type { LossName } from '../contract/run-config';
import { groupDigits } from '../contract/size-limits';
import { analyzeSpec, SpecError, type SpecAnalysis } from '../nn/spec-analysis';

/** One layer of the editor's stack: its output shape and parameters, or the engine's reason it cannot be built. */
export interface LayerRow {
  index: number;
  type: LayerType;
  /** Absent from the failing layer on. */
  shape?: number[];
  params?: number;
  /** The engine's own message, on the layer it names ("layer 3 (conv2d): kernel 5 is larger than its 3×3 input"). */
  error?: string;
}

export interface StackRows {
  rows: LayerRow[];
  /** The whole model's parameters, when it can be built. */
  totalParams?: number;
  /** An error that names no layer (the input shape, an empty stack, the total size): shown above the stack. */
  error?: string;
}

function analyze(spec: ModelSpec, loss?: LossName): SpecAnalysis | SpecError {
  try {
    return analyzeSpec(spec, loss ? { loss } : {});
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
}

/**
 * The editor's rows from `analyzeSpec`. On an error naming a layer, the layers before it keep their shapes (the
 * stack up to there is analysed alone), that layer carries the message and the layers after it have no shape.
 */
export function layerRows(spec: ModelSpec, loss?: LossName): StackRows {
  const result = analyze(spec, loss);
  if (!(result instanceof SpecError)) {
    return {
      rows: result.layers.map((l) => ({ index: l.index, type: l.type, shape: l.outputShape, params: l.params })),
      totalParams: result.totalParams,
    };
  }
  const failing = result.layerIndex;
  const before = failing ? analyze({ ...spec, layers: spec.layers.slice(0, failing) }) : undefined;
  const known = before && !(before instanceof SpecError) && spec.kind !== 'perceptron' ? before.layers : [];
  const rows: LayerRow[] = spec.layers.map((layer, index) => {
    const info = known[index];
    if (index === failing) return { index, type: layer.type, error: result.message };
    return info ? { index, type: layer.type, shape: info.outputShape, params: info.params } : { index, type: layer.type };
  });
  return failing === undefined ? { rows, error: result.message } : { rows };
}

/** A shape as the stack shows it: "8×8×8" for feature maps (C×H×W), "32" for a vector. */
export function shapeText(shape: readonly number[]): string {
  return shape.join('×');
}

/** A parameter count with grouped digits ("1,490 params"; "no params" for none). */
export function paramsText(params: number): string {
  return params === 0 ? 'no params' : `${groupDigits(params)} param${params === 1 ? '' : 's'}`;
}
