import { ApiError } from '../../src-core/contract/api-error';
import type { DatasetInfo } from '../../src-core/contract/datasets';
import type { InputColumnStats } from '../../src-core/contract/training';
import { modelInputStats } from '../../src-core/insight/input-stats';
import type { DataSetup } from '../../src-core/contract/run-config';
import { findBundledDataset } from '../../src-core/data/datasets';
import type { PreprocessorState } from '../../src-core/data/preprocess/preprocessor-state';
import type { TrainingData } from '../../src-core/nn/index';
import { bundledDatasetHash, importedDatasetHash } from '../data/dataset-hash';
import { findBundledFile, loadBundledFile } from '../data/bundled-files';
import { loadDatasetForTraining } from '../data/load-dataset-for-training';
import { SharedDatasets, shareTrainingData } from '../pool/shared-datasets';
import type { TrainDataSource } from '../pool/train-job';
import type { DatasetStore } from '../store/dataset-store';

/** A dataset as a run needs it: what it is, where the worker reads it, and a hash that names its content. */
export interface RunDataset {
  info: DatasetInfo;
  source: TrainDataSource;
  /** `sha256:<hex>` of the content (see data/dataset-hash.ts). */
  hash: string;
  /** Values per target row (a regression's target columns; 1 for class indices). */
  targetWidth: number;
  /** Imported data: the transform fitted on the training rows, stored with each run. */
  preprocessor?: PreprocessorState;
  /** Tabular data: each model input's mean and spread over the training rows, after the set-up's scaling. */
  inputStats?: InputColumnStats[];
}

/** Joins a dataset id and a data set-up in the cache's key. */
const setupKey = '\u0000';

type Loaded = { data: TrainingData; hash: string; info: DatasetInfo; preprocessor?: PreprocessorState; inputStats?: InputColumnStats[] };

/**
 * Finds the data of a run by dataset id: bundled generators are built once per process, imported datasets
 * loaded once per id; both are shared with the workers through SharedArrayBuffers, never copied per run.
 */
export class RunDatasets {
  private readonly bundled = new SharedDatasets();
  private readonly loaded = new Map<string, Loaded>();

  constructor(private readonly datasets: DatasetStore | undefined) {}

  /** With a run's data set-up (tabular data only): its split and per-column preprocessing instead of the app's. */
  resolve(datasetId: string, setup?: DataSetup): RunDataset {
    const { data, hash, info, preprocessor, inputStats } = this.load(datasetId, setup);
    const targetWidth = data.train.rows > 0 ? data.train.y.length / data.train.rows : 1;
    return { info, source: { kind: 'shared', data }, hash, targetWidth, ...(preprocessor ? { preprocessor } : {}), ...(inputStats ? { inputStats } : {}) };
  }

  /**
   * The dataset a run trained on, as this lab stores it: its id when that is known here (bundled, imported),
   * else the stored dataset with the content hash the run recorded, whatever path or id the run names (a CLI run
   * names its file, `file:/…/digits.csv`). Where no stored dataset has that content: `not_found` on
   * `datasetHash`, naming the file to import (a code and field the window recognises to offer the import).
   */
  datasetIdOfRun(run: { name: string; datasetId: string; datasetName: string; datasetHash?: string }): string {
    if (findBundledDataset(run.datasetId) || findBundledFile(run.datasetId) || this.datasets?.has(run.datasetId)) return run.datasetId;
    const hex = /^sha256:([0-9a-f]{64})$/.exec(run.datasetHash ?? '')?.[1];
    const stored = hex ? this.datasets?.findByHash(hex) : undefined;
    if (stored) return stored.info.id;
    const path = run.datasetId.startsWith('file:') ? run.datasetId.slice('file:'.length) : undefined;
    throw new ApiError({
      code: 'not_found',
      field: 'datasetHash',
      ...(path ? { file: path } : {}),
      message: `The data of run "${run.name}" (${run.datasetName}) is not stored in this lab: import the file it trained on (the same bytes, from any folder) and try again.`,
    });
  }

  /** Forget a loaded dataset (it was deleted or changed) and the column settings derived from it. */
  forget(datasetId: string): void {
    for (const [key, loaded] of this.loaded) {
      const id = key.split(setupKey)[0];
      if (id === datasetId || loaded.info.source?.baseId === datasetId) this.loaded.delete(key);
    }
  }

  /** True while the rows of `datasetId` are held in memory. */
  isLoaded(datasetId: string): boolean {
    return this.loaded.has(datasetId);
  }

  private load(datasetId: string, setup: DataSetup | undefined): Loaded {
    const bundled = findBundledDataset(datasetId);
    const bundledFile = bundled ? undefined : findBundledFile(datasetId);
    // An imported dataset another process deleted is not trained on from memory.
    if (!bundled && !bundledFile && !this.datasets?.has(datasetId)) this.forget(datasetId);
    const key = setup ? `${datasetId}${setupKey}${JSON.stringify(setup)}` : datasetId;
    const cached = this.loaded.get(key);
    if (cached) return cached;
    let loaded: Loaded;
    if (bundled && setup) {
      throw new ApiError({
        code: 'bad_input',
        field: 'data',
        message: `${bundled.info.name} is generated with its own split: a data set-up (split, scaling, imputation) applies to imported and bundled tables only.`,
      });
    }
    if (bundled) {
      const data = this.bundled.bundled(datasetId)!;
      loaded = { data, info: bundled.info, hash: bundledDatasetHash(bundled, data) };
    } else if (bundledFile) {
      const { data, info, hash, preprocessor } = loadBundledFile(datasetId, setup)!;
      loaded = { data: shareTrainingData(data), info, hash, preprocessor };
    } else if (this.datasets?.has(datasetId)) {
      const { info, inputShape, task, classCount, train, validation, test, preprocessor } = loadDatasetForTraining(this.datasets, datasetId, setup);
      const data: TrainingData = { inputShape, task, train, ...(classCount !== undefined ? { classCount } : {}), ...(validation ? { validation } : {}), ...(test ? { test } : {}) };
      // Every imported dataset has a source; the id is a last resort that still names the content.
      const hash = info.source ? importedDatasetHash(info.source.hash) : datasetId;
      loaded = { data, info, hash, preprocessor };
    } else {
      throw new ApiError({ code: 'not_found', field: 'datasetId', message: `There is no dataset ${JSON.stringify(datasetId)}.` });
    }
    // Once per loaded set-up: what every run on it is fed.
    const inputStats = modelInputStats(loaded.data, loaded.preprocessor?.featureNames);
    if (inputStats) loaded.inputStats = inputStats;
    // One set-up besides the default is kept per dataset: the rows are not held once for every set-up tried.
    if (setup) for (const other of [...this.loaded.keys()]) if (other.startsWith(`${datasetId}${setupKey}`)) this.loaded.delete(other);
    this.loaded.set(key, loaded);
    return loaded;
  }
}
