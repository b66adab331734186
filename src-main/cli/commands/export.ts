import { basename } from 'node:path';
import { ApiError } from '../../../src-core/contract/api-error';
import { exportFormats, modelExportFormats, type ModelExportFormat } from '../../../src-core/contract/runs-api';
import { exportFileStem } from '../../../src-core/export/model-export-notes';
import { serializeModelFile } from '../../../src-core/nn/model-file';
import type { LabStore } from '../../store/lab-store';
import { metricsCsv, metricsJson } from '../../store/metrics-export';
import { exportRunBundle } from '../../store/run-bundle';
import { modelExport } from '../../service/model-exports';
import { CliUsageError, type CliCommand, type CliIo } from '../command';
import { parseCommandLine } from './command-line';
import { openRunDatabase } from './open-run-database';
import { checkOutputFolder, writeOutputFile } from './write-output-file';

declare const __APP_VERSION__: string | undefined;
const appVersion = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.1.0';

/** The app's formats, plus the model file (the CLI's own: predict and eval read it). */
const cliFormats = [...exportFormats, 'model'] as const;
type CliExportFormat = (typeof cliFormats)[number];

const usage = `Usage: nn-lab export ID [--db FILE] [--format bundle|csv|json|model|onnx|pytorch|keras|safetensors] [--out FILE]

Exports a stored run. Formats (docs/RUNS.md):
  bundle  (default) one JSON file with the config, seed, dataset hash, every epoch and the weights,
          which 'nn-lab runs import' or the app imports on another installation
  csv     the per-epoch metrics, one row per epoch
  json    the config, status and per-epoch metrics
  model   a model file (docs/FORMATS.md) with the run's final weights and the preprocessor fitted on its
          training rows, for 'nn-lab predict' and 'nn-lab eval' on new data
  onnx         the trained network as an ONNX model (opset 13), scaling in front, class names in its metadata
  pytorch      one Python script: the network as nn.Sequential with the weights, the preprocessing, and
               'predict', 'eval' and 'train' (which continues the run; runs under torchrun too)
  keras        a tf.keras script with the same network, weights and training set-up
  safetensors  the weights as safetensors, under PyTorch's state_dict names
  (docs/FORMATS.md says what each keeps and what does not translate)
Without --out the export is printed; onnx and safetensors are written to RUN-NAME.onnx / .safetensors.
`;

export const exportCommand: CliCommand = { name: 'export', summary: 'export a run as a bundle, CSV, JSON, a model file, ONNX, PyTorch, Keras or safetensors', usage, run: exportRun };

async function exportRun(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(
    argv,
    { db: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
    { names: ['ID'] },
  );
  const format = (values.format ?? 'bundle') as CliExportFormat;
  if (!cliFormats.includes(format)) throw new CliUsageError(`--format: '${values.format}' is not one of ${cliFormats.join(', ')}`);
  if (values.out) checkOutputFolder(values.out, io.cwd);
  const store = openRunDatabase(values.db, io, { mustExist: true });
  let text: string | Uint8Array;
  let out = values.out;
  try {
    const id = positionals[0]!;
    const run = store.getRun(id);
    const model = (modelExportFormats as readonly string[]).includes(format)
      ? modelExport(store, id, format as ModelExportFormat, exportFileStem(run.name), appVersion, values.out && basename(values.out))
      : undefined;
    if (model && 'bytes' in model) out ??= model.fileName;
    text = model ? ('bytes' in model ? model.bytes.data : model.text) :
      format === 'csv'
        ? metricsCsv(run.metrics)
        : format === 'json'
          ? metricsJson(run)
          : format === 'model'
            ? modelFile(store, id)
            : `${JSON.stringify(exportRunBundle(store, id, appVersion))}\n`;
  } finally {
    store.close();
  }
  if (out) io.out(`exported to ${writeOutputFile(out, io.cwd, text)}\n`);
  else io.out(text as string);
  return 0;
}

/** The run's final weights as a model file, with its fitted preprocessor and the loss it trained with. */
function modelFile(store: LabStore, id: string): string {
  const run = store.getRun(id);
  const weights = store.getWeights(id, 'final');
  if (!weights) throw new ApiError({ code: 'conflict', field: 'ID', message: `Run "${run.name}" has no stored weights (it is ${run.status}).` });
  const preprocess = store.getPreprocessor(id);
  const train = { loss: run.train.loss, ...(run.train.huberDelta !== undefined ? { huberDelta: run.train.huberDelta } : {}) };
  return serializeModelFile(weights.spec, weights.state, { ...(preprocess ? { preprocess } : {}), train });
}
