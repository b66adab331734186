import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { TrainConfig } from '../../../src-core/contract/run-config';
import type { EpochMetrics, FullRun } from '../../../src-core/contract/training';

/** A small classifier spec, as the lab stores it. */
export const spec: ModelSpec = {
  input: [2],
  layers: [
    { type: 'dense', units: 16 },
    { type: 'relu' },
    { type: 'dense', units: 2 },
  ],
};

export const train: TrainConfig = {
  loss: 'cross_entropy',
  optimizer: { type: 'adam', lr: 0.01 },
  batchSize: 32,
  epochs: 5,
};

/** Per-epoch metrics from columns: `epochs(losses, { valAccuracy: [...] })`, one second per epoch unless given. */
export function epochs(loss: number[], extra: Partial<Record<'accuracy' | 'valLoss' | 'valAccuracy' | 'seconds', number[]>> = {}): EpochMetrics[] {
  return loss.map((l, i) => {
    const m: EpochMetrics = { epoch: i + 1, loss: l, lr: 0.01, seconds: extra.seconds?.[i] ?? 1 };
    if (extra.accuracy) m.accuracy = extra.accuracy[i];
    if (extra.valLoss) m.valLoss = extra.valLoss[i];
    if (extra.valAccuracy) m.valAccuracy = extra.valAccuracy[i];
    return m;
  });
}

/** A completed run as main reads it whole. */
export function makeRun(overrides: Partial<FullRun> & Pick<FullRun, 'id'>): FullRun {
  return {
    name: `run ${overrides.id}`,
    status: 'completed',
    datasetName: 'two-moons',
    task: 'classification',
    epochs: 5,
    epochsDone: 5,
    createdAt: '2026-11-21T09:00:00.000Z',
    spec,
    train,
    seed: 1,
    metrics: [],
    hasWeights: true,
    ...overrides,
  };
}
