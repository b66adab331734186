import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { TaskKind, TrainConfig } from '../../../src-core/contract/run-config';
import type { EpochMetrics, TrainedModel } from '../../../src-core/contract/training';
import { openStore, type LabStore } from '../../store/lab-store';

/** Records a CLI training run in the run database, the same rows the app writes, so the app lists it. */
export class TrainRecorder {
  readonly id = randomUUID();
  private constructor(private readonly store: LabStore) {}

  static start(
    dbPath: string,
    cwd: string,
    run: { name: string; dataPath: string; datasetName: string; task: TaskKind; spec: ModelSpec; train: TrainConfig; seed: number },
  ): TrainRecorder {
    const recorder = new TrainRecorder(openStore(resolve(cwd, dbPath)));
    const now = new Date().toISOString();
    recorder.store.createRun({
      id: recorder.id,
      name: run.name,
      datasetId: `file:${run.dataPath}`,
      datasetName: run.datasetName,
      task: run.task,
      spec: run.spec,
      train: run.train,
      seed: run.seed,
      createdAt: now,
    });
    recorder.store.markRunning(recorder.id, now);
    return recorder;
  }

  epoch(metrics: EpochMetrics): void {
    this.store.appendEpoch(this.id, metrics);
  }

  completed(epoch: number, model: TrainedModel): void {
    this.store.finishRun(this.id, { status: 'completed', finishedAt: new Date().toISOString(), weights: { kind: 'final', epoch, model } });
  }

  failed(status: 'diverged' | 'failed', error: string): void {
    this.store.finishRun(this.id, { status, finishedAt: new Date().toISOString(), error });
  }

  close(): void {
    this.store.close();
  }
}
