import { twoMoons } from '../../src-core/data/generators/two-moons';
import type { TrainingData } from '../../src-core/nn/training-session';

/** Two-moons classification data for a training session: `trainSamples` points (seed 1), `validationSamples` held out (seed 2). */
export function moonsTrainingData(trainSamples: number, validationSamples: number, noise: number): TrainingData {
  return {
    inputShape: [2],
    task: 'classification',
    classCount: 2,
    train: twoMoons({ samples: trainSamples, noise, seed: 1 }),
    validation: twoMoons({ samples: validationSamples, noise, seed: 2 }),
  };
}
