import type { AppInfo, RequestHandlers } from '../../src-core/contract/api';
import type { EventBus } from '../app/event-bus';
import type { TrainingPool } from '../pool/training-pool';
import type { LabStore } from '../store/lab-store';
import { createAppHandlers } from './app-handlers';
import { compareRuns } from './compare-runs';
import { createDatasetHandlers, datasetStoreOf } from './dataset-service';
import { createExportHandlers } from './export-handlers';
import { RunDatasets } from './run-datasets';
import { createRunHandlers } from './run-handlers';
import { createRunRecordHandlers } from './run-record-handlers';
import { RunRunner } from './run-runner';
import { createSweepHandlers } from './sweep-handlers';

export interface LabServiceDeps {
  store: LabStore;
  pool: TrainingPool;
  bus: EventBus;
  info: AppInfo;
  /** Logs what no user can act on (a run's ending that could not be stored). */
  log?: (message: string, error: unknown) => void;
}

/**
 * The request handlers shared by Electron's IPC and the browser host, composed from one file per concern:
 * runs (run-handlers, run-runner), their records (run-record-handlers), comparison, export and import,
 * sweeps, and datasets.
 */
export function createLabService(deps: LabServiceDeps): RequestHandlers {
  const { store, pool, bus, info } = deps;
  const log = deps.log ?? ((message, error) => console.error(`[nn-lab] ${message}:`, error));
  const datasets = new RunDatasets(datasetStoreOf(store));
  const runner = new RunRunner({ store, pool, bus, datasets, log });
  return {
    // The notices (a corrupt database set aside at start-up) ride along so the UI can show them.
    'app.info': () => (store.notices.length ? { ...info, notices: store.notices } : info),
    ...createAppHandlers(),
    ...createRunHandlers(store, runner),
    ...createRunRecordHandlers(store),
    'runs.compare': (args) => compareRuns(store, args),
    ...createExportHandlers(store, info.version),
    ...createSweepHandlers(store, runner, datasets),
    // datasets.list, datasets.preview and the import requests (bundled and imported datasets).
    ...createDatasetHandlers({ store, bus, onDeleted: (id) => datasets.forget(id) }),
  };
}
