import type { LossName, TaskKind } from '../../../src-core/contract/run-config';
import type { NumericTransform, PreprocessorState, Scaling } from '../../../src-core/data/preprocess/preprocessor-state';
import type { Preprocess } from '../../../src-core/nn/model-file';
import { labelKey, type ClassLabel } from './tabular-data';

/**
 * Between the fitted preprocessor (src-core/data/preprocess) and the model file's `preprocess` block
 * (docs/FORMATS.md): numeric and pixel features are per-column `(x − offset) / divisor`, which the block
 * records exactly. One-hot and boolean columns have no place in the block yet.
 */

/** The block for a fitted preprocessor, or why it cannot be written. */
export function toModelPreprocess(
  state: PreprocessorState,
  run: { target: string | string[]; loss: LossName; huberDelta?: number; classes?: ClassLabel[] },
): { preprocess: Preprocess } | { unsupported: string } {
  const features: string[] = [];
  const offset: number[] = [];
  const divisor: number[] = [];
  let kind: Scaling = 'none';
  for (const t of state.features) {
    if (t.kind === 'pixels') {
      for (const column of t.columns) {
        features.push(column);
        offset.push(0);
        divisor.push(t.pixelScale);
      }
      if (t.pixelScale !== 1) kind = 'minmax';
    } else if (t.kind === 'numeric') {
      features.push(t.column);
      offset.push(t.offset);
      divisor.push(t.scale);
      if (t.scaling !== 'none') kind = t.scaling;
    } else {
      return { unsupported: `column '${t.column}' is ${t.kind === 'categorical' ? 'categorical (one-hot)' : 'boolean'}` };
    }
  }
  const scaler: Preprocess['scaler'] = kind === 'none' && offset.every((o) => o === 0) && divisor.every((d) => d === 1) ? { kind: 'none' } : { kind: kind === 'none' ? 'minmax' : kind, offset, divisor };
  const preprocess: Preprocess = { features, scaler, target: run.target, task: state.target.task, loss: run.loss };
  if (run.huberDelta !== undefined) preprocess.huberDelta = run.huberDelta;
  if (run.classes) preprocess.classes = run.classes;
  return { preprocess };
}

/**
 * The preprocessor a model file's block describes, for a CSV with `targets` (none for predict). Without a
 * block: every other column in file order, unscaled.
 */
export function fromModelPreprocess(
  block: Preprocess | undefined,
  fallbackFeatures: readonly string[],
  target: { task: TaskKind; columns: string[]; classes?: ClassLabel[] },
): PreprocessorState {
  const names = block ? block.features : fallbackFeatures;
  const features: NumericTransform[] = names.map((column, i) => ({
    kind: 'numeric',
    column,
    scaling: block && block.scaler.kind !== 'none' ? block.scaler.kind : 'none',
    offset: block && block.scaler.kind !== 'none' ? block.scaler.offset[i]! : 0,
    scale: block && block.scaler.kind !== 'none' ? block.scaler.divisor[i]! : 1,
    fill: null,
  }));
  return {
    format: 'nn-lab-preprocessor',
    version: 1,
    missing: 'drop',
    features,
    target: { task: target.task, columns: target.columns, ...(target.classes ? { classes: target.classes.map(labelKey) } : {}) },
    inputShape: [features.length],
    featureNames: [...names],
  };
}
