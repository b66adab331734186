import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import { Random } from '../../../src-core/data/random';
import { SequentialSession } from '../../../src-core/nn/sequential-session';

/**
 * The batch loop allocates nothing (verified with --trace-gc, src-core/nn/README.md); what a test can hold
 * is that every buffer the loop touches is the same object before, during and after an epoch.
 */
describe('buffer reuse across batches', () => {
  it('keeps the same params, grads, activations and tensor views through every batch of every epoch', () => {
    const rng = new Random(3);
    const rows = 50;
    const x = Float32Array.from({ length: rows * 16 }, () => rng.next()); // (rows, 1, 4, 4)
    const y = Float32Array.from({ length: rows }, () => rng.int(3));
    const spec: ModelSpec = {
      input: [1, 4, 4],
      layers: [
        { type: 'conv2d', filters: 2, kernel: 3, padding: 1 }, { type: 'batchnorm' }, { type: 'relu' },
        { type: 'flatten' }, { type: 'dropout', rate: 0.2 }, { type: 'dense', units: 3 }, { type: 'softmax' },
      ],
    };
    const session = new SequentialSession({
      spec,
      train: { loss: 'cross_entropy', optimizer: { type: 'adam' }, batchSize: 8, epochs: 3 },
      data: { inputShape: [1, 4, 4], task: 'classification', classCount: 3, train: { x, y, rows }, validation: { x, y, rows } },
      seed: 1,
    });
    const { model } = session;
    const identities = () => [model.params, model.grads, model.buffers, model.input, model.output, ...model.acts, ...model.dacts, ...Object.values(model.tensors), ...Object.values(model.gradTensors)];
    const before = identities();
    const seenInBatches: unknown[][] = [];
    let batches = 0;
    while (!session.finished) {
      session.runEpoch(() => {
        batches++;
        seenInBatches.push(identities());
      });
    }
    expect(batches).toBe(3 * 7); // 50 rows in batches of 8: the last one partial
    for (const seen of seenInBatches) seen.forEach((buffer, i) => expect(buffer).toBe(before[i]));
    identities().forEach((buffer, i) => expect(buffer).toBe(before[i]));
    // The views still point into the one parameter buffer: writing through params shows in the view.
    model.params[0] = 42;
    expect(Object.values(model.tensors)[0]![0]).toBe(42);
  });
});
