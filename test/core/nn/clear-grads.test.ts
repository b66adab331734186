import { afterAll, describe, expect, it } from 'vitest';
import { createTrainingSession, kernelBackend, useKernels } from '../../../src-core/nn/index';
import type { SequentialSession } from '../../../src-core/nn/sequential-session';
import { moonsTrainingData } from '../../support/moons-data';

/**
 * A training epoch's optimizer steps clear the gradients they read (Optimizer.step's clearGrads), so the next batch's
 * zeroGrad skips a pass over them. Nothing a user sees may change: the weights keep their bits, and the last batch's
 * gradients stay for the epoch's diagnostics.
 */
describe('gradients cleared by the optimizer step', () => {
  const before = kernelBackend();
  afterAll(() => {
    useKernels(before === 'js' ? 'js' : 'wasm');
  });

  const optimizers = {
    adam: { type: 'adam', lr: 0.01 },
    sgd: { type: 'sgd', lr: 0.1, momentum: 0.9 },
    adagrad: { type: 'adagrad', lr: 0.05 },
    rmsprop: { type: 'rmsprop', lr: 0.005, momentum: 0.5 },
  } as const;
  const train = (optimizer: keyof typeof optimizers, onBatch?: () => void): SequentialSession => {
    const session = createTrainingSession({
      spec: { input: [2], layers: [{ type: 'dense', units: 16 }, { type: 'relu' }, { type: 'dense', units: 2 }, { type: 'softmax' }] },
      train: { loss: 'cross_entropy', optimizer: optimizers[optimizer], batchSize: 16, epochs: 3 },
      data: moonsTrainingData(200, 50, 0.1),
      seed: 3,
    }) as SequentialSession;
    while (!session.finished) session.runEpoch(onBatch);
    return session;
  };
  const bits = (a: ArrayLike<number>): number[] => Array.from(new Uint32Array(Float32Array.from(a).buffer));

  for (const choice of ['js', 'wasm'] as const) {
    for (const optimizer of ['adam', 'sgd', 'adagrad', 'rmsprop'] as const) {
      it(`${choice}, ${optimizer}: the same weights as steps that keep the gradients, and the last batch's gradients stay`, () => {
        useKernels(choice);
        const cleared = train(optimizer); // no onBatch: every step but the epoch's last clears
        const kept = train(optimizer, () => {}); // an onBatch may read the gradients: no step clears
        expect(bits(cleared.model.params)).toEqual(bits(kept.model.params));
        expect(bits(cleared.model.grads)).toEqual(bits(kept.model.grads));
        expect(cleared.model.grads.some((g) => g !== 0)).toBe(true);
        expect(cleared.diagnostics()?.layers.map((l) => l.gradNorm)).toEqual(kept.diagnostics()?.layers.map((l) => l.gradNorm));
      });
    }
  }
});
