import { ApiError } from '../../contract/api-error';
import type { TensorData, TrainingData } from '../training-data';
import type { DatasetPlan } from '../columns/column-plan';
import { isMissingAt } from '../columns/infer-columns';
import type { ParsedTable } from '../csv/csv-table';
import { splitRows, type RowSplit } from '../split';
import { applyPreprocessor } from './apply-preprocessor';
import { fitPreprocessor, type FitOptions } from './fit-preprocessor';
import type { ApplyReport, PreprocessorState } from './preprocessor-state';

export interface BuildOptions extends FitOptions {
  validation?: number;
  test?: number;
  seed: number;
  /** Classification: keep each class's share in every part (default true). */
  stratified?: boolean;
}

export interface BuiltDataset {
  preprocessor: PreprocessorState;
  /** Ready for a TrainingSession (train, validation and held-out test parts). */
  training: TrainingData;
  test?: TensorData;
  split: RowSplit;
  reports: { train: ApplyReport; validation?: ApplyReport; test?: ApplyReport };
}

/**
 * From a read table and its plan to training data: rows with a target, split (stratified for
 * classification, seeded), the preprocessor fitted on the training part only, then applied to each part.
 */
export function buildDataset(table: ParsedTable, plan: DatasetPlan, options: BuildOptions): BuiltDataset {
  const targetColumns = plan.target.names.map((name) => table.columns.find((c) => c.name === name)!);
  const usable: number[] = [];
  for (let row = 0; row < table.rows; row++) {
    if (!targetColumns.some((column) => isMissingAt(column, row))) usable.push(row);
  }
  let strata: Int32Array | undefined;
  if (plan.target.task === 'classification' && options.stratified !== false) {
    const index = new Map(plan.target.classes!.map((name, i) => [name, i]));
    const column = targetColumns[0]!;
    strata = Int32Array.from(usable, (row) => index.get(String(column.values[row])) ?? -1);
  }
  const split = splitRows({
    rows: usable,
    seed: options.seed,
    ...(options.validation !== undefined ? { validation: options.validation } : {}),
    ...(options.test !== undefined ? { test: options.test } : {}),
    ...(strata ? { strata } : {}),
  });
  const preprocessor = fitPreprocessor(table, plan, split.train, options);
  const train = applyPreprocessor(preprocessor, table, { rows: split.train, withTarget: true });
  if (train.data.rows === 0 && split.train.length > 0) throw everyRowDropped(table, preprocessor);
  const validation = split.validation.length > 0 ? applyPreprocessor(preprocessor, table, { rows: split.validation, withTarget: true }) : undefined;
  const test = split.test.length > 0 ? applyPreprocessor(preprocessor, table, { rows: split.test, withTarget: true }) : undefined;
  const training: TrainingData = {
    inputShape: preprocessor.inputShape,
    task: plan.target.task,
    train: train.data,
    ...(plan.target.task === 'classification' ? { classCount: plan.target.classes!.length } : {}),
    ...(validation ? { validation: validation.data } : {}),
    ...(test ? { test: test.data } : {}),
  };
  return {
    preprocessor,
    training,
    ...(test ? { test: test.data } : {}),
    split,
    reports: { train: train.report, ...(validation ? { validation: validation.report } : {}), ...(test ? { test: test.report } : {}) },
  };
}

/** No training row is left because each has a missing feature: name the empty column(s), not the split. */
function everyRowDropped(table: ParsedTable, preprocessor: PreprocessorState): ApiError {
  const features = new Set(preprocessor.features.flatMap((t) => (t.kind === 'pixels' ? t.columns : [t.column])));
  const empty = table.columns.filter((c) => features.has(c.name) && c.missing === table.rows).map((c) => `'${c.name}'`);
  const message = empty.length
    ? `${table.fileName}: the feature column${empty.length === 1 ? '' : 's'} ${empty.join(', ')} ${empty.length === 1 ? 'has' : 'have'} no values (every row is missing), so every row is left out: remove ${empty.length === 1 ? 'it' : 'them'} from the features`
    : `${table.fileName}: every training row has a missing feature value, and rows with missing values are left out: fill them in or impute`;
  return new ApiError({ code: 'bad_input', message, file: table.fileName, ...(empty.length === 1 ? { field: empty[0]!.slice(1, -1) } : {}) });
}
