import type { ModelState } from '../contract/model-spec';
import type { EpochMetrics, TestScore } from '../contract/training';
import { pauseDecision } from '../insight/auto-pause';
import type { TrainingDiagnostics } from './diagnostics';
import { DivergedError } from './diverged-error';
import { planIndex, shouldSnapshot } from '../insight/snapshot-plan';
import { predictedClasses } from './metrics/accuracy';
import { confusionMatrix } from './metrics/confusion-matrix';
import type { OptimizerState, RngState, TensorData, TrainingData, TrainingSession } from './training-session';

/**
 * One training job, as the app's pool worker and the CLI both run it: epochs until the session is finished
 * (the planned epochs, or early stopping) or the caller stops it; each epoch's metrics and, every few epochs
 * and after the last, the diagnostics handed to the caller; and at the end what is stored with the run.
 */

export interface TrainingJobHooks {
  /** Asked before each epoch: 'stop' ends the job with the weights in hand. A caller may wait here (pause). */
  beforeEpoch?: () => 'stop' | 'go';
  /** Each epoch's metrics as it ends. A throw (the caller could not store it) ends the job with that error. */
  epoch: (metrics: EpochMetrics) => void;
  diagnostics?: (diagnostics: TrainingDiagnostics) => void;
  /** Diagnostics every this many epochs (by epoch number) and after the last; 0 never. Default 5. */
  diagnosticsEvery?: number;
  /**
   * Snapshots of what the network computes (src-core/insight): at the planned epochs and the last, however the job
   * ends. With a clock (`now`, in ms), a planned snapshot is skipped when, with it, snapshots would have cost more
   * than `maxShare` (default 0.1) of the time spent training, room kept for the last (each guessed to cost the
   * median of those before it); the first and the last are always taken, and the first (taken cold) counts but is no guess. Snapshots
   * may always cost `floorMs` in all (default SNAPSHOT_FLOOR_MS), the first and the last included: what the first leaves
   * of it earned over the plan (by its k-th of n planned epochs, k/n of it), so a small run that trains in a fraction of a
   * second still keeps a dense replay; the floor is for such runs only (their share, projected to the last planned
   * epoch, under it): a larger run keeps to its share. `setupMs`: what readying them took before the job (the
   * snapshotter's plane and probe rows, the frame), counted with the first.
   */
  snapshots?: { plan: Int32Array; take: (epoch: number) => void; now?: () => number; maxShare?: number; floorMs?: number; setupMs?: number };
  /**
   * Given, the job pauses itself when training goes bad (src-core/insight's `pauseDecision` after each epoch: a
   * NaN or infinite loss, weight or gradient, an exploding gradient norm, a dead network) and calls this with why;
   * the caller waits for the person and answers 'go' (train on) or 'stop'. A divergence pauses too: 'go' tries
   * the epoch again from the last finite weights, 'stop' ends the job `diverged` as without it.
   */
  autoPause?: (reason: string) => 'stop' | 'go';
}

/** How a job ended and what to keep. */
export interface TrainingEnding {
  status: 'completed' | 'stopped' | 'diverged';
  /** The weights at the end; after divergence, the last finite ones. */
  state: ModelState;
  /** Under early stopping: the best epoch and its weights. */
  best?: { epoch: number; state: ModelState };
  /** Completed or stopped: what continuing from `state` needs besides the weights. */
  resume?: { optimizer: OptimizerState; rng: RngState };
  /** Completed or stopped classification: matrix[actual][predicted] on the validation rows (else the training rows). */
  confusion?: { split: 'train' | 'validation'; matrix: number[][] };
  /**
   * Completed or stopped, with held-out test rows (`data.test`): the final model's score on them and, for
   * classification, its confusion matrix there.
   */
  test?: TestScore & { confusion?: number[][] };
  /** Why training diverged, for the user. */
  error?: string;
}

/**
 * Milliseconds of snapshots any run may spend, whatever its training time: below a tenth of a second, too little
 * for a person to notice, yet with 10 % alone a run training in 50 ms could afford one or two snapshots
 * (a 64 × 64 boundary grid and a projection cost about 1 ms even for XOR's 2-4-1 network).
 */
