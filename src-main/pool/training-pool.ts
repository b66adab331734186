import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { RunSnapshot, SnapshotFrame } from '../../src-core/contract/snapshots';
import type { ModelState } from '../../src-core/contract/model-spec';
import type { EpochMetrics } from '../../src-core/contract/training';
import type { TrainingDiagnostics } from '../../src-core/nn/index';
import type { ControlMessage, TrainJob, TrainOutcome, WorkerMessage } from './train-job';
import { unpackedPath } from '../app/asar-unpacked';

export interface TrainingPoolOptions {
  /**
   * Threads, default one per core: at most this many runs at once, one thread each, and a lone run trains on all of
   * them (a thread team: docs/ARCHITECTURE.md, Threads).
   */
  threads?: number;
  /**
   * The built task file. Default: out/main/train-worker.js found from the built bundle; tests that run
   * the sources pass it explicitly.
   */
  workerFile?: string | URL;
  /** The workers' environment (default: this process's). Tests set NN_LAB_TEST_WORKER_CRASH here. */
  env?: Record<string, string>;
}

/** Called on the main thread, in order, as the worker reports. */
export interface TrainingCallbacks {
  /** The worker picked the job up (it was queued until a thread was free). */
  onStarted(): void;
  /**
   * Epochs finished, in order: one per call while the main thread keeps up, several when a fast model
   * reports epochs faster than they can be handled one by one (so they can be committed together).
   */
  onEpochs(epochs: EpochMetrics[]): void;
  /** Per-layer diagnostics, every few epochs. */
  onDiagnostics?(diagnostics: TrainingDiagnostics): void;
  /** The run's snapshot frame (once, before its first snapshot), and each snapshot as it is taken. */
  onSnapshotFrame?(frame: SnapshotFrame): void;
  onSnapshot?(snapshot: RunSnapshot): void;
  /**
   * The worker is waiting between epochs after a pause, or training again after a resume. `reason`: it paused
   * itself (train.autoPause), and why.
   */
  onPaused?(paused: boolean, reason?: string): void;
}

export interface TrainingHandle {
  /** Asks the worker to stop after the epoch in hand; the outcome then says `stopped`. */
  stop(): void;
  /** Asks the worker to wait after the epoch in hand (no CPU used) until `resume` or `stop`. */
  pause(): void;
  resume(): void;
  /** Still waiting for a thread: it keeps waiting, passed over, until `release` (true); else false (it trains on). */
  hold(): boolean;
  /** A held job waits in the queue again (at its end). */
  release(): void;
  /**
   * The weights the worker has, sent after the epoch in hand (at once while paused); undefined once the run has
   * ended (its stored weights are the ones).
   */
  weights(): Promise<{ epoch: number; state: ModelState } | undefined>;
  /** Settles after every callback has run: the outcome, or the error training threw. */
  readonly done: Promise<TrainOutcome>;
}

/** Options of a task, minus the port the pool makes for it. */
export type TrainRequest = Omit<TrainJob, 'port'>;

/**
 * Runs training jobs on worker threads; progress comes back over a MessagePort per job. At most `threads` jobs run
 * at once; the rest wait here, in the order they came, so a job still waiting can be stopped at once (piscina's own
 * queue could only drop it by aborting, which kills a thread that may have just taken it).
 */
export class TrainingPool {
  readonly threads: number;
  private readonly piscina: Piscina<TrainJob, TrainOutcome>;
  private readonly active = new Set<TrainingHandle>();
  /** Jobs handed to piscina and not yet settled: never more than `threads`. */
  private submitted = 0;
  /** Jobs waiting for a thread, oldest first. */
  private readonly waiting: Array<{ submit(): void }> = [];
  /** Jobs held back from the queue (`hold`): they start only once released. */
  private readonly held = new Set<{ submit(): void }>();
  /** The thread-count cell of each job handed to piscina: how many threads its team uses now. */
  private readonly teamCells = new Set<Int32Array>();

