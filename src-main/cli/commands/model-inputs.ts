import { ApiError } from '../../../src-core/contract/api-error';
import type { ParsedTable } from '../../../src-core/data/csv/csv-table';
import { applyPreprocessor, type AppliedData } from '../../../src-core/data/preprocess/apply-preprocessor';
import type { LabModelFile } from '../../../src-core/nn/model-file';
import { numericColumnsOf, preprocessorFor, unseenFeatureNote, type ModelTarget } from './model-preprocess';
import { withoutPlacePrefix } from './read-data-table';
import { checkNumericLooking } from './tabular-data';

export interface ModelRows extends AppliedData {
  /** What was left out or not recognised, for the user (eval goes on without those rows). */
  notes: string[];
}

/**
 * The inputs (and targets, for eval) a model file's network reads from a CSV, through the app's
 * preprocessor: with the model's preprocess block, exactly the fitted transform (its feature columns, others
 * ignored: scaling, one-hot, yes/no words, filling); without it, every column not a target, in file order,
 * unscaled. `target` absent: predict, where every row must give an output, so a row that cannot be used is
 * refused at its line. A category the model never saw is a note, not a refusal (encoded as none).
 */
export function modelInputs(
  model: LabModelFile,
  table: ParsedTable,
  inputSize: number,
  target: ModelTarget | undefined,
  modelShownAs: string,
): ModelRows {
  const exclude = target?.columns ?? [];
  const features = table.columns.map((c) => c.name).filter((name) => !exclude.includes(name));
  if (!model.preprocess && features.length !== inputSize) {
    throw new ApiError({
      code: 'bad_input',
      message:
        `the model takes ${inputSize} inputs but the file has ${features.length} columns (${features.join(', ')}); ` +
        `${modelShownAs} has no preprocess block naming its feature columns`,
      file: table.fileName,
    });
  }
  const state = preprocessorFor(model.preprocess, features, target);
  checkNumericLooking(table, numericColumnsOf(state));
  let applied: AppliedData;
  try {
    applied = applyPreprocessor(state, table, { withTarget: target !== undefined });
  } catch (error) {
    throw withoutPlacePrefix(error);
  }
  const { report } = applied;
  const notes: string[] = [];
  for (const u of report.unseen) {
    const note = target?.columns.includes(u.column) ? undefined : unseenFeatureNote(state, u, table.fileName);
    if (note !== undefined) {
      notes.push(note);
      continue;
    }
    if (!target?.columns.includes(u.column)) {
      const index = table.columns.findIndex((c) => c.name === u.column);
      throw new ApiError({ code: 'bad_input', message: `"${u.value}" in column "${u.column}" is not a number`, file: table.fileName, line: u.firstLine, column: index + 1 });
    }
    // A class the model was not trained on: reported, and its rows scored without.
    notes.push(`${table.fileName}: '${u.value}' in column '${u.column}' is a class the model does not know (${u.count} row${u.count === 1 ? '' : 's'}, first at line ${u.firstLine}): left out`);
  }
  if (report.droppedRows > 0) {
    if (!target) {
      throw new ApiError({
        code: 'bad_input',
        message: 'this row has a missing value in a column the model reads (the model was trained without filling missing values)',
        file: table.fileName,
        line: report.droppedLines[0]!,
      });
    }
    notes.push(`${table.fileName}: ${report.droppedRows} row${report.droppedRows === 1 ? '' : 's'} left out (a missing value or an unknown class; first at line ${report.droppedLines[0]})`);
  }
  return { ...applied, notes };
}
