import { threadsTrained } from '../../app/thread-choice';
import type { RunSnapshot, SnapshotFrame } from '../../../src-core/contract/snapshots';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { DataSetup, TaskKind, TrainConfig } from '../../../src-core/contract/run-config';
import type { EpochMetrics, InputColumnStats } from '../../../src-core/contract/training';
import type { PreprocessorState } from '../../../src-core/data/preprocess/preprocessor-state';
import { kernelBackend, type TrainingDiagnostics, type TrainingEnding } from '../../../src-core/nn/index';
import { sha256Of } from '../../data/dataset-hash';
import { openStore, type LabStore } from '../../store/lab-store';

declare const __APP_VERSION__: string | undefined;
const appVersion = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.1.0';

export interface RecordedRun {
  name: string;
  dataPath: string;
  datasetName: string;
  task: TaskKind;
  spec: ModelSpec;
  train: TrainConfig;
  seed: number;
  /** The data file's bytes, hashed as the app's import hashes them, so a CLI run and an app run on one file match. */
  dataBytes: Uint8Array;
  /** The transform fitted on the training rows, kept so the run's weights can be used on new data. */
  preprocessor?: PreprocessorState;
  /** The split and scaling as the app's data set-up. */
  data?: DataSetup;
  /** The model inputs' statistics over the training rows (tabular data), for the diagnosis. */
  inputStats?: InputColumnStats[];
  sweepId?: string;
  tags?: string[];
}

/**
 * Records a CLI training run in the run database, the same rows the app writes, so the app lists it. The run is
 * owned by this process (see store/run-owner.ts): if the process dies, the next open of the database marks it
 * interrupted; while it lives, nobody does.
 */
export class TrainRecorder {
  readonly id = randomUUID();
  private constructor(private readonly store: LabStore) {}

  static start(dbPath: string, cwd: string, run: RecordedRun): TrainRecorder {
    const store = openStore(resolve(cwd, dbPath), { appVersion });
    const recorder = new TrainRecorder(store);
    const now = new Date().toISOString();
    try {
      store.createRun({
        id: recorder.id,
        name: run.name,
        datasetId: `file:${run.dataPath}`,
        datasetName: run.datasetName,
        datasetHash: sha256Of(run.dataBytes),
        task: run.task,
        spec: run.spec,
        train: run.train,
        seed: run.seed,
        createdAt: now,
        ...(run.sweepId ? { sweepId: run.sweepId } : {}),
        ...(run.tags ? { tags: run.tags } : {}),
        ...(run.preprocessor ? { preprocessor: run.preprocessor } : {}),
        ...(run.data ? { data: run.data } : {}),
        ...(run.inputStats ? { inputStats: run.inputStats } : {}),
      });
      store.markRunning(recorder.id, now);
    } catch (error) {
      store.close();
      throw error;
    }
    return recorder;
  }

  /** Commits the epoch; returns once it is on disk (synchronous=FULL). */
  epoch(metrics: EpochMetrics): void {
    this.store.appendEpoch(this.id, metrics);
  }

  diagnostics(diagnostics: TrainingDiagnostics): void {
    this.store.saveDiagnostics(this.id, diagnostics);
  }

  snapshotFrame(frame: SnapshotFrame): void {
    this.store.saveSnapshotFrame(this.id, frame);
  }

  snapshot(snapshot: RunSnapshot): void {
    this.store.saveSnapshot(this.id, snapshot);
  }

  /**
   * Stores the job's ending as the app stores a worker's: the final weights (after divergence the last finite
   * ones) as of `epoch`, the best ones under early stopping, the confusion matrix and the resume state.
   */
  finished(ending: TrainingEnding, epoch: number, spec: ModelSpec, failure?: string): void {
    if (failure !== undefined) {
      // Recording failed (a full disk): the weights are kept if they fit, the status whenever it can be written.
      try {
        this.store.finishRun(this.id, { status: 'failed', finishedAt: new Date().toISOString(), error: failure, weights: { kind: 'final', epoch, model: { spec, state: ending.state } } });
      } catch {
        // Not even the status fits: the run reads interrupted once this process has ended.
      }
      return;
    }
    this.store.finishRun(this.id, {
      status: ending.status,
      finishedAt: new Date().toISOString(),
      kernels: kernelBackend(), // this thread trained the run
      threads: threadsTrained(),
      ...(ending.error !== undefined ? { error: ending.error } : {}),
      weights: { kind: 'final', epoch, model: { spec, state: ending.state } },
      ...(ending.best ? { bestWeights: { epoch: ending.best.epoch, model: { spec, state: ending.best.state } } } : {}),
      ...(ending.confusion ? { confusion: ending.confusion } : {}),
      ...(ending.test ? { test: ending.test } : {}),
      ...(ending.resume ? { resume: ending.resume } : {}),
    });
  }

  failed(error: string): void {
    try {
      this.store.finishRun(this.id, { status: 'failed', finishedAt: new Date().toISOString(), error, kernels: kernelBackend(), threads: threadsTrained() });
    } catch {
      // The database cannot take even the ending (a full disk): the next open marks the run interrupted.
    }
  }

  close(): void {
    this.store.close();
  }
}
