import type { LayerSpec, ModelSpec } from '../contract/model-spec';
import type { TrainConfig } from '../contract/run-config';
import type { TrainingData } from '../data/training-data';
import { boundaryGrid, type BoundaryGrid, type InputPlane, type PlaneBounds } from '../insight/index';
import type { Explanation, WorkbenchSetup } from './explainer';
import { bundledData, trainCurves } from './train-curves';

/**
 * Explorer 7: a network far larger than a small noisy dataset needs, trained by the core with no
 * regularisation, L2, dropout and early stopping; training and validation curves, their gap and each
 * one's decision boundary.
 */
export const regularisations = ['none', 'l2', 'dropout', 'early_stopping'] as const;
export type Regularisation = (typeof regularisations)[number];

/** The bundled set this explorer trains on (and its stored runs use): 60 noisy two-moons points, half kept for validation. */
export const noisyMoonsId = 'learn-noisy-moons';

/** 60 noisy two-moons points, half kept for validation: few enough to memorise. */
export function noisyMoons(): TrainingData {
  return bundledData(noisyMoonsId);
}

export function regularisationSpec(kind: Regularisation): ModelSpec {
  const drop: LayerSpec[] = kind === 'dropout' ? [{ type: 'dropout', rate: 0.5 }] : [];
  return {
    input: [2],
    layers: [
      { type: 'dense', units: 128 }, { type: 'relu' }, ...drop,
      { type: 'dense', units: 128 }, { type: 'relu' }, ...drop,
      { type: 'dense', units: 1 }, { type: 'sigmoid' },
    ],
  };
}

export function regularisationTrain(kind: Regularisation, epochs = 300): TrainConfig {
  const train: TrainConfig = { loss: 'bce', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 30, epochs, seed: 1 };
  if (kind === 'l2') train.l2 = 0.01;
  if (kind === 'early_stopping') train.earlyStopping = { monitor: 'val_loss', patience: 20, restoreBest: true };
  return train;
}

export interface RegularisationRun {
  kind: Regularisation;
  loss: number[];
  valLoss: number[];
  /** valLoss − loss per epoch: the generalisation gap the view shades. */
  gap: number[];
  /** Training and validation accuracy at the end (the best epoch's weights under early stopping). */
  accuracy: number;
  valAccuracy: number;
  /** The epoch early stopping kept; the last epoch otherwise. */
  keptEpoch: number;
  boundary: BoundaryGrid;
}

export const moonsBounds: PlaneBounds = { min: [-1.8, -1.3], max: [2.8, 1.8] };
const identityPlane: InputPlane = { inputSize: 2, origin: new Float32Array(2), axes: [Float32Array.of(1, 0), Float32Array.of(0, 1)], labels: ['x1', 'x2'] };

export function regularisationRun(kind: Regularisation, options: { epochs?: number; resolution?: number; data?: TrainingData } = {}): RegularisationRun {
  const data = options.data ?? noisyMoons();
  const run = trainCurves(regularisationSpec(kind), regularisationTrain(kind, options.epochs), data);
  const resolution = options.resolution ?? 50;
  const session = run.session;
  const kept = session.earlyStopping?.bestEpoch || run.epochs.length;
  return {
    kind,
    loss: run.epochs.map((e) => e.loss),
    valLoss: run.epochs.map((e) => e.valLoss!),
    gap: run.epochs.map((e) => e.valLoss! - e.loss),
    accuracy: accuracyOf(session, data.train),
    valAccuracy: accuracyOf(session, data.validation!),
    keptEpoch: kept,
    boundary: boundaryGrid(session, identityPlane, { bounds: moonsBounds, resolution: [resolution, resolution] }),
  };
}

function accuracyOf(model: { predict(x: Float32Array, rows: number): Float32Array }, set: { x: Float32Array; y: Float32Array; rows: number }): number {
  const p = model.predict(set.x, set.rows);
  let correct = 0;
  for (let i = 0; i < set.rows; i++) if ((p[i]! >= 0.5 ? 1 : 0) === set.y[i]) correct++;
  return correct / set.rows;
}

export const regularisationExplanation: Explanation = {
  title: 'Overfitting and regularisation',
  text:
    'With 30 noisy points and 17 000 weights a network can learn every point by heart, noise included: the training loss keeps falling while ' +
    'the validation loss turns up, and the gap between them grows. L2 adds λ‖w‖² to the loss and keeps the weights small and the boundary smooth; ' +
    'dropout switches off half the units at random in every step, so no unit can rely on another; early stopping watches the validation loss ' +
    'and keeps the weights of its best epoch.',
  formula: 'L2: L + λ Σ w²;  dropout: h ← h·m/(1 − p), m ~ Bernoulli(1 − p)',
};

/** The explorer's own set-up: the bundled 60 noisy points, the same network and regularisation. */
export function regularisationWorkbench(kind: Regularisation): WorkbenchSetup {
  return { datasetId: noisyMoonsId, name: `Learn: regularisation ${kind}`, spec: regularisationSpec(kind), train: regularisationTrain(kind) };
}
