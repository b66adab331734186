import { resolve } from 'node:path';
import { ApiError } from '../../../src-core/contract/api-error';
import type { ModelSpec, ModelState } from '../../../src-core/contract/model-spec';
import type { TrainConfig } from '../../../src-core/contract/run-config';
import type { EpochMetrics } from '../../../src-core/contract/training';
import { createTrainingSession, kernelBackend, kernelThreads, runTrainingJob, useKernels, type TrainingDiagnostics, type TrainingEnding } from '../../../src-core/nn/index';
import { kernelsVariable, parseKernelChoice } from '../../app/kernel-choice';
import { chooseThreads, threadsVariable, useThreads } from '../../app/thread-choice';
import { serializeModelFile } from '../../../src-core/nn/model-file';
import type { TrainingSession } from '../../../src-core/nn/training-session';
import type { TrainingJobHooks } from '../../../src-core/nn/training-job';
import { createSnapshotter } from '../../../src-core/insight/run-snapshot';
import { modelInputStats } from '../../../src-core/insight/input-stats';
import { CliUsageError, type CliCommand, type CliIo } from '../command';
import { evaluationReport } from './evaluation-report';
import { formatEpochLine, formatTestLine } from './format-metrics';
import { loadModelFile } from './load-model-file';
import { ModelPredictor, analyzeModel } from './model-predictor';
import { parseFlags, requireFlag } from './parse-flags';
import { shareTrainingData } from '../../pool/shared-datasets';
import { prepareTrainingData } from './prepare-training-data';
import { checkTrainingMemory } from '../../service/check-training-memory';
import { readDataTable } from './read-data-table';
import { loadRunConfig, type LoadedRunConfig } from './run-config-file';
import { TrainRecorder } from './train-recorder';
import { checkOutputFolder, writeOutputFile } from './write-output-file';

