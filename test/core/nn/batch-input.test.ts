import { describe, expect, it } from 'vitest';
import { BatchInput } from '../../../src-core/nn/batch-input';
import { createTrainingSession } from '../../../src-core/nn/index';
import type { SequentialSession } from '../../../src-core/nn/sequential-session';
import { moonsTrainingData } from '../../support/moons-data';

describe('BatchInput', () => {
  it("copies a batch's rows in the epoch's order, once, whether take or the step's `next` copies them", () => {
    const x = Float32Array.from({ length: 10 * 3 }, (_, i) => i); // row r holds 3r, 3r + 1, 3r + 2
    const order = Int32Array.from([4, 9, 0, 7, 2, 5, 1, 8, 3, 6]);
    const input = new Float32Array(4 * 3);
    const batches = new BatchInput(input, x, order, 3, 4);
    const rowsOf = (n: number): number[] => Array.from({ length: n }, (_, i) => input[i * 3]! / 3);
    batches.take(0, 4);
    expect(rowsOf(4)).toEqual([4, 9, 0, 7]);
    batches.next.run();
    expect(rowsOf(4)).toEqual([2, 5, 1, 8]);
    input.fill(-1);
    batches.take(4, 4); // next did it: not copied again
    expect(input[0]).toBe(-1);
    batches.next.run(); // the last, short batch
    expect(rowsOf(2)).toEqual([3, 6]);
    order.reverse();
    batches.restart(); // a new epoch, a new order: batch 0 is copied again
    batches.take(0, 4);
    expect(rowsOf(4)).toEqual([6, 3, 8, 1]);
  });

  it('offers its rows to a thread team only where the data and the order lie on shared memory, and then counts them copied', () => {
    const rowsOf = (input: Float32Array, n: number): number[] => Array.from({ length: n }, (_, i) => input[i * 3]! / 3);
    const plain = new BatchInput(new Float32Array(12), Float32Array.from({ length: 30 }, (_, i) => i), Int32Array.from([4, 9, 0, 7, 2, 5, 1, 8, 3, 6]), 3, 4, {
      readAhead: () => expect.unreachable('no read-ahead of rows a helper cannot see'),
    });
    plain.take(0, 4);
    plain.readAheadNext();
    expect(plain.next.takeRows!()).toBeNull();

    const x = new Float32Array(new SharedArrayBuffer(30 * 4));
    x.set(Float32Array.from({ length: 30 }, (_, i) => i));
    const order = new Int32Array(new SharedArrayBuffer(10 * 4));
    order.set([4, 9, 0, 7, 2, 5, 1, 8, 3, 6]);
    const input = new Float32Array(12);
    const aheads: [number, number][] = [];
    const shared = new BatchInput(input, x, order, 3, 4, { readAhead: (rows, first, count) => aheads.push([first, count, rows.length] as never) });
    shared.take(0, 4);
    expect(rowsOf(input, 4)).toEqual([4, 9, 0, 7]);
    shared.readAheadNext();
    expect(aheads).toEqual([[4, 4, 3]]);
    const taken = shared.next.takeRows!()!;
    expect([taken.first, taken.count, taken.into === input, taken.rows.x === x, taken.rows.order === order]).toEqual([4, 4, true, true, true]);
    input.fill(-1);
    shared.take(4, 4); // taken: the kernels copy it (here nobody did), so take does not copy it again
    expect(input[0]).toBe(-1);
    shared.readAheadNext();
    expect(aheads[1]).toEqual([8, 2, 3]); // the last, short batch
    shared.take(8, 2);
    shared.readAheadNext(); // nothing after the last batch
    expect(aheads).toHaveLength(2);
  });

  it("hands the optimizer the same copy function every epoch (a new one each epoch made V8 recompile Adam's step)", () => {
    const data = moonsTrainingData(200, 50, 0.1);
    const session = createTrainingSession({
      spec: { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'relu' }, { type: 'dense', units: 2 }, { type: 'softmax' }] },
      train: { loss: 'cross_entropy', optimizer: { type: 'adam' }, batchSize: 32, epochs: 3 },
      data,
      seed: 1,
    });
    const optimizer = (session as unknown as { optimizer: { step: (...args: unknown[]) => void } }).optimizer;
    const step = optimizer.step.bind(optimizer);
    const meanwhile = new Set<unknown>();
    optimizer.step = (...args: unknown[]) => {
      if (args[3] !== undefined) meanwhile.add(args[3]);
      step(...args);
    };
    while (!session.finished) session.runEpoch();
    expect(meanwhile.size).toBe(1);
    let batches = 0;
    const again = createTrainingSession({
      spec: { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'relu' }, { type: 'dense', units: 2 }, { type: 'softmax' }] },
      train: { loss: 'cross_entropy', optimizer: { type: 'adam' }, batchSize: 32, epochs: 1 },
      data,
      seed: 1,
    }) as SequentialSession;
    const stepAgain = (again as unknown as { optimizer: { step: (...args: unknown[]) => void } }).optimizer;
    const original = stepAgain.step.bind(stepAgain);
    let copies = 0;
    stepAgain.step = (...args: unknown[]) => {
      if (args[3] !== undefined) copies++;
      original(...args);
    };
    again.runEpoch(() => batches++); // an onBatch keeps the gradients, not the copy behind the step
    expect(copies).toBe(batches - 1);
  });
});
