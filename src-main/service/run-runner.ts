import { randomInt, randomUUID } from 'node:crypto';
import { ApiError } from '../../src-core/contract/api-error';
import type { ModelSpec, ModelState } from '../../src-core/contract/model-spec';
import type { TrainConfig } from '../../src-core/contract/run-config';
import type { RunSummary } from '../../src-core/contract/training';
import type { EventBus } from '../app/event-bus';
import type { TrainOutcome } from '../pool/train-job';
import type { TrainingHandle, TrainingPool } from '../pool/training-pool';
import type { LabStore } from '../store/lab-store';
import type { ResumeState } from '../store/resume-codec';
import { isBusy } from '../store/store-errors';
import { checkRunFits } from './check-run-fits';
import { CommitBatcher } from './commit-batcher';
import { ProgressThrottle } from './progress-throttle';
import type { RunDatasets } from './run-datasets';

/** What starts a run: a draft (as `runs.start` takes it) plus where it comes from. */
export interface RunLaunch {
  datasetId: string;
  name?: string;
  spec: ModelSpec;
  train: TrainConfig;
  /** Default: `train.seed`, else a random one (stored with the run either way). */
  seed?: number;
  parentRunId?: string;
  sweepId?: string;
  tags?: string[];
  /** Start from these weights (continuing a run). */
  initialState?: ModelState;
  /** With `initialState`: continue bit-identically from the state the parent ended with (`train.epochs` is the total). */
  resume?: ResumeState;
}

export interface RunRunnerDeps {
  store: LabStore;
  pool: TrainingPool;
  bus: EventBus;
  datasets: RunDatasets;
  log: (message: string, error: unknown) => void;
}

/**
 * Runs on the pool: stored `queued`, `running` when a worker takes it, each epoch committed and then told
 * (throttled), paused and resumed between epochs, and at the end its status, weights (final and best) and
 * confusion matrix stored together and told.
 */
export class RunRunner {
  private readonly active = new Map<string, TrainingHandle>();
  private readonly throttle: ProgressThrottle;
  private readonly commits: CommitBatcher;
  /** Why storing a run's reports failed (a full disk): the run was stopped, and ends `failed` with this. */
  private readonly storeFailures = new Map<string, string>();

  constructor(private readonly deps: RunRunnerDeps) {
    this.throttle = new ProgressThrottle(deps.bus);
    this.commits = new CommitBatcher(deps.store);
  }

  private announce(summary: RunSummary): RunSummary {
    this.deps.bus.emit('run.status', summary);
    return summary;
  }

  start(launch: RunLaunch): RunSummary {
    const { store, pool } = this.deps;
    const dataset = this.deps.datasets.resolve(launch.datasetId);
    checkRunFits(launch.spec, launch.train, dataset.info, dataset.targetWidth);
    const id = randomUUID();
    const seed = launch.seed ?? launch.train.seed ?? randomInt(2 ** 31);
    const name = launch.name?.trim() || `${dataset.info.name} #${store.listRuns().length + 1}`;
    const queued = this.announce(
      store.createRun({
        id,
        name,
        datasetId: dataset.info.id,
        datasetName: dataset.info.name,
        datasetHash: dataset.hash,
        task: dataset.info.task,
        spec: launch.spec,
        train: launch.train,
        seed,
        createdAt: new Date().toISOString(),
        ...(launch.parentRunId ? { parentRunId: launch.parentRunId } : {}),
        ...(launch.sweepId ? { sweepId: launch.sweepId } : {}),
        ...(launch.tags ? { tags: launch.tags } : {}),
        ...(dataset.preprocessor ? { preprocessor: dataset.preprocessor } : {}),
      }),
    );
    let handle: TrainingHandle;
    try {
      handle = pool.start(
        {
          runId: id,
          spec: launch.spec,
          train: launch.train,
          seed,
          data: dataset.source,
          ...(launch.initialState ? { initialState: launch.initialState } : {}),
          ...(launch.resume ? { initialOptimizerState: launch.resume.optimizer, initialRngState: launch.resume.rng } : {}),
        },
        {
          onStarted: () => {
            const startedAt = new Date().toISOString();
            this.commits.add({ write: () => store.markRunning(id, startedAt), then: () => this.announce(store.findRun(id)!) });
          },
          onEpochs: (epochs) => {
            let stored = false;
            this.commits.add({
              // After a failed group the run's later groups are dropped, so its stored epochs never have a gap.
              write: () => {
                if (this.storeFailures.has(id)) return;
                try {
                  store.appendEpochs(id, epochs);
                  stored = true;
                } catch (error) {
                  this.storeFailures.set(id, ApiError.from(error).message);
                  this.active.get(id)?.stop();
                  throw error;
                }
              },
              // Durable before anyone is told.
              then: () => {
                if (stored) epochs.forEach((metrics) => this.throttle.epoch(id, metrics));
              },
            });
          },
          onDiagnostics: (diagnostics) => {
            this.commits.add({
              write: () => store.saveDiagnostics(id, diagnostics),
              then: () => this.deps.bus.emit('run.diagnostics', { runId: id, diagnostics }),
              fail: (error) => this.deps.log(`could not store diagnostics of run ${id}`, error),
            });
          },
          onPaused: (paused) => {
            this.commits.add({ write: () => store.setPaused(id, paused), then: () => this.announce(store.findRun(id)!) });
          },
        },
      );
    } catch (error) {
      this.finish(id, { status: 'failed', error: ApiError.from(error).message });
      throw new ApiError({ code: 'unavailable', message: `The training pool cannot take run "${name}": ${ApiError.from(error).message}` });
    }
    this.active.set(id, handle);
    // The reports before the ending are committed and told first; then the ending is stored at once, so a
    // closing pool (which waits for `done`) finds it stored before the database closes.
    const finishAfterCommits = (outcome: TrainOutcome | { status: 'failed'; error: string }): void => {
      // Behind a lock another program holds, the ending waits for the epochs before it.
      this.commits.add({ write: () => {}, then: () => this.finish(id, outcome) });
      this.commits.flush();
    };
    handle.done.then(finishAfterCommits, (error: unknown) => finishAfterCommits({ status: 'failed', error: workerFailure(error) }));
    return queued;
  }