const usage = `Usage: nn-lab train --config run.json [--out model.json] [--db lab.db] [--kernels js|wasm] [--threads N] [--verbose]

Trains the network a run config describes (docs/FORMATS.md) and prints one line per epoch.

Options:
  --config FILE     the run config (JSON); data.path and model.file are relative to its folder
  --out FILE        write the trained model file (weights, spec and the preprocessing) here
  --db FILE         also record the run, its epochs and its weights in this run database
  --kernels KIND    wasm (WebAssembly SIMD, the default) or js (the TypeScript reference); overrides ${kernelsVariable}
  --threads N       train on N threads (default: every core, at most ${threadsVariable} when set); wasm only,
                    the weights are the same for any N
  --verbose         print the kernels that train (wasm-relaxed-simd, wasm-simd or js) and the threads on stderr
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
    threads: { type: 'string' },
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
  let threads: number;
  try {
    threads = useThreads(chooseThreads(flags.threads));
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  if (flags.verbose) io.err(`kernels: ${kernelBackend()}, ${threads} thread${threads === 1 ? '' : 's'}\n`);
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
  checkTrainingMemory(analysis, config.train, { rows: prepared.data.train.rows, specField: specSource.field, file: configShown });
  // On shared memory, a thread team's helpers read and copy each next batch's rows for the leader (BatchInput).
  if (kernelThreads() > 1) prepared.data = shareTrainingData(prepared.data);
  const classes = prepared.classes;
  const seed = config.train.seed ?? 0;

  let session: TrainingSession;
  try {
    session = createTrainingSession({ spec, train: config.train, data: prepared.data, seed, ...(initialState ? { initialState } : {}) });
  } catch (error) {
    throw new ApiError({ code: 'bad_input', message: (error as Error).message, file: specSource.file });
  }

  const inputStats = modelInputStats(prepared.data, prepared.preprocessor.featureNames);
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
        ...(inputStats ? { inputStats } : {}),
        // The app's data set-up covers tables (its Data group); an image run keeps the app's own.
        ...(spec.input.length === 1 ? { data: prepared.setup } : {}),
        ...(flags.sweepId ? { sweepId: flags.sweepId } : {}),
        ...(flags.tags ? { tags: flags.tags } : {}),
      })
    : undefined;
  /** With --db, snapshots of what the network computes, stored as the app's worker stores them (docs/FORMATS.md). */
  const recordedSnapshots = (into: TrainRecorder, recording: (write: () => void) => boolean): TrainingJobHooks['snapshots'] => {
    let snapshotter: ReturnType<typeof createSnapshotter>;
    const started = performance.now();
    try {
      snapshotter = createSnapshotter({
        layers: spec.layers,
        ...(spec.kind ? { kind: spec.kind } : {}),
        spec,
        parameters: Object.values(session.state()).reduce((sum, t) => sum + t.data.length, 0),
        data: prepared.data,
        epochs: config.train.epochs,
        ...(prepared.preprocessor ? { preprocessor: prepared.preprocessor } : {}),
        ...(classes ? { classNames: classes.map(String) } : {}),
      });
    } catch {
      return undefined; // a network the snapshots cannot read trains on without them, as in the app
    }
    recording(() => into.snapshotFrame(snapshotter.frame));
    const setupMs = performance.now() - started;
    return { plan: snapshotter.plan, now: () => performance.now(), setupMs, take: (epoch) => void recording(() => into.snapshot(snapshotter.take(session, epoch))) };
  };
  try {
    const history: EpochMetrics[] = [];
    /** The database refused a write (a full disk): training stops, the weights so far still go to --out and the run. */
    let refused: ApiError | undefined;
    const recording = (write: () => void): boolean => {
      if (refused) return false;
      try {
        write();
        return true;
      } catch (error) {
        refused = ApiError.from(error);
        return false;
      }
    };
    let ending: TrainingEnding;
    try {
      ending = runTrainingJob(session, prepared.data, {
        beforeEpoch: () => (refused ? 'stop' : 'go'),
        epoch: (metrics) => {
          history.push(metrics);
          // With --db the line is printed only once the epoch is committed: what was printed is on disk.
          if (recorder && !recording(() => recorder.epoch(metrics))) return;
          io.out(`${formatEpochLine(metrics, config.train.epochs)}\n`);
        },
        ...(recorder ? { diagnostics: (diagnostics: TrainingDiagnostics) => void recording(() => recorder.diagnostics(diagnostics)) } : {}),
        ...(recorder ? { snapshots: recordedSnapshots(recorder, recording) } : {}),
      });
    } catch (error) {
      recorder?.failed((error as Error).message);
      throw error;
    }
    if (refused) ending = { status: 'stopped', state: ending.state, ...(ending.best ? { best: ending.best } : {}) };

    const { state } = ending;
    if (ending.status === 'completed') io.out(summary(history, config.train, session));
    if (ending.status === 'completed' && prepared.test && ending.test) {
      // The loss is the training job's, as the app stores it; the report adds the task's other scores.
      const predictor = new ModelPredictor(spec, state, specSource.file);
      const { x, y, rows } = prepared.test;
      const report = evaluationReport({
        task: prepared.data.task,
        outputs: predictor.predict(x, rows),
        y,
        rows,
        width: outputWidth,
        ...(classes ? { classes } : {}),
        loss: { name: config.train.loss, value: ending.test.loss },
      });
      io.out(`${formatTestLine(report)}\n`);
    }
    // After divergence too, as the app does: the weights are the last finite ones.
    if (flags.out) {
      const trained = { loss: config.train.loss, ...(config.train.huberDelta !== undefined ? { huberDelta: config.train.huberDelta } : {}) };
      const written = writeOutputFile(flags.out, io.cwd, serializeModelFile(spec, state, { preprocess: prepared.preprocessor, train: trained }));
      io.out(`model written to ${written}\n`);
    }
    if (refused) {
      // The run ends failed with the disk's reason, its last weights kept when there is room for them.
      recorder?.finished(ending, session.epoch, spec, refused.message);
      throw refused;
    }
    if (recorder) {
      recorder.finished(ending, session.epoch, spec);
      io.out(`run ${recorder.id} recorded in ${flags.db}\n`);
    }
    if (ending.status === 'diverged') throw new ApiError({ code: 'bad_input', message: ending.error!, file: configShown });
    return 0;
  } finally {
    recorder?.close();
  }
}

/** `trained 20 epochs in 1.23s: loss 0.1234  acc 0.9500`, plus a line when early stopping ended the run. */
function summary(history: EpochMetrics[], train: TrainConfig, session: TrainingSession): string {
  const planned = train.epochs;
  const last = history[history.length - 1]!;
  const seconds = history.reduce((sum, m) => sum + m.seconds, 0);
  const tail = formatEpochLine(last, planned).split('  ').slice(1, -2).join('  ');
  const lines = [`trained ${history.length} epoch${history.length === 1 ? '' : 's'} in ${seconds.toFixed(2)}s: ${tail}`];
  const stopping = session.earlyStopping;
  if (stopping && history.length < planned) {
    const restored = train.earlyStopping?.restoreBest !== false ? ', weights restored from that epoch' : '';
    lines.push(`early stopping after epoch ${history.length}: best ${stopping.watching} ${stopping.bestValue.toFixed(4)} at epoch ${stopping.bestEpoch}${restored}`);
  }
  return `${lines.join('\n')}\n`;
}