export const SNAPSHOT_FLOOR_MS = 100;

/**
 * The part of the share and of the floor that the guard spends on what it times, the rest a margin: for what it does
 * not time (the training job's own bookkeeping around each snapshot) and for the training's own variation, which on
 * a run of a second or two is ±5 % from run to run. Measured in the snapshot-overhead suite: guarded runs that spent
 * all of it added 98–118 ms against a 100 ms floor, and +11.4 % against a 10 % share (the 12-feature case, 1.7 s of
 * training); with 85 %, the guard's own clock gave 134–145 ms of snapshots (8.4 %) on that case, while the same
 * job's epochs varied by −61 to +87 ms between runs.
 */
const MEASURED_PART = 0.85;

/** Runs `session` to its end. Errors other than divergence (bad data, a hook's throw) are thrown. */
export function runTrainingJob(session: TrainingSession, data: TrainingData, hooks: TrainingJobHooks): TrainingEnding {
  const every = hooks.diagnosticsEvery ?? 5;
  let snapshotAt = 0;
  const now = hooks.snapshots?.now;
  const maxShare = (hooks.snapshots?.maxShare ?? 0.1) * MEASURED_PART;
  const floorMs = (hooks.snapshots?.floorMs ?? SNAPSHOT_FLOOR_MS) * MEASURED_PART;
  let trainingMs = 0;
  let snapshotMs = hooks.snapshots?.setupMs ?? 0;
  let lastSnapshotMs = 0;
  let firstSnapshotMs = snapshotMs;
  const warmCosts: number[] = []; // every snapshot's cost but the first's, ascending
  while (!session.finished) {
    if (hooks.beforeEpoch?.() === 'stop') {
      if (hooks.snapshots && session.epoch > snapshotAt) hooks.snapshots.take(session.epoch);
      return ending(session, data, 'stopped');
    }
    let metrics: EpochMetrics;
    const started = now?.() ?? 0;
    try {
      metrics = session.runEpoch();
      if (now) trainingMs += now() - started;
    } catch (error) {
      if (!(error instanceof DivergedError)) throw error;
      // The session keeps the last finite weights: the bad step was not taken.
      if (hooks.autoPause?.(capitalized(error.message)) === 'go') continue;
      return { status: 'diverged', state: session.state(), ...bestOf(session), error: error.message };
    }
    hooks.epoch(metrics);
    if (hooks.snapshots && shouldSnapshot(hooks.snapshots.plan, metrics.epoch, session.finished)) {
      // Taken when it and the last epoch's (always taken) fit the share or the floor earned so far, each guessed to cost
      // the median of those before it.
      const { plan } = hooks.snapshots;
      // The floor holds every snapshot, the first too (taken cold, it compiles their code: tens of ms in a fresh worker
      // thread), so a short run's snapshots never add more than the floor to it; what the first leaves of it is earned
      // over the plan, so the early epochs still get theirs.
      // Only for a run whose share, projected to its last planned epoch, stays under the floor: a larger run keeps to its share.
      const projectedMs = plan.length > 0 ? (trainingMs * plan[plan.length - 1]!) / metrics.epoch : 0;
      const rest = Math.max(0, floorMs - firstSnapshotMs);
      const earned = plan.length > 0 && maxShare * projectedMs < floorMs ? firstSnapshotMs + (rest * (planIndex(plan, metrics.epoch) + 1)) / plan.length : 0;
      if (!now || snapshotAt === 0 || session.finished || snapshotMs + 2 * lastSnapshotMs <= Math.max(maxShare * trainingMs, earned)) {
        const before = now?.() ?? 0;
        const first = snapshotAt === 0;
        hooks.snapshots.take(metrics.epoch);
        // The first is taken cold (its code not yet compiled): it counts, but would stall the guess, so it is not one.
        if (now) {
          const cost = now() - before;
          snapshotMs += cost;
          if (first) firstSnapshotMs += cost;
          else lastSnapshotMs = medianWith(warmCosts, cost);
        }
        snapshotAt = metrics.epoch;
      }
    }
    const diagnosticsDue = hooks.diagnostics !== undefined && every > 0 && (metrics.epoch % every === 0 || session.finished);
    // Auto-pause reads every epoch's; otherwise they are computed only when due.
    const diagnostics = diagnosticsDue || hooks.autoPause ? session.diagnostics?.() : undefined;
    if (diagnosticsDue && diagnostics) hooks.diagnostics!(diagnostics);
    if (hooks.autoPause && !session.finished) {
      const decision = pauseDecision(metrics, diagnostics);
      if (decision.pause && hooks.autoPause(capitalized(decision.reason)) === 'stop') return ending(session, data, 'stopped');
    }
  }
  return ending(session, data, 'completed');
}

