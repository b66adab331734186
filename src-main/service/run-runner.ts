import { randomInt, randomUUID } from 'node:crypto';
import { ApiError } from '../../src-core/contract/api-error';
import type { ModelSpec, ModelState } from '../../src-core/contract/model-spec';
import type { DataSetup, TrainConfig } from '../../src-core/contract/run-config';
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
import { nextRunName } from './run-name';

/** What starts a run: a draft (as `runs.start` takes it) plus where it comes from. */
export interface RunLaunch {
  datasetId: string;
  name?: string;
  spec: ModelSpec;
  train: TrainConfig;
  /** The split and per-column preprocessing of tabular data (absent: the app's fixed split, standard scaling). */
  data?: DataSetup;
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
  /** Snapshots of what each run's network computes, within `budget` bytes a run (default: on, 4 MiB); false: none. */
  snapshots?: false | { budget?: number };
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
  /** Runs that ended but whose ending the disk refused: tried again later (see `storeEnding`). */
  private readonly unrecorded = new Map<string, { outcome: Ending; timer: NodeJS.Timeout }>();

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
    const dataset = this.deps.datasets.resolve(launch.datasetId, launch.data);
    checkRunFits(launch.spec, launch.train, dataset.info, dataset.targetWidth);
    const id = randomUUID();
    const seed = launch.seed ?? launch.train.seed ?? randomInt(2 ** 31);
    const name = launch.name?.trim() || nextRunName(dataset.info.name, store.listRuns().map((run) => run.name));
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
        ...(launch.data ? { data: launch.data } : {}),
        seed,
        createdAt: new Date().toISOString(),
        ...(launch.parentRunId ? { parentRunId: launch.parentRunId } : {}),
        ...(launch.sweepId ? { sweepId: launch.sweepId } : {}),
        ...(launch.tags ? { tags: launch.tags } : {}),
        ...(dataset.preprocessor ? { preprocessor: dataset.preprocessor } : {}),
        ...(dataset.inputStats ? { inputStats: dataset.inputStats } : {}),
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
          ...(this.deps.snapshots === false
            ? {}
            : {
                snapshots: {
                  ...(this.deps.snapshots?.budget !== undefined ? { budget: this.deps.snapshots.budget } : {}),
                  ...(dataset.info.classes ? { classNames: dataset.info.classes } : {}),
                  ...(dataset.preprocessor ? { preprocessor: dataset.preprocessor } : {}),
                },
              }),
        },
        {
          onStarted: () => {
            const startedAt = new Date().toISOString();
            this.commitStatus(id, () => store.markRunning(id, startedAt));
          },
          onEpochs: (epochs) => {
            let stored = false;
            this.commitOf(
              id,
              () => {
                store.appendEpochs(id, epochs);
                stored = true;
              },
              // Durable before anyone is told.
              () => {
                if (stored) epochs.forEach((metrics) => this.throttle.epoch(id, metrics));
              },
            );
          },
          onDiagnostics: (diagnostics) =>
            this.commitOf(id, () => store.saveDiagnostics(id, diagnostics), () => this.deps.bus.emit('run.diagnostics', { runId: id, diagnostics })),
          onSnapshotFrame: (frame) =>
            this.commitOf(id, () => store.saveSnapshotFrame(id, frame), () => this.deps.bus.emit('run.snapshot', { runId: id, frame })),
          onSnapshot: (snapshot) =>
            this.commitOf(id, () => store.saveSnapshot(id, snapshot), () => this.deps.bus.emit('run.snapshot', { runId: id, snapshot })),
          onPaused: (paused, reason) => {
            this.commitStatus(id, () => store.setPaused(id, paused, reason));
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
    const finishAfterCommits = (outcome: Ending): void => {
      // Behind a lock another program holds, the ending waits for the epochs before it.
      this.commits.add({ write: () => {}, then: () => this.finish(id, outcome), fail: () => this.finish(id, outcome) });
      this.commits.flush();
    };
    handle.done.then(finishAfterCommits, (error: unknown) => finishAfterCommits({ status: 'failed', error: workerFailure(error) }));
    return queued;
  }

  /**
   * Queues one of a run's writes. The first that cannot be stored (a full disk: inside the write, or when its
   * group commits) fails the run: its worker is stopped, and its later writes are dropped, so the epochs stored
   * before it stay with no gap.
   */
  private commitOf(id: string, write: () => void, then?: () => void): void {
    this.commits.add({
      write: () => {
        if (this.storeFailures.has(id)) return;
        try {
          write();
        } catch (error) {
          this.storeFailed(id, error);
          throw error;
        }
      },
      fail: (error) => this.storeFailed(id, error),
      ...(then ? { then } : {}),
    });
  }

  /**
   * Queues a change of run `id`'s status and announces the run as that write left it. Read after the commit, a
   * resume and the pause right after it, committed together, would both announce `paused`: the window (and a
   * caller waiting for `running`) would never hear that the run trained again.
   */
  private commitStatus(id: string, write: () => void): void {
    let written: RunSummary | undefined;
    this.commitOf(
      id,
      () => {
        write();
        written = this.deps.store.findRun(id);
      },
      () => {
        if (written) this.announce(written);
      },
    );
  }

  /** A write of run `id` was refused: the run stops and will end `failed` with the reason (logged once, without a stack). */
  private storeFailed(id: string, error: unknown): void {
    if (this.storeFailures.has(id)) return;
    const message = ApiError.from(error).message;
    this.storeFailures.set(id, message);
    this.deps.log(`run ${id} failed`, message);
    this.active.get(id)?.stop();
  }

  /** Stops, pauses or resumes a run this process is training. */
  control(id: string, action: 'stop' | 'pause' | 'resume'): RunSummary {
    const run = this.deps.store.findRun(id);
    if (!run) throw new ApiError({ code: 'not_found', field: 'id', message: `There is no run with id ${JSON.stringify(id)}.` });
    const unrecorded = this.unrecorded.get(id);
    if (unrecorded && action === 'stop') {
      // Ended already, but the disk could not take the ending: try again now.
      clearTimeout(unrecorded.timer);
      this.storeEnding(id, unrecorded.outcome);
      return this.endedAsTold(id) ?? this.deps.store.findRun(id)!;
    }
    const handle = this.active.get(id);
    if (!handle) throw new ApiError({ code: 'conflict', field: 'id', message: `Run "${run.name}" is not training (it is ${run.status}).` });
    if (action === 'pause' && run.status === 'queued') {
      throw new ApiError({ code: 'conflict', field: 'id', message: `Run "${run.name}" is still queued; it can be paused once it runs.` });
    }
    handle[action]();
    return run;
  }

  /** Holds a run still waiting for a thread back (it stays queued); false when it trains already or is not here. */
  hold(id: string): boolean {
    return this.active.get(id)?.hold() ?? false;
  }

  /** Lets a held run wait for a thread again. */
  release(id: string): void {
    this.active.get(id)?.release();
  }

  /** The weights a run this process is training has now (after the epoch in hand); undefined when it is not training. */
  liveWeights(id: string): Promise<{ epoch: number; state: ModelState } | undefined> {
    return this.active.get(id)?.weights() ?? Promise.resolve(undefined);
  }
  /**
   * Trains `launch` (its whole config, so schedules run as they did) on the pool until `epochs` epochs are done,
   * storing nothing, and gives the weights and resume state there: runs being bit-identical for one config and
   * seed, this re-creates the state a stored run had at that epoch (a fork's starting point).
   */
  async replay(launch: Pick<RunLaunch, 'datasetId' | 'spec' | 'train' | 'data'> & { seed: number }, epochs: number): Promise<{ state: ModelState; resume: ResumeState }> {
    const dataset = this.deps.datasets.resolve(launch.datasetId, launch.data);
    const handle = this.deps.pool.start(
      { runId: `replay-${randomUUID()}`, spec: launch.spec, train: { ...launch.train, autoPause: false }, seed: launch.seed, data: dataset.source, stopAfterEpoch: epochs, diagnosticsEvery: 0 },
      { onStarted: () => {}, onEpochs: () => {} },
    );
    const outcome = await handle.done;
    if (!('state' in outcome) || !outcome.state || !outcome.resume || outcome.epochsPosted !== epochs) {
      throw new ApiError({ code: 'internal', message: `Re-training the parent to epoch ${epochs} ended ${outcome.status} after ${outcome.epochsPosted} epochs${outcome.error ? `: ${outcome.error}` : ''}.` });
    }
    return { state: outcome.state, resume: outcome.resume };
  }

  isActive(id: string): boolean {
    return this.active.has(id);
  }

  private finish(id: string, ended: Ending): void {
    this.active.delete(id);
    const storeFailure = this.storeFailures.get(id);
    this.storeFailures.delete(id);
    // A run stopped because its epochs could not be stored failed, whatever the worker says.
    const outcome = storeFailure ? { ...ended, status: 'failed' as const, error: storeFailure } : ended;
    this.throttle.finish(id);
    this.storeEnding(id, outcome);
  }

  /**
   * Stores the run's ending and tells it; a lock another program holds delays it, never loses it. A disk that
   * cannot take even the ending: the windows are told now, and it is tried again (every `endingRetryMs`, and on
   * `runs.stop`) until there is room; should the app close first, the run reads `interrupted` when next opened.
   */
  private storeEnding(id: string, outcome: Ending, retryMs = 50): void {
    const { store } = this.deps;
    this.unrecorded.delete(id);
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
          ...(full?.test ? { test: full.test } : {}),
          ...(full?.resume ? { resume: full.resume } : {}),
          ...(full?.kernels ? { kernels: full.kernels } : {}),
          ...(full?.threads ? { threads: full.threads } : {}),
        }),
      );
    } catch (error) {
      if (isBusy(error)) {
        setTimeout(() => this.storeEnding(id, outcome, Math.min(2 * retryMs, 2_000)), retryMs);
        return;
      }
      const told = outcome.told;
      const timer = setTimeout(() => this.storeEnding(id, { ...outcome, told: true }), endingRetryMs);
      timer.unref();
      this.unrecorded.set(id, { outcome, timer });
      if (told) return;
      this.deps.log(`could not store the end of run ${id}`, ApiError.from(error).message);
      const run = this.endedAsTold(id);
      if (run) this.announce(run);
    }
  }

  /** A run whose ending the disk refused, as the windows are told it ended (the database still says it is live). */
  private endedAsTold(id: string): RunSummary | undefined {
    const outcome = this.unrecorded.get(id)?.outcome;
    const run = outcome && this.deps.store.findRun(id);
    return run && { ...run, status: outcome.status, ...(outcome.error !== undefined ? { error: outcome.error } : {}) };
  }
}

/** How a run ended, as stored; `told`: the windows already know (its storing is being tried again). */
type Ending = (TrainOutcome | { status: 'failed'; error: string }) & { told?: boolean };

/** How often an ending the disk refused is tried again. */
const endingRetryMs = 5_000;

/** A worker's death as the user reads it. */
function workerFailure(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `The training worker stopped unexpectedly: ${message}`;
}
