import type { RequestHandlers } from '../../src-core/contract/api';
import type { AppInfo } from '../../src-core/contract/app-api';
import type { EventBus } from '../app/event-bus';
import type { TrainingPool } from '../pool/training-pool';
import type { LabStore } from '../store/lab-store';
import { createAppHandlers } from './app-handlers';
import { compareRuns } from './compare-runs';
import { createDatasetHandlers, datasetStoreOf } from './dataset-service';
import { createExportHandlers } from './export-handlers';
import { OwnerWatch } from './owner-watch';
import { UploadSpool } from './upload-spool';
import { RunDatasets } from './run-datasets';
import { createRunHandlers } from './run-handlers';
import { createRunRecordHandlers } from './run-record-handlers';
import { RunRunner } from './run-runner';
import { createSeedPlanHandlers } from './seed-plan-handlers';
import { createSweepHandlers } from './sweep-handlers';

export interface LabServiceDeps {
  store: LabStore;
  pool: TrainingPool;
  bus: EventBus;
  info: AppInfo;
  /** better-sqlite3's addon the store was opened with; the import worker opens the same file with it. */
  nativeBinding?: string;
  /** Logs what no user can act on (a run's ending that could not be stored). */
  log?: (message: string, error: unknown) => void;
  /** How often to look for runs whose owner process died (default `ownerCheckEveryMs`). */
  ownerCheckEveryMs?: number;
}

/** Requests about runs' states: answered after the owners of other processes' live runs are checked. */
const ownerChecked = ['runs.list', 'runs.search', 'runs.get', 'runs.stop', 'runs.pause', 'runs.resume', 'runs.delete', 'runs.continue'] as const;

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
  const owners = new OwnerWatch(store, bus, deps.ownerCheckEveryMs);
  // A browser's uploads: CSV files to import and run bundles arrive the same way (datasets.upload-chunk).
  const uploads = new UploadSpool();
  const handlers: RequestHandlers = {
    // The notices (a corrupt database set aside at start-up) ride along so the UI can show them.
    'app.info': () => (store.notices.length ? { ...info, notices: store.notices } : info),
    ...createAppHandlers(),
    ...createRunHandlers(store, runner, datasets),
    ...createRunRecordHandlers(store),
    'runs.compare': (args) => compareRuns(store, args),
    ...createExportHandlers(store, info.version, uploads),
    ...createSweepHandlers(store, runner, datasets, bus),
    ...createSeedPlanHandlers(store, runner, datasets),
    // datasets.list, datasets.preview and the import requests (bundled and imported datasets).
    ...createDatasetHandlers({
      store,
      bus,
      uploads,
      onDeleted: (id) => datasets.forget(id),
      ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
    }),
  };
  for (const name of ownerChecked) checkOwnersBefore(handlers, name, owners);
  return handlers;
}

function checkOwnersBefore<K extends (typeof ownerChecked)[number]>(handlers: RequestHandlers, name: K, owners: OwnerWatch): void {
  const handler = handlers[name];
  handlers[name] = ((args: Parameters<typeof handler>[0]) => {
    owners.check();
    return (handler as (a: typeof args) => unknown)(args);
  }) as RequestHandlers[K];
}
