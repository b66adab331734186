import { ApiError } from '../../../src-core/contract/api-error';
import type { ActivationName, ModelSpec } from '../../../src-core/contract/model-spec';
import type { LossName, TaskKind } from '../../../src-core/contract/run-config';
import { columnIndices, isDecimalNumber, numericCell, numericColumns, type SimpleCsv } from '../../../src-core/data/numeric-csv';

/** How CSV columns become a network's inputs and targets, shared by train, predict and eval. */

export type ClassLabel = string | number;

/** One spelling per label, so the cell "1.0", the cell "1" and the config's 1 are the same class. */
export function labelKey(label: ClassLabel): string {
  const text = String(label).trim();
  return isDecimalNumber(text) ? String(Number(text)) : text;
}

/** The distinct labels of a column in output order: numeric order when all are numbers, else text order. */
export function sortedClasses(csv: SimpleCsv, column: number): ClassLabel[] {
  const keys = [...new Set(csv.cells.map((row) => labelKey(row[column]!)))];
  if (keys.every((k) => isDecimalNumber(k))) return keys.map(Number).sort((a, b) => a - b);
  return keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** (rows): the class index of each row's label; a label not in `classes` is an error at its cell. */
export function encodeClasses(csv: SimpleCsv, column: number, classes: readonly ClassLabel[]): Float32Array {
  const index = new Map(classes.map((c, i) => [labelKey(c), i]));
  const y = new Float32Array(csv.cells.length);
  csv.cells.forEach((row, r) => {
    const found = index.get(labelKey(row[column]!));
    if (found === undefined) {
      throw new ApiError({
        code: 'bad_input',
        message: `label "${row[column]}" in column "${csv.header[column]}" is not one of the classes (${classes.join(', ')})`,
        file: csv.fileName,
        line: csv.rowLines[r]!,
        column: csv.cellColumns[r]![column]!,
      });
    }
    y[r] = found;
  });
  return y;
}

/** (rows, targets.length): multilabel targets, each cell 0 or 1. */
export function readBinaryColumns(csv: SimpleCsv, targets: readonly string[]): Float32Array {
  const indices = columnIndices(csv, targets, 'target column');
  const y = new Float32Array(csv.cells.length * indices.length);
  csv.cells.forEach((_, r) => {
    indices.forEach((c, j) => {
      const value = numericCell(csv, r, c);
      if (value !== 0 && value !== 1) {
        throw new ApiError({
          code: 'bad_input',
          message: `multilabel target "${csv.header[c]}" must be 0 or 1, not ${value}`,
          file: csv.fileName,
          line: csv.rowLines[r]!,
          column: csv.cellColumns[r]![c]!,
        });
      }
      y[r * indices.length + j] = value;
    });
  });
  return y;
}

/** The task a run config leaves implicit: a class loss on one column is classification, bce on several multilabel. */
export function inferTaskFromLoss(targets: readonly string[], loss: LossName): TaskKind {
  if (targets.length > 1) return loss === 'bce' ? 'multilabel' : 'regression';
  return loss === 'cross_entropy' || loss === 'bce' ? 'classification' : 'regression';
}

/** The task a model file without a preprocess block implies, read from its last layer. */
export function inferTaskFromSpec(spec: ModelSpec, outputWidth: number): TaskKind {
  const last = spec.layers[spec.layers.length - 1]?.type as ActivationName | string | undefined;
  if (last === 'softmax') return 'classification';
  if (last === 'sigmoid') return outputWidth === 1 ? 'classification' : 'multilabel';
  return 'regression';
}

/** The input columns: every column but the targets, in file order, as a (rows, features) matrix. */
export function readFeatures(csv: SimpleCsv, features: readonly string[]): Float32Array {
  columnIndices(csv, features, 'feature column');
  return numericColumns(csv, features);
}

/** Checks that the classes fit the network's outputs: one output per class, or one sigmoid output for two. */
export function checkClassCount(classes: readonly ClassLabel[], outputWidth: number, where: { file: string }): void {
  const twice = classes.find((c, i) => classes.findIndex((d) => labelKey(d) === labelKey(c)) !== i);
  if (twice !== undefined) {
    throw new ApiError({ code: 'bad_input', message: `data.classes lists ${JSON.stringify(twice)} twice`, file: where.file, field: 'data.classes' });
  }
  const fits = outputWidth === 1 ? classes.length === 2 : classes.length === outputWidth;
  if (fits) return;
  const listed = classes.length > 12 ? `${classes.slice(0, 12).join(', ')}, ...` : classes.join(', ');
  throw new ApiError({
    code: 'bad_input',
    message:
      outputWidth === 1
        ? `a network with one output classifies 2 classes, but the target has ${classes.length} (${listed})`
        : `the network has ${outputWidth} outputs but the target has ${classes.length} classes (${listed}); ` +
          'give every class in data.classes, or change the last dense layer',
    file: where.file,
    field: 'data.classes',
  });
}
