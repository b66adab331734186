import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { TrainConfig } from '../../../src-core/contract/run-config';

/** A small MLP that learns two moons in a few dozen epochs; shared by the pool, service and host tests. */
export const twoMoonsSpec: ModelSpec = {
  input: [2],
  layers: [{ type: 'dense', units: 16 }, { type: 'tanh' }, { type: 'dense', units: 2 }, { type: 'softmax' }],
};

export function twoMoonsTrain(epochs: number): TrainConfig {
  return { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.02 }, batchSize: 32, epochs, seed: 7 };
}
