import { ApiError } from '../../../src-core/contract/api-error';
import type { TaskKind } from '../../../src-core/contract/run-config';
import { stringifyJson } from '../../../src-core/nn/json-text';
import type { CliCommand, CliIo } from '../command';
import { CliUsageError } from '../command';
import { evaluationReport } from './evaluation-report';
import { loadModelFile } from './load-model-file';
import { modelInputs } from './model-inputs';
import { ModelPredictor } from './model-predictor';
import { classLabelsOf } from './model-preprocess';
import { parseFlags, requireFlag } from './parse-flags';
import { readDataTable } from './read-data-table';
import {
  checkBinaryTargets,
  checkClassCount,
  checkNumericLooking,
  columnNamed,
  inferTaskFromSpec,
  sortedClasses,
  type ClassLabel,
} from './tabular-data';

const usage = `Usage: nn-lab eval --model model.json --data test.csv [--target COLUMN]

Scores a trained network on a labelled CSV file and prints the metrics as JSON:
classification: accuracy, confusion matrix (row = actual class), per-class precision/recall/F1
and their macro and weighted averages; multilabel: exact-match and per-label accuracy;
regression: mae, rmse and r2. The training loss is included when the model file records it.
The model file's preprocess block (written by nn-lab train) transforms the columns exactly as in training.

Options:
  --model FILE     a model file (docs/FORMATS.md)
  --data FILE      the rows to score: a CSV file with a header row
  --target COLUMN  the target column (repeat, or separate with commas, for several);
                   defaults to the target the model was trained on
`;

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'score a trained network on a labelled CSV file',
  usage,
  run: evaluate,
};

/** Notes (unknown classes, left-out rows) printed before the rest are counted. */
const maxNotes = 10;

async function evaluate(argv: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(argv, { model: { type: 'string' }, data: { type: 'string' }, target: { type: 'string', multiple: true } });
  const modelPath = requireFlag(flags.model, 'model', 'FILE');
  const dataPath = requireFlag(flags.data, 'data', 'FILE');
  const { file, shownAs } = loadModelFile(modelPath, io.cwd);
  const given = (flags.target ?? []).flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean);
  const targets = given.length ? given : (file.preprocess?.target.columns ?? []);
  if (!targets.length) throw new CliUsageError(`missing --target COLUMN (${shownAs} does not record its target)`);

  const predictor = new ModelPredictor(file.spec, file.state, shownAs);
  const width = predictor.outputSize;
  const { table } = readDataTable(dataPath, io.cwd);
  const names = table.columns.map((c) => c.name);
  for (const target of targets) {
    if (!names.includes(target)) {
      throw new ApiError({
        code: 'bad_input',
        message: `target column "${target}" is not in the file; its columns are: ${names.join(', ')}`,
        file: table.fileName,
        line: 1,
        field: 'target',
      });
    }
  }
  // A feature named as the target would be scored against itself: say so before any row is read as a class.
  const featureColumns = (file.preprocess?.features ?? []).flatMap((t) => (t.kind === 'pixels' ? t.columns : [t.column]));
  const asFeature = targets.find((t) => featureColumns.includes(t));
  if (asFeature !== undefined) {
    const trainedOn = file.preprocess!.target.columns.join(', ');
    throw new ApiError({ code: 'bad_input', field: 'target', file: shownAs, message: `--target ${asFeature}: the model reads '${asFeature}' as a feature; it was trained to predict ${trainedOn}` });
  }
  const task: TaskKind = file.preprocess?.target.task ?? inferTaskFromSpec(file.spec, width);
  let classes: ClassLabel[] | undefined;
  if (task === 'classification') {
    if (targets.length !== 1) throw new CliUsageError(`a classifier is scored on one --target column, not ${targets.length}`);
    const trained = classLabelsOf(file.preprocess);
    classes = trained ?? sortedClasses(columnNamed(table, targets[0]!));
    checkClassCount(classes, width, { file: trained ? shownAs : table.fileName });
  } else {
    if (targets.length !== width) {
      throw new CliUsageError(`the network has ${width} outputs but ${targets.length} --target column(s) were given`);
    }
    if (task === 'multilabel') checkBinaryTargets(table, targets);
    else checkNumericLooking(table, targets);
  }
  const scored = modelInputs(file, table, predictor.inputSize, { task, columns: targets, ...(classes ? { classes } : {}) }, shownAs);
  for (const note of scored.notes.slice(0, maxNotes)) io.err(`${note}\n`);
  if (scored.notes.length > maxNotes) io.err(`... and ${scored.notes.length - maxNotes} more like these\n`);
  const { x, y, rows } = scored.data;
  const lossName = file.train?.loss;
  const loss = lossName && predictor.loss(lossName, file.train?.huberDelta ?? 1, task, x, y, rows);
  const report = evaluationReport({
    task,
    outputs: predictor.predict(x, rows),
    y,
    rows,
    width,
    ...(classes ? { classes } : {}),
    ...(lossName && loss !== undefined ? { loss: { name: lossName, value: loss } } : {}),
  });
  io.out(`${stringifyJson(report)}\n`);
  return 0;
}
