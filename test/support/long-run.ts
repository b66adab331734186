/**
 * A long stored run (tens of thousands of epochs, as a long training of a small net stores them quickly), written
 * into a real SQLite store as the app writes epochs: for the service test, the e2e spec and the bench of long runs.
 */
import type { EpochMetrics } from '../../src-core/contract/training';
import { Random } from '../../src-core/data/random';
import type { LabStore } from '../../src-main/store/lab-store';

export interface LongRun {
  id: string;
  name: string;
  epochs: number;
  seed: number;
  lr: number;
  /** The epochs it was set to train (default `epochs`); more than `epochs`: it was stopped after `epochs`. */
  planned?: number;
  /** An epoch whose validation loss dips far below every other (the run's best): a thinned curve must keep it. */
  dipEpoch?: number;
}

/** Stores `run` completed (or stopped early), with plausible noisy curves; answers its every epoch, as stored. */
export function storeLongRun(store: LabStore, run: LongRun): EpochMetrics[] {
  const rng = new Random(run.seed * 7919 + run.epochs);
  store.createRun({
    id: run.id,
    name: run.name,
    datasetId: 'two-moons',
    datasetName: 'Two moons',
    task: 'classification',
    spec: { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'relu' }, { type: 'dense', units: 2 }] },
    train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: run.lr }, batchSize: 32, epochs: run.planned ?? run.epochs, seed: run.seed },
    seed: run.seed,
    createdAt: new Date().toISOString(),
  });
  const metrics: EpochMetrics[] = [];
  for (let e = 1; e <= run.epochs; e++) {
    const progress = 1 - Math.exp((-e * run.lr * 50) / run.epochs);
    metrics.push({
      epoch: e,
      loss: 0.7 - 0.6 * progress + 0.01 * rng.normal(),
      accuracy: 0.5 + 0.45 * progress + 0.005 * rng.normal(),
      valLoss: e === run.dipEpoch ? 0.01 : 0.75 - 0.6 * progress + 0.015 * rng.normal(),
      valAccuracy: 0.5 + 0.42 * progress + 0.008 * rng.normal(),
      lr: run.lr,
      seconds: 0.002,
    });
  }
  for (let from = 0; from < metrics.length; from += 10_000) store.appendEpochs(run.id, metrics.slice(from, from + 10_000));
  store.finishRun(run.id, { status: (run.planned ?? run.epochs) > run.epochs ? 'stopped' : 'completed', finishedAt: new Date().toISOString() });
  return metrics;
}