  constructor(options: TrainingPoolOptions = {}) {
    this.threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
    const workerFile = options.workerFile ?? builtWorkerFile();
    this.piscina = new Piscina({
      filename: workerFile instanceof URL ? fileURLToPath(workerFile) : workerFile,
      minThreads: 0,
      maxThreads: this.threads,
      idleTimeout: 30_000,
      ...(options.env ? { env: options.env } : {}),
    });
  }

  start(request: TrainRequest, callbacks: TrainingCallbacks): TrainingHandle {
    const { port1, port2 } = new MessageChannel();
    let epochsSeen = 0;
    let snapshotsSeen = 0;
    let diagnosticsSeen = 0;
    let outcome: TrainOutcome | undefined;
    /** What a callback threw: the run is stopped, and `done` rejects with it once the worker is free. */
    let callbackError: { error: unknown } | undefined;
    let settled = false;
    let resolveDone!: (outcome: TrainOutcome) => void;
    let rejectDone!: (error: unknown) => void;
    const done = new Promise<TrainOutcome>((resolve, reject) => {
      resolveDone = resolve;
      rejectDone = reject;
    });
    /** Who asked for the weights and waits for the worker's answer. */
    let weightsWanted: ((weights: { epoch: number; state: ModelState } | undefined) => void)[] = [];
    const answerWeights = (weights: { epoch: number; state: ModelState } | undefined): void => {
      const waiting = weightsWanted;
      weightsWanted = [];
      waiting.forEach((resolve) => resolve(weights));
    };
    const settle = (result: { outcome: TrainOutcome } | { error: unknown }): void => {
      if (settled) return;
      settled = true;
      answerWeights(undefined);
      port1.close();
      if ('error' in result) rejectDone(result.error);
      else resolveDone(result.outcome);
    };
    // The outcome and the epochs travel on different ports; finish once both are in.
    const finishIfComplete = (): void => {
      if (!outcome) return;
      if (callbackError) settle(callbackError);
      else if (epochsSeen >= outcome.epochsPosted && snapshotsSeen >= (outcome.snapshotsPosted ?? 0) && diagnosticsSeen >= (outcome.diagnosticsPosted ?? 0)) {
        settle({ outcome });
      }
    };
    // Messages are handled in groups: everything that arrived before the event loop came round again.
    const pending: WorkerMessage[] = [];
    let draining = false;
    const drain = (): void => {
      draining = false;
      const messages = pending.splice(0);
      if (callbackError) return; // the run is stopping; its remaining reports are dropped
      const epochs: EpochMetrics[] = [];
      try {
        // Epochs are handed over in groups, but never past a message that must follow them.
        const flush = (): void => {
          if (epochs.length === 0) return;
          const group = epochs.splice(0);
          epochsSeen += group.length;
          callbacks.onEpochs(group);
        };
        for (const message of messages) {
          if (message.type === 'epoch') {
            epochs.push(message.metrics);
            continue;
          }
          flush();
          if (message.type === 'started') callbacks.onStarted();
          else if (message.type === 'weights') answerWeights({ epoch: message.epoch, state: message.state });
          else if (message.type === 'diagnostics') {
            diagnosticsSeen++;
            callbacks.onDiagnostics?.(message.diagnostics);
          }
          else if (message.type === 'snapshot-frame') callbacks.onSnapshotFrame?.(message.frame);
          else if (message.type === 'snapshot') {
            snapshotsSeen++;
            callbacks.onSnapshot?.(message.snapshot);
          }
          else if (message.type === 'paused') callbacks.onPaused?.(true, message.reason);
          else callbacks.onPaused?.(false);
        }
        flush();
      } catch (error) {
        callbackError = { error };
        handle.stop();
      }
      finishIfComplete();
    };
    port1.on('message', (message: WorkerMessage) => {
      pending.push(message);
      if (!draining) {
        draining = true;
        setImmediate(drain);
      }
    });
    const control = (message: ControlMessage): void => {
      if (!settled) port1.postMessage(message);
    };
    const threads = this.threads > 1 ? { max: this.threads, cell: new Int32Array(new SharedArrayBuffer(4)) } : undefined;
    const waiting = {
      submit: () => {
        this.submitted++;
        if (threads) {
          this.teamCells.add(threads.cell);
          this.shareThreads();
        }
        this.piscina
          .run({ ...request, ...(threads ? { threads } : {}), port: port2 }, { name: 'train', transferList: [port2] })
          .then(
            (result) => {
              outcome = result;
              finishIfComplete();
            },
            // The worker itself broke (a crash, the pool destroyed): reports still in flight are lost.
            (error: unknown) => settle({ error }),
          )
          .finally(() => {
            this.submitted--;
            if (threads) this.teamCells.delete(threads.cell);
            this.submitNext();
            this.shareThreads();
          });
      },
    };
    const handle: TrainingHandle = {
      stop: () => {
        // Still waiting for a thread (or held back): it never starts, and ends stopped with no epochs.
        const at = this.waiting.indexOf(waiting);
        if (at < 0 && !this.held.delete(waiting)) return control({ type: 'stop' });
        if (at >= 0) this.waiting.splice(at, 1);
        port2.close();
        settle({ outcome: { status: 'stopped', epochsPosted: 0 } });
      },
      pause: () => control({ type: 'pause' }),
      resume: () => control({ type: 'resume' }),
      hold: () => {
        const at = this.waiting.indexOf(waiting);
        if (at < 0) return this.held.has(waiting);
        this.waiting.splice(at, 1);
        this.held.add(waiting);
        return true;
      },
      release: () => {
        if (!this.held.delete(waiting)) return;
        this.waiting.push(waiting);
        this.submitNext();
      },
      weights: () => {
        // A run still waiting for a thread has no weights yet (and no worker to ask).
        if (settled || this.waiting.includes(waiting) || this.held.has(waiting)) return Promise.resolve(undefined);
        const answer = new Promise<{ epoch: number; state: ModelState } | undefined>((resolve) => weightsWanted.push(resolve));
        // One question to the worker for everyone who waits on the same answer.
        if (weightsWanted.length === 1) control({ type: 'send-weights' });
        return answer;
      },
      done,
    };
    this.active.add(handle);
    void done.then(
      () => this.active.delete(handle),
      () => this.active.delete(handle),
    );
    this.waiting.push(waiting);
    this.submitNext();
    return handle;
  }