/**
 * Adds `cost` to the ascending `costs` and answers their median: the guess for the next snapshot. The last one's cost
 * let one stretched by a collection or another program stall the rest; the cheapest let too many through.
 */
function medianWith(costs: number[], cost: number): number {
  let at = costs.length;
  while (at > 0 && costs[at - 1]! > cost) at--;
  costs.splice(at, 0, cost);
  return costs[(costs.length - 1) >> 1]!; // the lower median: of two, the cheaper
}

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function ending(session: TrainingSession, data: TrainingData, status: 'completed' | 'stopped'): TrainingEnding {
  const result: TrainingEnding = {
    status,
    state: session.state(),
    ...bestOf(session),
    resume: { optimizer: session.optimizerState(), rng: session.rngState() },
  };
  const confusion = sessionConfusion(session, data);
  if (confusion) result.confusion = confusion;
  const test = testScore(session, data);
  if (test) result.test = test;
  return result;
}

function bestOf(session: TrainingSession): Pick<TrainingEnding, 'best'> {
  const state = session.bestState();
  return state && session.earlyStopping ? { best: { epoch: session.earlyStopping.bestEpoch, state } } : {};
}

const chunkRows = 1024;

/** The confusion matrix of a classification session on the validation rows (else the training rows). */
function sessionConfusion(session: TrainingSession, data: TrainingData): TrainingEnding['confusion'] {
  if (data.task !== 'classification' || !data.classCount) return undefined;
  const split = data.validation && data.validation.rows > 0 ? 'validation' : 'train';
  return { split, matrix: confusionOn(session, data, split === 'validation' ? data.validation! : data.train) };
}

/** The final model on the held-out test rows: loss and accuracy as training computes them, and the confusion matrix. */
function testScore(session: TrainingSession, data: TrainingData): TrainingEnding['test'] {
  if (!data.test || data.test.rows === 0) return undefined;
  const { loss, accuracy } = session.evaluate(data.test);
  return {
    rows: data.test.rows,
    loss,
    ...(accuracy !== undefined ? { accuracy } : {}),
    ...(data.task === 'classification' && data.classCount ? { confusion: confusionOn(session, data, data.test) } : {}),
  };
}

/** matrix[actual][predicted] of a classification session's predictions on `rows`. */
function confusionOn(session: TrainingSession, data: TrainingData, rows: TensorData): number[][] {
  const classes = data.classCount!;
  const inputSize = data.inputShape.reduce((a, b) => a * b, 1);
  const counts = new Int32Array(classes * classes); // (classes, classes), row = actual
  // In chunks, so the outputs of a large split are never held at once.
  for (let start = 0; start < rows.rows; start += chunkRows) {
    const n = Math.min(chunkRows, rows.rows - start);
    const outputs = session.predict(rows.x.subarray(start * inputSize, (start + n) * inputSize), n); // (n, width)
    const actual = Int32Array.from(rows.y.subarray(start, start + n));
    confusionMatrix(predictedClasses(outputs, n, outputs.length / n), actual, classes, counts);
  }
  return Array.from({ length: classes }, (_, a) => Array.from(counts.subarray(a * classes, (a + 1) * classes)));
}
