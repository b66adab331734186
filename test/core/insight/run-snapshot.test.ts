import { describe, expect, it } from 'vitest';
import { boundaryGrid, confusionOfPredictions, cellRowsOf, featurePlane, splitConfusion } from '../../../src-core/insight/index';
import { pickedBoundary } from '../../../src-core/insight/picked-plane';
import { createSnapshotter, frameBytes, snapshotBytes } from '../../../src-core/insight/run-snapshot';
import { createTrainingSession, runTrainingJob } from '../../../src-core/nn/index';
import type { LayerSpec } from '../../../src-core/contract/model-spec';
import type { RunSnapshot } from '../../../src-core/contract/snapshots';
import { moonsTrainingData } from '../../support/moons-data';

const mlp: LayerSpec[] = [{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 1 }, { type: 'sigmoid' }];
const train = (epochs: number) => ({ loss: 'bce' as const, optimizer: { type: 'adam' as const, lr: 0.05 }, batchSize: 16, epochs });

describe('createSnapshotter', () => {
  it('takes a snapshot at each planned epoch and the last, within the byte budget, while the job trains', () => {
    const data = moonsTrainingData(200, 150, 0.2);
    const session = createTrainingSession({ spec: { input: [2], layers: mlp }, train: train(60), data, seed: 3 });
    const budget = 120_000;
    const snapshotter = createSnapshotter({ layers: mlp, data, epochs: 60, budget, classNames: ['a', 'b'] });
    const taken: RunSnapshot[] = [];
    runTrainingJob(session, data, { epoch: () => {}, snapshots: { plan: snapshotter.plan, take: (epoch) => taken.push(snapshotter.take(session, epoch)) } });
    const epochs = taken.map((s) => s.epoch);
    expect(epochs).toEqual(Array.from(snapshotter.plan));
    expect(epochs[0]).toBe(1);
    expect(epochs.at(-1)).toBe(60);
    expect(epochs.length).toBeLessThan(60); // the budget cut it
    // Denser early than late.
    expect(epochs.filter((e) => e <= 10).length).toBeGreaterThan(epochs.filter((e) => e > 50).length);
    const total = frameBytes(snapshotter.frame) + taken.reduce((sum, s) => sum + snapshotBytes(s), 0);
    expect(total).toBeLessThanOrEqual(budget);
    const { frame } = snapshotter;
    expect(frame).toMatchObject({ task: 'classification', split: 'validation', splitRows: 150, classes: 2, classNames: ['a', 'b'] });
    expect(frame.plane).toMatchObject({ kind: 'features', labels: ['x1', 'x2'], resolution: [64, 64] });
    expect(frame.plane!.points.shape).toEqual([150, 2]);
    expect(frame.view.kind).toBe('table');
    const last = taken.at(-1)!;
    expect(last.boundary!.classes.shape).toEqual([64, 64]);
    expect(last.hidden!.points.shape).toEqual([150, 2]);
    // The stored predictions are exactly the model's: the confusion they give is the split's own.
    const fromSnapshot = confusionOfPredictions(
      Int32Array.from(last.predicted!.data),
      Float32Array.from(last.confidence!.data, (c) => c / 255),
      frame.actual!.data,
      2,
    );
    const direct = splitConfusion(session, data.validation!, 2);
    expect(Array.from(fromSnapshot.matrix)).toEqual(Array.from(direct.matrix));
    expect(Array.from(cellRowsOf(fromSnapshot, 0, 1))).toEqual(Array.from(cellRowsOf(direct, 0, 1)));
    // Trained: most of the grid is confident, and both classes appear on it.
    expect(new Set(last.boundary!.classes.data)).toEqual(new Set([0, 1]));
  });

  it("a perceptron's step outputs are certain classes: a 0 output is class 0, never a coin toss", () => {
    const data = moonsTrainingData(100, 50, 0.2);
    const spec = { kind: 'perceptron' as const, input: [2], layers: [] };
    const session = createTrainingSession({ spec, train: { loss: 'bce', optimizer: { type: 'sgd', lr: 1 }, batchSize: 1, epochs: 3 }, data, seed: 1 });
    session.runEpoch();
    const s = createSnapshotter({ layers: [], kind: 'perceptron', data, epochs: 3 }).take(session, 1);
    const outputs = session.predict(data.validation!.x, 50);
    expect(Array.from(s.predicted!.data)).toEqual(Array.from(outputs));
    expect(new Set(s.boundary!.confidence.data)).toEqual(new Set([255]));
    expect(s.hidden).toBeUndefined();
  });

  /** The epochs snapshotted in a job of `epochs` epochs each "taking" `epochMs` on a made-up clock, every epoch planned. */
  const guarded = (epochs: number, epochMs: number, snapshotCost: number, floorMs?: number, firstCost = snapshotCost, setupMs?: number): number[] => {
    const data = moonsTrainingData(60, 20, 0.2);
    const session = createTrainingSession({ spec: { input: [2], layers: mlp }, train: train(epochs), data, seed: 3 });
    let clock = 0;
    const taken: number[] = [];
    const runEpoch = session.runEpoch.bind(session);
    session.runEpoch = () => {
      clock += epochMs;
      return runEpoch();
    };
    const plan = Int32Array.from({ length: epochs }, (_, i) => i + 1);
    runTrainingJob(session, data, {
      epoch: () => {},
      snapshots: { plan, now: () => clock, take: (epoch) => ((clock += taken.length === 0 ? firstCost : snapshotCost), taken.push(epoch)), ...(floorMs !== undefined ? { floorMs } : {}), ...(setupMs !== undefined ? { setupMs } : {}) },
    });
    return taken;
  };

  it('with a clock, skips planned snapshots while they cost more than a tenth of the training time; never the first or last', () => {
    const run = (snapshotCost: number): number[] => guarded(40, 10, snapshotCost, 0); // each epoch "takes" 10 ms; no floor
    expect(run(0.3)).toHaveLength(40); // 0.3 ms each: a small part of an epoch, all kept
    const costly = run(20); // 20 ms each: one every ~20 epochs
    expect(costly[0]).toBe(1);
    expect(costly.at(-1)).toBe(40);
    expect(costly.length).toBeLessThanOrEqual(4);
    expect((costly.length - 2) * 20).toBeLessThanOrEqual(0.1 * 40 * 10 + 20);
  });

  it('keeps a dense replay of a small run that trains in a blink (XOR: 0.2 ms an epoch, 1.5 ms a snapshot), spread over the run', () => {
    const taken = guarded(300, 0.2, 1.5);
    // 10 % of its 60 ms of training would buy 4; the 100 ms floor (85 ms of it timed) buys dozens more, earned across the plan.
    expect(taken.length).toBeGreaterThanOrEqual(50);
    expect(taken[0]).toBe(1);
    expect(taken.at(-1)).toBe(300);
    const gaps = taken.slice(1).map((e, i) => e - taken[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(15);
    expect(taken.length * 1.5).toBeLessThanOrEqual(100); // the floor holds them all, the first and last included
  });

  it('spends only 85 % of the floor and of the share on what it times, a margin for what it does not time and for the variation of training time', () => {
    // Measured (bench/suites/snapshot-overhead.ts): runs that spent it all added 98–118 ms to a 100 ms floor.
    const short = guarded(300, 0.2, 1.5, undefined, 40);
    expect(40 + (short.length - 1) * 1.5).toBeLessThanOrEqual(85);
    expect(40 + (short.length - 1) * 1.5).toBeGreaterThan(80); // and it does spend that, not less
    const long = guarded(200, 100, 60); // 20 s of training, 60 ms a snapshot: 10 % would be 2 s
    expect(long.length * 60).toBeLessThanOrEqual(0.085 * 200 * 100 + 60);
    expect(long.length * 60).toBeGreaterThan(0.07 * 200 * 100);
  });

  it("counts a short run's cold first snapshot within the floor: its snapshots add at most 100 ms, yet keep a dense replay", () => {
    // XOR in a fresh worker thread: the first snapshot compiles their code (40 ms), the others 1.5 ms; 60 ms of training.
    const taken = guarded(300, 0.2, 1.5, undefined, 40);
    expect(taken[0]).toBe(1);
    expect(taken.at(-1)).toBe(300);
    expect(40 + (taken.length - 1) * 1.5).toBeLessThanOrEqual(100);
    expect(taken.length).toBeGreaterThanOrEqual(25); // the floor's remaining 45 timed ms still buy dozens, spread over the run
    const gaps = taken.slice(1).map((e, i) => e - taken[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(30);
    // Readying the snapshots before the job (a table's principal plane, the probe rows) counts too.
    const readied = guarded(300, 0.2, 1.5, undefined, 40, 20);
    expect(20 + 40 + (readied.length - 1) * 1.5).toBeLessThanOrEqual(100);
    expect(readied.length).toBeGreaterThanOrEqual(15);
  });

  it('keeps a large run within a tenth of its training time, the floor then too small to matter', () => {
    const taken = guarded(200, 100, 60); // 20 s of training, 60 ms a snapshot
    expect(taken.length).toBeGreaterThan(10);
    expect((taken.length - 2) * 60).toBeLessThanOrEqual(0.1 * 200 * 100);
    expect(taken.length).toBeLessThan(guarded(200, 100, 60, 10_000).length);
  });

  it('gives the floor only to runs whose tenth is under it: a 1.4 s run with a slow cold first snapshot keeps to 10 %', () => {
    // 200 epochs of 7 ms; the first snapshot 80 ms (cold), the others 12 ms. The floor would allow 80 + 100 = 180 ms.
    const taken = guarded(200, 7, 12, undefined, 80);
    expect(taken[0]).toBe(1);
    expect(taken.at(-1)).toBe(200);
    expect(80 + (taken.length - 1) * 12).toBeLessThanOrEqual(0.1 * 200 * 7 + 12);
  });

  it('snapshots the epoch a stopped job ended at, once', () => {
    const data = moonsTrainingData(100, 50, 0.2);
    const session = createTrainingSession({ spec: { input: [2], layers: mlp }, train: train(1000), data, seed: 3 });
    const snapshotter = createSnapshotter({ layers: mlp, data, epochs: 1000, budget: 60_000 });
    const taken: number[] = [];
    let epochs = 0;
    runTrainingJob(session, data, {
      beforeEpoch: () => (epochs >= 7 ? 'stop' : 'go'),
      epoch: () => void epochs++,
      snapshots: { plan: snapshotter.plan, take: (epoch) => taken.push(epoch) },
    });
    expect(taken.at(-1)).toBe(7);
    expect(new Set(taken).size).toBe(taken.length);
  });

  it('regression on one feature: the fitted curve across the training range, with the targets of the probe rows', () => {
    const x = Float32Array.from({ length: 80 }, (_, i) => i / 40 - 1);
    const y = Float32Array.from(x, (v) => Math.sin(3 * v));
    const data = { inputShape: [1], task: 'regression' as const, train: { x, y, rows: 80 }, validation: { x: x.slice(0, 20), y: y.slice(0, 20), rows: 20 } };
    const layers: LayerSpec[] = [{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 1 }];
    const session = createTrainingSession({ spec: { input: [1], layers }, train: { loss: 'mse', optimizer: { type: 'adam', lr: 0.05 }, batchSize: 16, epochs: 3 }, data, seed: 1 });
    const snapshotter = createSnapshotter({ layers, data, epochs: 3 });
    session.runEpoch();
    const s = snapshotter.take(session, 1);
    expect(s.curve!.shape).toEqual([200]);
    expect(s.boundary).toBeUndefined();
    expect(s.predicted).toBeUndefined();
    expect(snapshotter.frame.plane!.targets!.shape).toEqual([20]);
    expect(snapshotter.frame.plane!.bounds.min[0]).toBeLessThan(-1);
  });

  it('images: no plane, the probe rows as grey pixels for the gallery', () => {
    const rows = 10;
    const x = Float32Array.from({ length: rows * 16 }, (_, i) => (i % 16) / 15);
    const data = { inputShape: [1, 4, 4], task: 'classification' as const, classCount: 2, train: { x, y: Float32Array.from({ length: rows }, (_, i) => i % 2), rows } };
    const layers: LayerSpec[] = [{ type: 'flatten' }, { type: 'dense', units: 2 }, { type: 'softmax' }];
    const snapshotter = createSnapshotter({ layers, data, epochs: 5 });
    expect(snapshotter.frame.plane).toBeUndefined();
    expect(snapshotter.frame.split).toBe('train');
    const view = snapshotter.frame.view;
    expect(view.kind).toBe('image');
    if (view.kind === 'image') {
      expect([view.height, view.width]).toEqual([4, 4]);
      expect(Array.from(view.pixels.data.subarray(0, 4))).toEqual([0, 17, 34, 51]);
    }
  });
});

describe('pickedBoundary', () => {
  it('draws the boundary over any two of 5 features from a snapshot’s weights, as featurePlane would during training', () => {
    let seed = 11;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const make = (rows: number) => {
      const x = new Float32Array(rows * 5);
      const y = new Float32Array(rows);
      for (let r = 0; r < rows; r++) {
        for (let f = 0; f < 5; f++) x[r * 5 + f] = random() * 2 - 1;
        y[r] = x[r * 5 + 1]! + 0.5 * x[r * 5 + 3]! > 0 ? 1 : 0;
      }
      return { x, y, rows };
    };
    const data = { inputShape: [5], task: 'classification' as const, classCount: 2, train: make(300), validation: make(80) };
    const layers: LayerSpec[] = [{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 2 }, { type: 'softmax' }];
    const spec = { input: [5], layers };
    const session = createTrainingSession({ spec, train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.05 }, batchSize: 32, epochs: 4 }, data, seed: 2 });
    const parameters = Object.values(session.state()).reduce((sum, t) => sum + t.data.length, 0);
    const snapshotter = createSnapshotter({ layers, spec, parameters, data, epochs: 4 });
    for (let e = 0; e < 4; e++) session.runEpoch();
    const snapshot = snapshotter.take(session, 4);
    expect(snapshotter.frame.plane!.kind).toBe('pca');
    expect(snapshot.weights!.data.shape).toEqual([parameters]);
    const picked = pickedBoundary(snapshotter.frame, snapshot, [1, 3], 32);
    expect(picked.plane.labels).toEqual(['x2', 'x4']);
    const expected = boundaryGrid(session, featurePlane({ features: [1, 3], x: data.train.x, rows: 300 }), { bounds: picked.bounds, resolution: [32, 32] });
    expect(Array.from(picked.boundary.classes.data)).toEqual(Array.from(expected.classes.data));
    expect(new Set(picked.boundary.classes.data)).toEqual(new Set([0, 1]));
    expect(() => pickedBoundary(snapshotter.frame, snapshot, [2, 2])).toThrow('the two features are the same');
  });
});
