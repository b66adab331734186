import type { ModelSpec } from '../contract/model-spec';
import type { TrainConfig } from '../contract/run-config';
import type { Explanation, WorkbenchSetup } from './explainer';
import { bundledData, trainCurves } from './train-curves';

/**
 * Explorer 6: one model on the sine regression with a learning rate too small, about right and too large;
 * the core session's loss per epoch for each, a divergence reported (with the epoch) rather than thrown.
 */
export const learningRateSpec: ModelSpec = {
  input: [1],
  layers: [{ type: 'dense', units: 32 }, { type: 'tanh' }, { type: 'dense', units: 1 }],
};
const datasetId = 'sine';

export const learningRatePresets = [
  { label: 'too small', lr: 0.001 },
  { label: 'about right', lr: 0.05 },
  { label: 'too large', lr: 0.5 },
] as const;

export function learningRateTrain(lr: number, epochs = 40): TrainConfig {
  return { loss: 'mse', optimizer: { type: 'sgd', lr }, batchSize: 16, epochs, seed: 1 };
}

export interface LearningRateCurve {
  label: string;
  lr: number;
  loss: number[];
  valLoss: number[];
  /** The batch loss of every optimizer step, up to the divergence: the rise before it shows here. */
  stepLoss: Float64Array;
  /** Optimizer steps in one epoch, to put stepLoss on the epoch axis (step i ends at epoch (i + 1)/stepsPerEpoch). */
  stepsPerEpoch: number;
  /** The epoch (1-based) whose loss or gradient went non-finite; the curves stop before it. */
  divergedAt: number | null;
}

export function learningRateCurves(presets: ReadonlyArray<{ label: string; lr: number }> = learningRatePresets, epochs = 40): LearningRateCurve[] {
  const data = bundledData(datasetId);
  return presets.map(({ label, lr }) => {
    const run = trainCurves(learningRateSpec, learningRateTrain(lr, epochs), data);
    return {
      label,
      lr,
      loss: run.epochs.map((e) => e.loss),
      valLoss: run.epochs.map((e) => e.valLoss ?? NaN),
      stepLoss: run.stepLoss,
      stepsPerEpoch: Math.ceil(data.train.rows / learningRateTrain(lr).batchSize),
      divergedAt: run.diverged?.epoch ?? null,
    };
  });
}

export const learningRateExplanation: Explanation = {
  title: 'Learning rate',
  text:
    'The learning rate η sets how far each step goes along −∇L. Too small and the loss creeps down for ever; too large and each step jumps ' +
    'across the valley to a higher wall, so the loss grows until it is no longer a number: the run diverges. In a quadratic valley of curvature ' +
    'λ plain gradient descent is stable only for η < 2/λ; the best rate sits a little below that edge.',
  formula: 'θ ← θ − η∇L(θ);  stable for η < 2/λ_max',
};

export function learningRateWorkbench(lr: number): WorkbenchSetup {
  return { datasetId, name: `Learn: learning rate ${lr}`, spec: learningRateSpec, train: learningRateTrain(lr) };
}
