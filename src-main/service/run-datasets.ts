import { ApiError } from '../../src-core/contract/api-error';
import type { DatasetInfo } from '../../src-core/contract/datasets';
import { findBundledDataset } from '../../src-core/data/datasets';
import type { TrainingData } from '../../src-core/nn/index';
import { loadDatasetForTraining } from '../data/load-dataset-for-training';
import { SharedDatasets } from '../pool/shared-datasets';
import type { TrainDataSource } from '../pool/train-job';
import type { DatasetStore } from '../store/dataset-store';

/** A dataset as a run needs it: what it is, where the worker reads it, and a hash that names its content. */
export interface RunDataset {
  info: DatasetInfo;
  source: TrainDataSource;
  /** `bundled:<id>` (generated from a fixed seed, the same everywhere) or the imported file's content id. */
  hash: string;
}

/**
 * Finds the data of a run by dataset id: bundled generators are built once per process, imported datasets
 * loaded once per id; both are shared with the workers through SharedArrayBuffers, never copied per run.
 */
export class RunDatasets {
  private readonly bundled = new SharedDatasets();
  private readonly imported = new Map<string, TrainingData & { info: DatasetInfo }>();

  constructor(private readonly datasets: DatasetStore | undefined) {}

  resolve(datasetId: string): RunDataset {
    const bundled = findBundledDataset(datasetId);
    if (bundled) {
      const data = this.bundled.bundled(datasetId)!;
      return { info: bundled.info, source: { kind: 'shared', data }, hash: `bundled:${datasetId}` };
    }
    if (this.datasets?.has(datasetId)) {
      let loaded = this.imported.get(datasetId);
      if (!loaded) {
        const { info, inputShape, task, classCount, train, validation } = loadDatasetForTraining(this.datasets, datasetId);
        loaded = { info, inputShape, task, train, ...(classCount !== undefined ? { classCount } : {}), ...(validation ? { validation } : {}) };
        this.imported.set(datasetId, loaded);
      }
      const { info, ...data } = loaded;
      return { info, source: { kind: 'shared', data }, hash: datasetId };
    }
    throw new ApiError({ code: 'not_found', field: 'datasetId', message: `There is no dataset ${JSON.stringify(datasetId)}.` });
  }

  /** Forget a loaded dataset (it was deleted or changed). */
  forget(datasetId: string): void {
    this.imported.delete(datasetId);
  }
}
