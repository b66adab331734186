import { setPriority } from 'node:os';
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { bundledTrainingData, findBundledDataset } from '../../src-core/data/datasets';
import type { TrainingData } from '../../src-core/nn/training-session';
import { createTrainingSession, runTrainingJob, type TrainingSession } from '../../src-core/nn/index';
import type { TrainingJobHooks } from '../../src-core/nn/training-job';
import { createSnapshotter } from '../../src-core/insight/run-snapshot';
import type { RunSnapshot } from '../../src-core/contract/snapshots';
import { useKernelsFromEnvironment } from '../app/kernel-choice';
import { createThreadTeam, type WorkerThreadTeam } from './thread-team';
import type { ControlMessage, TrainDataSource, TrainJob, TrainOutcome, WorkerMessage } from './train-job';

/**
 * The piscina task file (built to out/main/train-worker.js): one exported function per job kind.
 * Training runs synchronously epoch by epoch (src-core's `runTrainingJob`, as the CLI runs it); between epochs
 * the worker reads its port without yielding (`receiveMessageOnPort`) so a stop or pause takes effect after
 * the epoch in hand.
 */
/**
 * Training yields the CPU to the window: with more runs than cores, threads of equal priority left the window's
 * frames waiting for a time slice (frames of 170-280 ms with 8 runs on 2 cores, bench/suites/dashboard-render.ts).
 * On Linux a thread's nice value is its own, so this lowers this worker thread only, not the process's others; on
 * macOS and Windows it would lower the whole process (the app's main, which serves the window), so it is left alone.
 */
export const TRAINING_NICE = 10;
if (process.platform === 'linux') {
  try {
    setPriority(0, TRAINING_NICE);
  } catch {
    // Not permitted here: train at the usual priority.
  }
}

export function train(job: TrainJob): TrainOutcome | Promise<TrainOutcome> {
  const { port } = job;
  const post = (message: WorkerMessage): void => port.postMessage(message);
  // The port stays open when this returns: closing it here could drop epochs main has not read yet.
  let epochsPosted = 0;
  let snapshotsPosted = 0;
  let diagnosticsPosted = 0;
  const crash = testCrash();
  let kernels: TrainOutcome['kernels'];
  const team = teamFor(job);
  /** The threads the run trained on (read once, when it ends). */
  const threads = (): { threads: number } => ({ threads: kernels === 'js' || !team ? 1 : team.takeThreadsUsed() });
  try {
    kernels = useKernelsFromEnvironment(process.env, team);
    const data = loadData(job.data);
    const session = createTrainingSession({
      spec: job.spec,
      train: job.train,
      data,
      seed: job.seed,
      ...(job.initialState ? { initialState: job.initialState } : {}),
      ...(job.initialOptimizerState ? { initialOptimizerState: job.initialOptimizerState } : {}),
      ...(job.initialRngState ? { initialRngState: job.initialRngState } : {}),
    });
    post({ type: 'started' });
    const snapshots = job.snapshots ? snapshotsOf(job, data, session, port, () => snapshotsPosted++) : undefined;
    const sendWeights = (): void => post({ type: 'weights', epoch: session.epoch, state: session.state() });
    const ending = runTrainingJob(session, data, {
      beforeEpoch: () => {
        if (crash && epochsPosted >= crash.after) throw crashing;
        if (job.stopAfterEpoch !== undefined && session.epoch >= job.stopAfterEpoch) return 'stop';
        return controlSays(port, post, sendWeights);
      },
      epoch: (metrics) => {
        post({ type: 'epoch', metrics });
        epochsPosted++;
      },
      diagnostics: (diagnostics) => {
        post({ type: 'diagnostics', diagnostics });
        diagnosticsPosted++;
      },
      diagnosticsEvery: job.diagnosticsEvery ?? 5,
      ...(snapshots ? { snapshots } : {}),
      // On unless the config turns it off: the run waits, paused, for the person to resume or stop it.
      ...(job.train.autoPause === false ? {} : { autoPause: (reason: string) => controlSays(port, post, sendWeights, reason) }),
    });
    if (crash && epochsPosted >= crash.after) return crashNow(crash.how);
    return { ...ending, epochsPosted, snapshotsPosted, diagnosticsPosted, ...(kernels ? { kernels } : {}), ...threads() };
  } catch (error) {
    if (error === crashing) return crashNow(crash!.how);
    return { status: 'failed', epochsPosted, ...(kernels ? { kernels } : {}), ...threads(), error: error instanceof Error ? error.message : String(error) };
  } finally {
    team?.dropRows(); // the helpers would otherwise keep this run's data set alive until the next run
    team?.follow(null);
  }
}

/**
 * This pool thread's team, kept from job to job (its helpers start once, ~50 ms), following the job's cell; a new
 * one when the pool's size changed. Its helpers are this worker's own worker threads: they end with it.
 */
