import type { TaskKind } from '../../../src-core/contract/run-config';
import type { NumericTransform, PreprocessorState } from '../../../src-core/data/preprocess/preprocessor-state';
import { isDecimalNumber, labelKey, type ClassLabel } from './tabular-data';

/**
 * Between a model file's `preprocess` block (the fitted PreprocessorState, docs/FORMATS.md) and the CSV
 * that predict or eval reads: which preprocessor to apply, which columns must hold numbers, the labels.
 */

export interface ModelTarget {
  task: TaskKind;
  columns: string[];
  classes?: ClassLabel[];
}

/**
 * The preprocessor for a CSV scored by a model: the model's own block (its target swapped for the one eval
 * scores, keeping the trained class order), or, for a model file without a block, every non-target column
 * as an unscaled number, in file order, rows with a missing value left out.
 */
export function preprocessorFor(block: PreprocessorState | undefined, fallbackFeatures: readonly string[], target: ModelTarget | undefined): PreprocessorState {
  const classes = target?.classes?.map(labelKey);
  if (block) {
    if (!target) return block;
    return { ...block, target: { task: target.task, columns: target.columns, ...(classes ? { classes } : {}) } };
  }
  const features: NumericTransform[] = fallbackFeatures.map((column) => ({ kind: 'numeric', column, scaling: 'none', offset: 0, scale: 1, fill: null }));
  return {
    format: 'nn-lab-preprocessor',
    version: 1,
    missing: 'drop',
    features,
    target: { task: target?.task ?? 'regression', columns: target?.columns ?? [], ...(classes ? { classes } : {}) },
    inputShape: [features.length],
    featureNames: [...fallbackFeatures],
  };
}

/** The columns a preprocessor reads as numbers (numeric and pixel features), for the typo check. */
export function numericColumnsOf(state: PreprocessorState): string[] {
  return state.features.flatMap((t) => (t.kind === 'numeric' ? [t.column] : t.kind === 'pixels' ? t.columns : []));
}

/** A classifier's labels in output order, as numbers when every label is one (as a run config gives them). */
export function classLabelsOf(state: PreprocessorState | undefined): ClassLabel[] | undefined {
  const classes = state?.target.task === 'classification' ? state.target.classes : undefined;
  if (!classes) return undefined;
  return classes.every(isDecimalNumber) ? classes.map(Number) : [...classes];
}

/**
 * What to tell the user about a feature cell the preprocessor did not know: a category (or yes/no word) not
 * seen in training is encoded as none of them; undefined for a numeric column (its cell is not a number).
 */
export function unseenFeatureNote(state: PreprocessorState, unseen: { column: string; value: string; count: number; firstLine: number }, fileName: string): string | undefined {
  const transform = state.features.find((t) => t.kind !== 'pixels' && t.column === unseen.column);
  const rows = `${unseen.count} row${unseen.count === 1 ? '' : 's'}`;
  if (transform?.kind === 'categorical') {
    const known = transform.categories.length > 12 ? `${transform.categories.slice(0, 12).join(', ')}, ...` : transform.categories.join(', ');
    return `${fileName}:${unseen.firstLine}: '${unseen.value}' in column '${unseen.column}' is a category the model was not trained on (${rows}): encoded as none of ${known}`;
  }
  if (transform?.kind === 'boolean') {
    return `${fileName}:${unseen.firstLine}: '${unseen.value}' in column '${unseen.column}' is neither '${transform.trueWord}' nor '${transform.falseWord}' (${rows}): read as '${transform.falseWord}'`;
  }
  return undefined;
}