  /** How many jobs wait for a thread (held ones included). */
  get queued(): number {
    return this.waiting.length + this.held.size;
  }

  private submitNext(): void {
    while (this.submitted < this.threads && this.waiting.length > 0) this.waiting.shift()!.submit();
  }

  /**
   * A lone run trains on every thread; beside others, each run on one. Written into the runs' cells, which their teams
   * read at every product: a run lends its helpers back as soon as another starts (at its next product, not its next
   * epoch) and takes them again when it is alone. The weights do not depend on it.
   */
  private shareThreads(): void {
    const share = this.teamCells.size === 1 ? this.threads : 1;
    for (const cell of this.teamCells) Atomics.store(cell, 0, share);
  }

  /**
   * Stops every run gracefully and waits up to `graceMs` for them to hand back their weights; then
   * ends the threads. A run still training after that is left for the next start to mark interrupted.
   */
  async close(graceMs = 10_000): Promise<void> {
    const pending = [...this.active].map((handle) => {
      handle.stop();
      return handle.done.catch(() => undefined);
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const result = await Promise.race([Promise.all(pending), timeout]);
    clearTimeout(timer);
    if (result === 'timeout') await this.piscina.destroy();
    else await this.piscina.close();
  }
}

/**
 * out/main/train-worker.js, seen from the built code. This module lands either in an entry file
 * (out/main) or in a shared chunk (out/main/chunks), so both neighbours are tried.
 */
export function builtWorkerFile(): URL {
  const candidates = [new URL('./train-worker.js', import.meta.url), new URL('../train-worker.js', import.meta.url)];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    const tried = candidates.map((candidate) => fileURLToPath(candidate)).join(' or ');
    throw new Error(`The training worker is not built: no ${tried}. Run 'npm run build'.`);
  }
  return pathToFileURL(unpackedPath(fileURLToPath(found))); // a packaged app's worker is outside app.asar
}