let workerTeam: WorkerThreadTeam | undefined;
function teamFor(job: TrainJob): WorkerThreadTeam | null {
  if (!job.threads || job.threads.max < 2) return null;
  if (workerTeam?.maxSize !== job.threads.max) {
    void workerTeam?.close();
    workerTeam = createThreadTeam(job.threads.max);
  }
  workerTeam.follow(job.threads.cell);
  workerTeam.takeThreadsUsed();
  return workerTeam;
}

/**
 * The snapshot hook: posts the frame now and each snapshot as it is taken, its buffers moved, not copied. A network
 * the snapshotter cannot read (an unusual shape) trains on without snapshots rather than failing the run.
 */
function snapshotsOf(job: TrainJob, data: TrainingData, session: TrainingSession, port: MessagePort, posted: () => void): TrainingJobHooks['snapshots'] {
  const options = job.snapshots!;
  let snapshotter: ReturnType<typeof createSnapshotter>;
  const started = performance.now();
  try {
    snapshotter = createSnapshotter({
      layers: job.spec.layers,
      ...(job.spec.kind ? { kind: job.spec.kind } : {}),
      spec: job.spec,
      parameters: Object.values(session.state()).reduce((sum, t) => sum + t.data.length, 0),
      data,
      epochs: job.train.epochs,
      ...(options.preprocessor ? { preprocessor: options.preprocessor } : {}),
      ...(options.classNames ? { classNames: options.classNames } : {}),
      ...(options.budget !== undefined ? { budget: options.budget } : {}),
    });
  } catch {
    return undefined;
  }
  port.postMessage({ type: 'snapshot-frame', frame: snapshotter.frame } satisfies WorkerMessage);
  return {
    plan: snapshotter.plan,
    now: () => performance.now(),
    setupMs: performance.now() - started,
    take: (epoch) => {
      const snapshot = snapshotter.take(session, epoch);
      port.postMessage({ type: 'snapshot', snapshot } satisfies WorkerMessage, snapshotBuffers(snapshot));
      posted();
    },
  };
}

function snapshotBuffers(snapshot: RunSnapshot): ArrayBuffer[] {
  const tensors = [snapshot.boundary?.classes, snapshot.boundary?.confidence, snapshot.curve, snapshot.predicted, snapshot.confidence, snapshot.hidden?.points, snapshot.weights?.data];
  return [...new Set(tensors.filter((t) => t !== undefined).map((t) => t.data.buffer as ArrayBuffer))];
}

/** A cell to sleep on while paused (Atomics.wait blocks the thread without spinning). */
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Reads every control message; while paused, waits for resume or stop. Returns 'stop' when training should end.
 * With `pauseReason` the run pauses itself first (and says why).
 */
function controlSays(port: MessagePort, post: (message: WorkerMessage) => void, sendWeights: () => void, pauseReason?: string): 'stop' | 'go' {
  let paused = pauseReason !== undefined;
  if (paused) post({ type: 'paused', reason: pauseReason! });
  for (;;) {
    for (let entry = receiveMessageOnPort(port); entry; entry = receiveMessageOnPort(port)) {
      const control = entry.message as ControlMessage;
      if (control.type === 'send-weights') sendWeights();
      else if (control.type === 'stop') {
        // A run that paused itself keeps its reason to its end (a 'resumed' would clear it first).
        if (paused && pauseReason === undefined) post({ type: 'resumed' });
        return 'stop';
      }
      if (control.type === 'pause' && !paused) {
        paused = true;
        post({ type: 'paused' });
      } else if (control.type === 'resume' && paused) {
        paused = false;
        post({ type: 'resumed' });
      }
    }
    if (!paused) return 'go';
    Atomics.wait(sleeper, 0, 0, 50);
  }
}

/**
 * Test hook: NN_LAB_TEST_WORKER_CRASH=exit:N or throw:N makes the worker die after N epochs, by process.exit
 * or by an exception thrown outside the job, the way a native crash or a bug would. Never set by the app.
 */
function testCrash(): { how: 'exit' | 'throw'; after: number } | undefined {
  const match = /^(exit|throw):(\d+)$/.exec(process.env.NN_LAB_TEST_WORKER_CRASH ?? '');
  return match ? { how: match[1] as 'exit' | 'throw', after: Number(match[2]) } : undefined;
}

/** Thrown out of the job to crash the way the test hook asks, after the epochs it names. */
const crashing = new Error('test crash');

function crashNow(how: 'exit' | 'throw'): Promise<TrainOutcome> {
  if (how === 'exit') process.exit(70);
  setTimeout(() => {
    throw new Error('test crash outside the job');
  });
  return new Promise<TrainOutcome>(() => undefined); // never settles: the worker dies first
}

function loadData(source: TrainDataSource): TrainingData {
  if (source.kind === 'shared') return source.data;
  const dataset = findBundledDataset(source.id);
  if (!dataset) throw new Error(`There is no bundled dataset ${JSON.stringify(source.id)}.`);
  return bundledTrainingData(dataset);
}

