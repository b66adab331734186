import { basename } from 'node:path';
import { ApiError } from '../../../src-core/contract/api-error';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { RunConfig, TaskKind } from '../../../src-core/contract/run-config';
import type { SimpleCsv } from '../../../src-core/data/numeric-csv';
import { splitRows, type RowSplit } from '../../../src-core/data/split';
import type { Preprocess } from '../../../src-core/nn/model-file';
import type { TensorData, TrainingData } from '../../../src-core/nn/training-session';
import { applyScaler, fitScaler } from './feature-scaler';
import {
  checkClassCount,
  encodeClasses,
  inferTaskFromLoss,
  readBinaryColumns,
  readFeatures,
  sortedClasses,
  type ClassLabel,
} from './tabular-data';

export interface PreparedData {
  data: TrainingData;
  test?: TensorData;
  preprocess: Preprocess;
  datasetName: string;
}

/**
 * Turns a run config's CSV into training data: targets from `data.target`, every other column a feature
 * (in file order), class labels to indices, a seeded split into test, validation and train rows, and a
 * scaler fitted on the training rows only and applied to all three.
 */
export function prepareTrainingData(
  config: RunConfig,
  csv: SimpleCsv,
  spec: ModelSpec,
  outputWidth: number,
  shownAs: { config: string; data: string },
): PreparedData {
  const { data: dataConfig, train } = config;
  const targets = Array.isArray(dataConfig.target) ? dataConfig.target : [dataConfig.target];
  for (const target of targets) {
    if (!csv.header.includes(target)) {
      throw new ApiError({
        code: 'bad_input',
        message: `target column "${target}" is not in ${shownAs.data}; its columns are: ${csv.header.join(', ')}`,
        file: shownAs.config,
        field: 'data.target',
      });
    }
  }
  const task: TaskKind = dataConfig.task ?? inferTaskFromLoss(targets, train.loss);
  const features = csv.header.filter((name) => !targets.includes(name));
  const inputSize = spec.input.reduce((a, b) => a * b, 1);
  if (features.length !== inputSize) {
    throw new ApiError({
      code: 'bad_input',
      message:
        `the model's input [${spec.input.join(', ')}] takes ${inputSize} values per row, but ${shownAs.data} has ` +
        `${features.length} feature columns (${features.join(', ')})`,
      file: shownAs.config,
      field: 'model.input',
    });
  }
  const rows = csv.cells.length;
  if (rows === 0) throw new ApiError({ code: 'bad_input', message: 'the file has a header but no rows', file: shownAs.data });
  const x = readFeatures(csv, features);
  let y: Float32Array;
  let classes: ClassLabel[] | undefined;
  if (task === 'classification') {
    if (targets.length !== 1) {
      throw new ApiError({ code: 'bad_input', message: 'classification reads one target column', file: shownAs.config, field: 'data.target' });
    }
    const column = csv.header.indexOf(targets[0]!);
    classes = dataConfig.classes ?? sortedClasses(csv, column);
    checkClassCount(classes, outputWidth, { file: shownAs.config });
    y = encodeClasses(csv, column, classes);
  } else if (task === 'multilabel') {
    y = readBinaryColumns(csv, targets);
  } else {
    y = readFeatures(csv, targets);
  }
  if (task !== 'classification' && targets.length !== outputWidth) {
    throw new ApiError({
      code: 'bad_input',
      message: `the network has ${outputWidth} outputs but data.target names ${targets.length} column(s)`,
      file: shownAs.config,
      field: 'data.target',
    });
  }

  const split = shareRows(rows, dataConfig, train.seed ?? 0, task === 'classification' ? y : undefined, shownAs.config);
  if (split.train.length === 0) {
    throw new ApiError({ code: 'bad_input', message: `data.validation and data.test leave none of the ${rows} rows to train on`, file: shownAs.config, field: 'data.validation' });
  }
  const trainSet = pick(x, y, split.train, inputSize);
  const scaler = fitScaler(dataConfig.preprocess?.scale ?? 'none', trainSet.x, trainSet.rows, inputSize);
  const scaled = (set: TensorData): TensorData => {
    applyScaler(scaler, set.x, set.rows, inputSize);
    return set;
  };
  const data: TrainingData = { inputShape: [...spec.input], task, train: scaled(trainSet) };
  if (classes) data.classCount = classes.length;
  if (split.validation.length) data.validation = scaled(pick(x, y, split.validation, inputSize));
  const preprocess: Preprocess = { features, scaler, target: dataConfig.target, task, loss: train.loss };
  if (train.huberDelta !== undefined) preprocess.huberDelta = train.huberDelta;
  if (classes) preprocess.classes = classes;
  return {
    data,
    ...(split.test.length ? { test: scaled(pick(x, y, split.test, inputSize)) } : {}),
    preprocess,
    datasetName: basename(shownAs.data),
  };
}

/**
 * Row indices of each part, each in file order: the seeded split of src-core/data/split.ts, stratified by
 * class for classification so every part keeps the class proportions. Without fractions, all rows train.
 */
function shareRows(rows: number, data: RunConfig['data'], seed: number, classIndex: Float32Array | undefined, configFile: string): RowSplit {
  try {
    return splitRows({
      rows: Int32Array.from({ length: rows }, (_, i) => i),
      seed,
      ...(data.validation !== undefined ? { validation: data.validation } : {}),
      ...(data.test !== undefined ? { test: data.test } : {}),
      ...(classIndex ? { strata: classIndex } : {}),
    });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    throw new ApiError({ ...error.toData(), file: configFile, field: `data.${error.field ?? 'validation'}` });
  }
}

function pick(x: Float32Array, y: Float32Array, rows: Int32Array, inputSize: number): TensorData {
  const yWidth = y.length / (x.length / inputSize);
  const px = new Float32Array(rows.length * inputSize); // (rows, ...inputShape)
  const py = new Float32Array(rows.length * yWidth); // (rows, yWidth)
  rows.forEach((row, i) => {
    px.set(x.subarray(row * inputSize, (row + 1) * inputSize), i * inputSize);
    py.set(y.subarray(row * yWidth, (row + 1) * yWidth), i * yWidth);
  });
  return { x: px, y: py, rows: rows.length };
}
