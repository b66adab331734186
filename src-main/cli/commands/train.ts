import { resolve } from 'node:path';
import { ApiError } from '../../../src-core/contract/api-error';
import type { ModelSpec, ModelState } from '../../../src-core/contract/model-spec';
import type { EpochMetrics } from '../../../src-core/contract/training';
import { EarlyStopping } from '../../../src-core/nn/early-stopping';
import { DivergedError, createTrainingSession, kernelBackend, useKernels } from '../../../src-core/nn/index';
import { kernelsVariable, parseKernelChoice } from '../../app/kernel-choice';
import { serializeModelFile } from '../../../src-core/nn/model-file';
import type { TrainingData, TrainingSession } from '../../../src-core/nn/training-session';
import { confusionMatrix } from '../../pool/confusion-matrix';
import { CliUsageError, type CliCommand, type CliIo } from '../command';
import { evaluationReport } from './evaluation-report';
import { formatEpochLine, formatTestLine } from './format-metrics';
import { loadModelFile } from './load-model-file';
import { ModelPredictor, analyzeModel } from './model-predictor';
import { parseFlags, requireFlag } from './parse-flags';
import { prepareTrainingData } from './prepare-training-data';
import { readDataTable } from './read-data-table';
import { loadRunConfig, type LoadedRunConfig } from './run-config-file';
import { TrainRecorder } from './train-recorder';
import { checkOutputFolder, writeOutputFile } from './write-output-file';

const usage = `Usage: nn-lab train --config run.json [--out model.json] [--db lab.db] [--kernels js|wasm] [--verbose]

Trains the network a run config describes (docs/FORMATS.md) and prints one line per epoch.

Options:
  --config FILE     the run config (JSON); data.path and model.file are relative to its folder
  --out FILE        write the trained model file (weights, spec and the preprocessing) here
  --db FILE         also record the run, its epochs and its weights in this run database
  --kernels KIND    wasm (WebAssembly SIMD, the default) or js (the TypeScript reference); overrides ${kernelsVariable}
  --verbose         print the kernels that train (wasm-relaxed-simd, wasm-simd or js) on stderr
`;

export const trainCommand: CliCommand = {
  name: 'train',
  summary: 'train a network from a run config',
  usage,
  run: train,
};

async function train(argv: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(argv, {
    config: { type: 'string' },
    out: { type: 'string' },
    db: { type: 'string' },
    kernels: { type: 'string' },
    verbose: { type: 'boolean' },
  });
  const loaded = loadRunConfig(requireFlag(flags.config, 'config', 'FILE'), io.cwd);
  if (flags.kernels !== undefined) {
    try {
      useKernels(parseKernelChoice(flags.kernels, '--kernels'));
    } catch (error) {
      throw new CliUsageError((error as Error).message);
    }
  }
  if (flags.verbose) io.err(`kernels: ${kernelBackend()}\n`);
  try {
    return await trainFromConfig(loaded, flags, io);
  } catch (error) {
    throw loaded.locate(error);
  }
}

/** Where a recorded run belongs besides the database (a sweep's runs). */
export interface TrainRecordOptions {
  out?: string;
  db?: string;
  sweepId?: string;
  tags?: string[];
}

