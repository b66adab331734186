import { basename } from 'node:path';
import { ApiError } from '../../../src-core/contract/api-error';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { DataSetup, RunConfig, TaskKind } from '../../../src-core/contract/run-config';
import { inferColumns } from '../../../src-core/data/columns/infer-columns';
import type { ParsedTable } from '../../../src-core/data/csv/csv-table';
import { buildDataset, type BuiltDataset } from '../../../src-core/data/preprocess/build-dataset';
import type { PreprocessorState } from '../../../src-core/data/preprocess/preprocessor-state';
import type { TensorData, TrainingData } from '../../../src-core/nn/training-session';
import { withoutPlacePrefix } from './read-data-table';
import { checkBinaryTargets, checkClassCount, checkNumericLooking, inferTaskFromLoss, isDecimalNumber, type ClassLabel } from './tabular-data';

export interface PreparedData {
  data: TrainingData;
  test?: TensorData;
  /** Fitted on the training rows only; the model file's preprocess block. */
  preprocessor: PreprocessorState;
  /** Classification: the label of each output index. */
  classes?: ClassLabel[];
  datasetName: string;
  /** What the user should know about the rows (left out for missing values, unseen categories). */
  notes: string[];
  /**
   * The split and scaling as the app's data set-up (`runs.start {data}`): the config's fractions (0 when not set, as
   * here), and its one scaling on every numeric feature (none when not set). Recorded with `--db`, so the app's
   * Duplicate & edit loads them back.
   */
  setup: DataSetup;
}

/**
 * Turns a run config's CSV into training data with the app's pipeline: the reader's typed columns, the
 * column typing and target/task inference of src-core/data/columns (every non-target column is a feature,
 * as the run config says), a seeded split (stratified for classification), and the preprocessor
 * (data.preprocess.scale, default none; one-hot for categorical columns) fitted on the training rows only.
 */
export function prepareTrainingData(
  config: RunConfig,
  table: ParsedTable,
  spec: ModelSpec,
  outputWidth: number,
  shownAs: { config: string; data: string },
): PreparedData {
  const { data: dataConfig, train } = config;
  const names = table.columns.map((c) => c.name);
  const targets = Array.isArray(dataConfig.target) ? dataConfig.target : [dataConfig.target];
  for (const target of targets) {
    if (!names.includes(target)) {
      throw new ApiError({
        code: 'bad_input',
        message: `target column "${target}" is not in ${shownAs.data}; its columns are: ${names.join(', ')}`,
        file: shownAs.config,
        field: 'data.target',
      });
    }
  }
  const task: TaskKind = dataConfig.task ?? inferTaskFromLoss(targets, train.loss);
  const features = names.filter((name) => !targets.includes(name));
  checkNumericLooking(table, features);
  if (task === 'multilabel') checkBinaryTargets(table, targets);
  if (task === 'regression') checkNumericLooking(table, targets);
  if (task === 'classification' && targets.length !== 1) {
    throw new ApiError({ code: 'bad_input', message: 'classification reads one target column', file: shownAs.config, field: 'data.target' });
  }

  let plan;
  try {
    plan = inferColumns(table, {
      target: targets.length === 1 ? targets[0]! : targets,
      task,
      ...(dataConfig.classes ? { classes: dataConfig.classes } : {}),
      use: Object.fromEntries(features.map((name) => [name, 'feature' as const])),
    });
  } catch (error) {
    throw withoutPlacePrefix(error);
  }
  let classes: ClassLabel[] | undefined;
  if (task === 'classification') {
    const planned = plan.target.classes!;
    classes = dataConfig.classes ?? (planned.every(isDecimalNumber) ? planned.map(Number) : planned);
    checkClassCount(classes, outputWidth, { file: shownAs.config });
  } else if (targets.length !== outputWidth) {
    throw new ApiError({
      code: 'bad_input',
      message: `the network has ${outputWidth} outputs but data.target names ${targets.length} column(s)`,
      file: shownAs.config,
      field: 'data.target',
    });
  }

  let built: BuiltDataset;
  try {
    built = buildDataset(table, plan, {
      seed: train.seed ?? 0,
      scale: dataConfig.preprocess?.scale ?? 'none',
      ...(dataConfig.validation !== undefined ? { validation: dataConfig.validation } : {}),
      ...(dataConfig.test !== undefined ? { test: dataConfig.test } : {}),
    });
  } catch (error) {
    if (!(error instanceof ApiError) || (error.field !== 'validation' && error.field !== 'test')) throw withoutPlacePrefix(error);
    throw new ApiError({ ...error.toData(), file: shownAs.config, field: `data.${error.field}` });
  }
  const { preprocessor } = built;
  const inputSize = spec.input.reduce((a, b) => a * b, 1);
  const given = preprocessor.inputShape.reduce((a, b) => a * b, 1);
  if (given !== inputSize) {
    const list = preprocessor.featureNames.length > 12 ? `${preprocessor.featureNames.slice(0, 12).join(', ')}, ...` : preprocessor.featureNames.join(', ');
    throw new ApiError({
      code: 'bad_input',
      message: `the model's input [${spec.input.join(', ')}] takes ${inputSize} values per row, but ${shownAs.data} gives ${given} (${list})`,
      file: shownAs.config,
      field: 'model.input',
    });
  }
  const usable = table.rows - plan.target.missing;
  if (built.training.train.rows === 0) {
    throw new ApiError({ code: 'bad_input', message: `data.validation and data.test leave none of the ${usable} rows to train on`, file: shownAs.config, field: 'data.validation' });
  }
  const data: TrainingData = { ...built.training, inputShape: [...spec.input] };
  const notes: string[] = [];
  const dropped = Object.values(built.reports).reduce((sum, r) => sum + r.droppedRows, 0) + plan.target.missing;
  if (dropped > 0) notes.push(`${dropped} row${dropped === 1 ? '' : 's'} of ${shownAs.data} left out (a missing value or target; first at line ${[...built.reports.train.droppedLines, 0][0] || '?'})`);
  const scaling = dataConfig.preprocess?.scale ?? 'none';
  const numeric = features.filter((name) => table.columns.find((c) => c.name === name)?.type === 'number');
  const setup: DataSetup = {
    validation: dataConfig.validation ?? 0,
    ...(dataConfig.test !== undefined ? { test: dataConfig.test } : {}),
    columns: Object.fromEntries(numeric.map((name) => [name, { scaling }])),
  };
  return {
    data,
    ...(built.test ? { test: built.test } : {}),
    preprocessor,
    setup,
    ...(classes ? { classes } : {}),
    datasetName: basename(shownAs.data),
    notes,
  };
}
