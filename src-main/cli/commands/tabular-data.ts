import { ApiError } from '../../../src-core/contract/api-error';
import type { ActivationName, ModelSpec } from '../../../src-core/contract/model-spec';
import type { LossName, TaskKind } from '../../../src-core/contract/run-config';
import type { ParsedTable, TableColumn } from '../../../src-core/data/csv/csv-table';

/** How CSV columns become a network's inputs and targets, shared by train, predict and eval. */

export type ClassLabel = string | number;

const decimal = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A plain decimal number (`-1.5`, `2e-3`, `.5`). */
export function isDecimalNumber(text: string): boolean {
  return decimal.test(text);
}

/** One spelling per label, so the cell "1.0", the cell "1" and the config's 1 are the same class. */
export function labelKey(label: ClassLabel): string {
  const text = String(label).trim();
  return isDecimalNumber(text) ? String(Number(text)) : text;
}

/** The table's column of that name; the caller has checked that it exists. */
export function columnNamed(table: ParsedTable, name: string): TableColumn {
  return table.columns.find((c) => c.name === name)!;
}

/** The distinct labels of a column in output order: numeric order when all are numbers, else text order. */
export function sortedClasses(column: TableColumn): ClassLabel[] {
  const keys = new Set<string>();
  for (const v of column.values) if (v !== null && !(typeof v === 'number' && v !== v)) keys.add(labelKey(v));
  const list = [...keys];
  if (list.every((k) => isDecimalNumber(k))) return list.map(Number).sort((a, b) => a - b);
  return list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Refuses a multilabel target cell that is not 0 or 1, at its line and column. */
export function checkBinaryTargets(table: ParsedTable, targets: readonly string[]): void {
  for (const name of targets) {
    const index = table.columns.findIndex((c) => c.name === name);
    const column = table.columns[index]!;
    for (let row = 0; row < table.rows; row++) {
      const v = column.values[row];
      const value = typeof v === 'number' ? v : v === null || v === undefined ? NaN : Number(v.trim());
      if (value !== 0 && value !== 1) {
        throw new ApiError({
          code: 'bad_input',
          message: `multilabel target "${name}" must be 0 or 1, not ${typeof v === 'number' ? v : typeof v === 'string' ? JSON.stringify(v.trim()) : 'a missing value'}`,
          file: table.fileName,
          line: table.rowLines[row]!,
          column: index + 1,
        });
      }
    }
  }
}

/**
 * A column read as text where most values are numbers is a typo, not a category: refused at its first
 * cell that is not a number (the reader types such a column as text).
 */
export function checkNumericLooking(table: ParsedTable, names: readonly string[]): void {
  for (const name of names) {
    const index = table.columns.findIndex((c) => c.name === name);
    const column = table.columns[index];
    if (!column || column.type !== 'text') continue;
    let numbers = 0;
    let present = 0;
    let firstText = -1;
    column.values.forEach((v, row) => {
      if (v === null) return;
      present++;
      if (isDecimalNumber(v.trim())) numbers++;
      else if (firstText < 0) firstText = row;
    });
    if (firstText >= 0 && numbers * 2 >= present) {
      throw new ApiError({
        code: 'bad_input',
        message: `"${column.values[firstText]!.trim()}" in column "${name}" is not a number`,
        file: table.fileName,
        line: table.rowLines[firstText]!,
        column: index + 1,
      });
    }
  }
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
