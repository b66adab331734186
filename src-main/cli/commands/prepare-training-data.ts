import { basename } from 'node:path';
import { ApiError } from '../../../src-core/contract/api-error';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { RunConfig, TaskKind } from '../../../src-core/contract/run-config';
import type { SimpleCsv } from '../../../src-core/data/numeric-csv';
import { Random } from '../../../src-core/data/random';
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

  const split = splitRows(rows, dataConfig.test ?? 0, dataConfig.validation ?? 0, train.seed ?? 0, shownAs.config);
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
 * Row indices of each split. Without test and validation fractions the rows keep their file order (so a
 * run without shuffling sees them as written); otherwise a seeded Fisher–Yates shuffle deals the first
 * round(rows·test) rows to test, the next round(rows·validation) to validation, the rest to training.
 */
export function splitRows(rows: number, test: number, validation: number, seed: number, configFile: string): Record<'train' | 'validation' | 'test', number[]> {
  const order = Array.from({ length: rows }, (_, i) => i);
  const testRows = Math.round(rows * test);
  const validationRows = Math.round(rows * validation);
  if (testRows + validationRows >= rows) {
    throw new ApiError({
      code: 'bad_input',
      message: `data.test (${test}) and data.validation (${validation}) leave no training rows out of ${rows}`,
      file: configFile,
      field: 'data.validation',
    });
  }
  if (testRows + validationRows > 0) {
    const rng = new Random(seed);
    for (let i = rows - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
  }
  return {
    test: order.slice(0, testRows),
    validation: order.slice(testRows, testRows + validationRows),
    train: order.slice(testRows + validationRows),
  };
}

function pick(x: Float32Array, y: Float32Array, rows: number[], inputSize: number): TensorData {
  const yWidth = y.length / (x.length / inputSize);
  const px = new Float32Array(rows.length * inputSize); // (rows, ...inputShape)
  const py = new Float32Array(rows.length * yWidth); // (rows, yWidth)
  rows.forEach((row, i) => {
    px.set(x.subarray(row * inputSize, (row + 1) * inputSize), i * inputSize);
    py.set(y.subarray(row * yWidth, (row + 1) * yWidth), i * yWidth);
  });
  return { x: px, y: py, rows: rows.length };
}