  /** Stops, pauses or resumes a run this process is training. */
  control(id: string, action: 'stop' | 'pause' | 'resume'): RunSummary {
    const run = this.deps.store.findRun(id);
    if (!run) throw new ApiError({ code: 'not_found', field: 'id', message: `There is no run with id ${JSON.stringify(id)}.` });
    const handle = this.active.get(id);
    if (!handle) throw new ApiError({ code: 'conflict', field: 'id', message: `Run "${run.name}" is not training (it is ${run.status}).` });
    if (action === 'pause' && run.status === 'queued') {
      throw new ApiError({ code: 'conflict', field: 'id', message: `Run "${run.name}" is still queued; it can be paused once it runs.` });
    }
    handle[action]();
    return run;
  }

  isActive(id: string): boolean {
    return this.active.has(id);
  }

  private finish(id: string, ended: TrainOutcome | { status: 'failed'; error: string }): void {
    this.active.delete(id);
    const storeFailure = this.storeFailures.get(id);
    this.storeFailures.delete(id);
    // A run stopped because its epochs could not be stored failed, whatever the worker says.
    const outcome = storeFailure ? { ...ended, status: 'failed' as const, error: storeFailure } : ended;
    this.throttle.finish(id);
    this.storeEnding(id, outcome);
  }

  /** Stores the run's ending and tells it; a lock another program holds delays it, never loses it. */
  private storeEnding(id: string, outcome: TrainOutcome | { status: 'failed'; error: string }, retryMs = 50): void {
    const { store } = this.deps;
    if (!store.isOpen) return;
    try {
      const epoch = store.findRun(id)?.epochsDone ?? 0;
      const spec = store.getRun(id).spec;
      const full = 'epochsPosted' in outcome ? outcome : undefined;
      this.announce(
        store.finishRun(id, {
          status: outcome.status,
          finishedAt: new Date().toISOString(),
          ...(outcome.error !== undefined ? { error: outcome.error } : {}),
          ...(full?.state ? { weights: { kind: 'final' as const, epoch, model: { spec, state: full.state } } } : {}),
          ...(full?.best ? { bestWeights: { epoch: full.best.epoch, model: { spec, state: full.best.state } } } : {}),
          ...(full?.confusion ? { confusion: full.confusion } : {}),
          ...(full?.resume ? { resume: full.resume } : {}),
        }),
      );
    } catch (error) {
      if (isBusy(error)) setTimeout(() => this.storeEnding(id, outcome, Math.min(2 * retryMs, 2_000)), retryMs);
      else this.deps.log(`could not store the end of run ${id}`, error);
    }
  }
}

/** A worker's death as the user reads it. */
function workerFailure(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `The training worker stopped unexpectedly: ${message}`;
}