export async function trainFromConfig(loaded: LoadedRunConfig, flags: TrainRecordOptions, io: CliIo): Promise<number> {
  const { config, shownAs: configShown, folder } = loaded;
  if (flags.out) checkOutputFolder(flags.out, io.cwd);

  let spec: ModelSpec;
  let initialState: ModelState | undefined;
  let specSource = { file: configShown, field: 'model' };
  if ('file' in config.model) {
    const loaded = loadModelFile(resolve(folder, config.model.file), io.cwd);
    spec = loaded.file.spec;
    initialState = loaded.file.state;
    specSource = { file: loaded.shownAs, field: 'spec' };
  } else {
    spec = config.model;
  }
  const analysis = analyzeModel(spec, specSource.file, { loss: config.train.loss, field: specSource.field });
  const outputWidth = analysis.outputShape.reduce((a, b) => a * b, 1);

  const dataPath = resolve(folder, config.data.path);
  const dataFile = readDataTable(dataPath, io.cwd);
  const prepared = prepareTrainingData(config, dataFile.table, spec, outputWidth, { config: configShown, data: dataFile.shownAs });
  for (const note of prepared.notes) io.err(`${note}\n`);
  const classes = prepared.classes;
  const seed = config.train.seed ?? 0;

  let session: TrainingSession;
  try {
    session = createTrainingSession({ spec, train: config.train, data: prepared.data, seed, ...(initialState ? { initialState } : {}) });
  } catch (error) {
    throw new ApiError({ code: 'bad_input', message: (error as Error).message, file: specSource.file });
  }

  const recorder = flags.db
    ? TrainRecorder.start(flags.db, io.cwd, {
        name: config.name ?? prepared.datasetName,
        dataPath,
        datasetName: prepared.datasetName,
        task: prepared.data.task,
        spec,
        train: config.train,
        seed,
        dataBytes: dataFile.bytes,
        preprocessor: prepared.preprocessor,
        ...(flags.sweepId ? { sweepId: flags.sweepId } : {}),
        ...(flags.tags ? { tags: flags.tags } : {}),
      })
    : undefined;
  // As the app's worker does: under early stopping, the best epoch's weights are kept beside the final ones.
  const watcher = recorder && config.train.earlyStopping ? new EarlyStopping(config.train.earlyStopping) : undefined;
  let best: { epoch: number; model: { spec: ModelSpec; state: ModelState } } | undefined;
  try {
    const history: EpochMetrics[] = [];
    try {
      while (!session.finished) {
        const metrics = session.runEpoch();
        history.push(metrics);
        if (watcher?.update(metrics).improved) best = { epoch: metrics.epoch, model: { spec, state: session.state() } };
        // With --db the line is printed only once the epoch is committed: what was printed is on disk.
        recorder?.epoch(metrics);
        io.out(`${formatEpochLine(metrics, config.train.epochs)}\n`);
        if (recorder && (metrics.epoch % diagnosticsEvery === 0 || session.finished)) {
          const diagnostics = session.diagnostics?.();
          if (diagnostics) recorder.diagnostics(diagnostics);
        }
      }
    } catch (error) {
      if (recorder?.failedToStore(error)) {
        recorder.failed('failed', (error as Error).message);
        throw error;
      }
      if (error instanceof DivergedError) {
        recorder?.failed('diverged', error.message);
        throw new ApiError({ code: 'bad_input', message: error.message, file: configShown });
      }
      recorder?.failed('failed', (error as Error).message);
      throw error;
    }

    const state = session.state();
    io.out(summary(history, config.train.epochs, config.train.earlyStopping));
    if (prepared.test) {
      const predictor = new ModelPredictor(spec, state, specSource.file);
      const { x, y, rows } = prepared.test;
      const loss = predictor.loss(config.train.loss, config.train.huberDelta ?? 1, prepared.data.task, x, y, rows);
      const report = evaluationReport({
        task: prepared.data.task,
        outputs: predictor.predict(x, rows),
        y,
        rows,
        width: outputWidth,
        ...(classes ? { classes } : {}),
        ...(loss !== undefined ? { loss: { name: config.train.loss, value: loss } } : {}),
      });
      io.out(`${formatTestLine(report)}\n`);
    }
    if (flags.out) {
      const trained = { loss: config.train.loss, ...(config.train.huberDelta !== undefined ? { huberDelta: config.train.huberDelta } : {}) };
      const written = writeOutputFile(flags.out, io.cwd, serializeModelFile(spec, state, { preprocess: prepared.preprocessor, train: trained }));
      io.out(`model written to ${written}\n`);
    }
    if (recorder) {
      const confusion = classificationConfusion(session, prepared.data);
      recorder.completed(session.epoch, { spec, state }, {
        ...(best ? { bestWeights: best } : {}),
        ...(confusion ? { confusion } : {}),
        resume: { optimizer: session.optimizerState(), rng: session.rngState() },
      });
      io.out(`run ${recorder.id} recorded in ${flags.db}\n`);
    }
    return 0;
  } finally {
    recorder?.close();
  }
}

/** As the app stores them: per-layer diagnostics every this many epochs, and after the last. */
const diagnosticsEvery = 5;

/** The confusion matrix at the end of a classification run, on the validation rows (else the training rows). */
function classificationConfusion(session: TrainingSession, data: TrainingData): { split: 'train' | 'validation'; matrix: number[][] } | undefined {
  if (data.task !== 'classification' || !data.classCount) return undefined;
  const inputSize = data.inputShape.reduce((a, b) => a * b, 1);
  const split = data.validation && data.validation.rows > 0 ? 'validation' : 'train';
  return { split, matrix: confusionMatrix(session, split === 'validation' ? data.validation! : data.train, inputSize, data.classCount) };
}

/** `trained 20 epochs in 1.23s: loss 0.1234  acc 0.9500`, plus a line when early stopping ended the run. */
function summary(history: EpochMetrics[], planned: number, earlyStopping: ConstructorParameters<typeof EarlyStopping>[0] | undefined): string {
  const last = history[history.length - 1]!;
  const seconds = history.reduce((sum, m) => sum + m.seconds, 0);
  const tail = formatEpochLine(last, planned).split('  ').slice(1, -2).join('  ');
  const lines = [`trained ${history.length} epoch${history.length === 1 ? '' : 's'} in ${seconds.toFixed(2)}s: ${tail}`];
  if (earlyStopping && history.length < planned) {
    const replay = new EarlyStopping(earlyStopping);
    history.forEach((m) => replay.update(m));
    const restored = earlyStopping.restoreBest !== false ? ', weights restored from that epoch' : '';
    lines.push(`early stopping after epoch ${history.length}: best ${replay.watching} ${replay.bestValue.toFixed(4)} at epoch ${replay.bestEpoch}${restored}`);
  }
  return `${lines.join('\n')}\n`;
}
