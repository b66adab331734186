import { randomInt, randomUUID } from 'node:crypto';
import type { AppInfo, RequestArgs, RequestHandlers } from '../../src-core/contract/api';
import { ApiError } from '../../src-core/contract/api-error';
import type { RunSummary } from '../../src-core/contract/training';
import { findBundledDataset } from '../../src-core/data/datasets';
import type { EventBus } from '../app/event-bus';
import type { TrainOutcome } from '../pool/train-job';
import type { TrainingHandle, TrainingPool } from '../pool/training-pool';
import type { LabStore } from '../store/lab-store';
import { checkRunFits } from './check-run-fits';
import { createDatasetHandlers } from './dataset-service';

export interface LabServiceDeps {
  store: LabStore;
  pool: TrainingPool;
  bus: EventBus;
  info: AppInfo;
  /** Logs what no user can act on (a run's ending that could not be stored). */
  log?: (message: string, error: unknown) => void;
}

/**
 * The request handlers shared by Electron's IPC and the browser host. A run's life: stored `queued`,
 * `running` when a worker picks it up, each epoch committed and then announced, and at the end its weights
 * and status stored together and announced.
 */
export function createLabService(deps: LabServiceDeps): RequestHandlers {
  const { store, pool, bus, info } = deps;
  const log = deps.log ?? ((message, error) => console.error(`[nn-lab] ${message}:`, error));
  const active = new Map<string, TrainingHandle>();
  const now = (): string => new Date().toISOString();

  const announce = (summary: RunSummary): RunSummary => {
    bus.emit('run.status', summary);
    return summary;
  };

  const finish = (id: string, outcome: TrainOutcome | { status: 'failed'; error: string }): void => {
    active.delete(id);
    try {
      const epoch = store.findRun(id)?.epochsDone ?? 0;
      const spec = store.getRun(id).spec;
      const weights = 'state' in outcome && outcome.state ? { kind: 'final' as const, epoch, model: { spec, state: outcome.state } } : undefined;
      announce(
        store.finishRun(id, {
          status: outcome.status,
          finishedAt: now(),
          ...(outcome.error !== undefined ? { error: outcome.error } : {}),
          ...(weights ? { weights } : {}),
        }),
      );
    } catch (error) {
      log(`could not store the end of run ${id}`, error);
    }
  };

  const startRun = (args: RequestArgs<'runs.start'>): RunSummary => {
    const dataset = findBundledDataset(args.datasetId);
    if (!dataset) {
      throw new ApiError({ code: 'not_found', field: 'datasetId', message: `There is no dataset ${JSON.stringify(args.datasetId)}.` });
    }
    checkRunFits(args.spec, args.train, dataset.info);
    const id = randomUUID();
    const seed = args.train.seed ?? randomInt(2 ** 31);
    const name = args.name?.trim() || `${dataset.info.name} #${store.listRuns().length + 1}`;
    const queued = announce(
      store.createRun({
        id,
        name,
        datasetId: dataset.info.id,
        datasetName: dataset.info.name,
        task: dataset.info.task,
        spec: args.spec,
        train: args.train,
        seed,
        createdAt: now(),
      }),
    );
    let handle: TrainingHandle;
    try {
      handle = pool.start(
        { runId: id, spec: args.spec, train: args.train, seed, data: { kind: 'bundled', id: dataset.info.id } },
        {
          onStarted: () => announce(store.markRunning(id, now())),
          onEpochs: (epochs) => {
            store.appendEpochs(id, epochs); // durable before anyone is told
            for (const metrics of epochs) bus.emit('run.progress', { runId: id, metrics });
          },
        },
      );
    } catch (error) {
      finish(id, { status: 'failed', error: ApiError.from(error).message });
      throw new ApiError({ code: 'unavailable', message: `The training pool cannot take run "${name}": ${ApiError.from(error).message}` });
    }
    active.set(id, handle);
    handle.done.then(
      (outcome) => finish(id, outcome),
      (error: unknown) => finish(id, { status: 'failed', error: ApiError.from(error).message }),
    );
    return queued;
  };

  return {
    'app.info': () => info,
    'runs.start': startRun,
    'runs.list': () => store.listRuns(),
    'runs.get': ({ id }) => {
      const { datasetId: _datasetId, ...detail } = store.getRun(id);
      return detail;
    },
    'runs.stop': ({ id }) => {
      const run = store.findRun(id);
      if (!run) throw new ApiError({ code: 'not_found', field: 'id', message: `There is no run with id ${JSON.stringify(id)}.` });
      const handle = active.get(id);
      if (!handle) {
        throw new ApiError({ code: 'conflict', field: 'id', message: `Run "${run.name}" is not training (it is ${run.status}).` });
      }
      handle.stop();
      return run;
    },
    // datasets.list, datasets.preview and the import requests (bundled and imported datasets).
    ...createDatasetHandlers({ store, bus }),
  };
}
