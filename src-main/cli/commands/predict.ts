import { ApiError } from '../../../src-core/contract/api-error';
import { formatNumber } from '../../../src-core/nn/model-file';
import type { CliCommand, CliIo } from '../command';
import { loadModelFile } from './load-model-file';
import { modelInputs } from './model-inputs';
import { ModelPredictor } from './model-predictor';
import { parseFlags, requireFlag } from './parse-flags';
import { readDataTable } from './read-data-table';
import { writeOutputFile } from './write-output-file';

const usage = `Usage: nn-lab predict --model model.json --data x.csv [--out y.csv]

Runs a trained network over every row of a CSV file and writes its raw outputs as CSV
(columns output_0, output_1, ...; one row per input row). Without --out the CSV goes to stdout.
The model file's preprocess block (written by nn-lab train) transforms the columns exactly as in
training (scaling, one-hot categories, yes/no words, missing values); other columns, such as the
target, are ignored. A category the model never saw is reported on stderr and encoded as none.

Options:
  --model FILE  a model file (docs/FORMATS.md)
  --data FILE   the input rows: a CSV file with a header row
  --out FILE    write the outputs here instead of stdout
`;

export const predictCommand: CliCommand = {
  name: 'predict',
  summary: "write a trained network's outputs for the rows of a CSV file",
  usage,
  run: predict,
};

async function predict(argv: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(argv, { model: { type: 'string' }, data: { type: 'string' }, out: { type: 'string' } });
  const modelPath = requireFlag(flags.model, 'model', 'FILE');
  const dataPath = requireFlag(flags.data, 'data', 'FILE');
  const { file, shownAs } = loadModelFile(modelPath, io.cwd);
  const predictor = new ModelPredictor(file.spec, file.state, shownAs);
  const { table, shownAs: dataShown } = readDataTable(dataPath, io.cwd);
  const rows = table.rows;
  const inputs = modelInputs(file, table, predictor.inputSize, undefined, shownAs);
  for (const note of inputs.notes) io.err(`${note}\n`);
  const outputs = predictor.predict(inputs.data.x, rows);
  const width = predictor.outputSize;
  const bad = outputs.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    const line = table.rowLines[inputs.rows[Math.floor(bad / width)] ?? 0];
    throw new ApiError({ code: 'bad_input', file: shownAs, message: `the network's output for line ${line} of ${dataShown} is ${outputs[bad]}: its weights overflow on this data; nothing was written` });
  }
  const lines = [Array.from({ length: width }, (_, i) => `output_${i}`).join(',')];
  for (let r = 0; r < rows; r++) lines.push(Array.from(outputs.subarray(r * width, (r + 1) * width), (v) => (Number.isFinite(v) ? formatNumber(v) : String(v))).join(','));
  const text = `${lines.join('\n')}\n`;
  if (flags.out) {
    const written = writeOutputFile(flags.out, io.cwd, text);
    io.err(`${rows} rows of ${width} outputs written to ${written}\n`);
  } else {
    io.out(text);
  }
  return 0;
}
