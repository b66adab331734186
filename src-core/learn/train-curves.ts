import type { ModelSpec } from '../contract/model-spec';
import type { TrainConfig } from '../contract/run-config';
import type { EpochMetrics } from '../contract/training';
import { bundledTrainingData, findBundledDataset } from '../data/datasets/index';
import type { TrainingData } from '../data/training-data';
import { DivergedError, SequentialSession, type TrainingDiagnostics } from '../nn/index';

/**
 * The one training loop the explorers share: a core SequentialSession run epoch by epoch, keeping each
 * epoch's metrics and each optimizer step's batch loss, and a divergence reported rather than thrown.
 */
export interface CurveRun {
  epochs: EpochMetrics[];
  /** The batch loss after every optimizer step, in order: (steps). */
  stepLoss: Float64Array;
  /** Rows in each step (the last batch of an epoch may be short): (steps). */
  stepRows: Int32Array;
  /** With a clock: its reading after each step less its reading before the first, in its units: (steps). */
  stepTime: Float64Array;
  /** Each epoch's per-layer diagnostics (norms, dead and saturated units), when asked for. */
  diagnostics: TrainingDiagnostics[];
  /** Where the loss or a gradient stopped being finite; null when training finished. */
  diverged: { epoch: number; batch: number; message: string } | null;
  /** The session after its last epoch, to predict with (weights of the last finite step). */
  session: SequentialSession;
}

export function trainCurves(spec: ModelSpec, train: TrainConfig, data: TrainingData, options: { seed?: number; diagnostics?: boolean; clock?: () => number } = {}): CurveRun {
  const seed = options.seed ?? train.seed ?? 1;
  const session = new SequentialSession({ spec, train, data, seed });
  const epochs: EpochMetrics[] = [];
  const losses: number[] = [];
  const rows: number[] = [];
  const times: number[] = [];
  const diagnostics: TrainingDiagnostics[] = [];
  const n = data.train.rows;
  const clock = options.clock;
  const started = clock?.() ?? 0;
  let diverged: CurveRun['diverged'] = null;
  while (!session.finished) {
    try {
      epochs.push(
        session.runEpoch((batch, loss) => {
          losses.push(loss);
          rows.push(Math.min(train.batchSize, n - (batch - 1) * train.batchSize));
          if (clock) times.push(clock() - started);
        }),
      );
      const snapshot = options.diagnostics ? session.diagnostics() : undefined;
      if (snapshot) diagnostics.push(snapshot);
    } catch (error) {
      if (!(error instanceof DivergedError)) throw error;
      diverged = { epoch: error.epoch, batch: error.batch, message: error.message };
      break;
    }
  }
  return { epochs, stepLoss: Float64Array.from(losses), stepRows: Int32Array.from(rows), stepTime: Float64Array.from(times), diagnostics, diverged, session };
}

/** A bundled dataset as the workbench trains on it (same rows, same split), so "open in the workbench" repeats the explorer. */
export function bundledData(id: string): TrainingData {
  const dataset = findBundledDataset(id);
  if (!dataset) throw new RangeError(`no bundled dataset '${id}'`);
  return bundledTrainingData(dataset);
}
