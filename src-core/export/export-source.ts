import type { ModelSpec, ModelState } from '../contract/model-spec';
import type { TrainConfig } from '../contract/run-config';
import type { PreprocessorState } from '../data/preprocess/preprocessor-state';
import type { OptimizerState } from '../nn/training-session';

/** What every exporter reads: a trained network and what it takes to use it and train it on. */
export interface ExportSource {
  /** The run's name, for comments and metadata. */
  name: string;
  spec: ModelSpec;
  state: ModelState;
  /** The preprocessor fitted on the training rows; absent for data that needed none (bundled generators). */
  preprocess?: PreprocessorState;
  /** The run's training settings; the scripts continue with them. */
  train?: TrainConfig;
  /** The optimizer's state at the run's end (moments in PyTorch's names, step count, schedule). */
  optimizerState?: OptimizerState;
}

/** Per encoded input value: out = (x − offset) / scale; fill replaces a missing (NaN) value first. */
export interface AffineInputs {
  offset: number[];
  scale: number[];
  fill: number[];
  /** True when offset is all 0 and scale all 1. */
  identity: boolean;
  /** True when some value has a fill. */
  imputes: boolean;
}

/** The preprocessing that acts value by value on the encoded inputs (scaling, pixel scale, numeric fills). */
export function affineInputs(preprocess: PreprocessorState | undefined, size: number): AffineInputs {
  const offset = new Array<number>(size).fill(0);
  const scale = new Array<number>(size).fill(1);
  const fill = new Array<number>(size).fill(NaN);
  let at = 0;
  for (const feature of preprocess?.features ?? []) {
    if (feature.kind === 'numeric') {
      offset[at] = feature.offset;
      scale[at] = feature.scale;
      if (feature.fill !== null) fill[at] = feature.fill;
      at++;
    } else if (feature.kind === 'boolean') {
      if (feature.fill !== null) fill[at] = feature.fill;
      at++;
    } else if (feature.kind === 'categorical') at += feature.categories.length;
    else for (let i = 0; i < feature.columns.length; i++) scale[at++] = feature.pixelScale;
  }
  return {
    offset,
    scale,
    fill,
    identity: offset.every((v) => v === 0) && scale.every((v) => v === 1),
    imputes: fill.some((v) => !Number.isNaN(v)),
  };
}
