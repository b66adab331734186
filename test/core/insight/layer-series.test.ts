import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import { gradientFlow, layerSeries, ridgeline, trainingPace } from '../../../src-core/insight/index';
import { createTrainingSession, type TrainingDiagnostics } from '../../../src-core/nn/index';
import { moonsTrainingData } from '../../support/moons-data';

function trainedSnapshots(): TrainingDiagnostics[] {
  const spec: ModelSpec = { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'relu' }, { type: 'dense', units: 1 }, { type: 'sigmoid' }] };
  const session = createTrainingSession({ spec, train: { loss: 'bce', optimizer: { type: 'sgd', lr: 0.5 }, batchSize: 16, epochs: 12 }, data: moonsTrainingData(100, 20, 0.1), seed: 1 });
  const snapshots: TrainingDiagnostics[] = [];
  while (!session.finished) {
    const m = session.runEpoch();
    if (m.epoch % 4 === 0 || m.epoch === 1) snapshots.push(session.diagnostics!()!);
  }
  return snapshots;
}

describe('layer series', () => {
  it('turns snapshots into one series per layer over epochs, in epoch order', () => {
    const snapshots = trainedSnapshots();
    const set = layerSeries([...snapshots].reverse());
    expect(Array.from(set.epochs)).toEqual([1, 4, 8, 12]);
    expect(set.layers.map((l) => [l.index, l.type])).toEqual([[0, 'dense'], [1, 'relu'], [2, 'dense'], [3, 'sigmoid']]);
    const dense = set.layers[0]!;
    expect(dense.gradNorm[2]).toBe(snapshots[2]!.layers[0]!.gradNorm);
    expect(dense.updateRatio[3]).toBe(snapshots[3]!.layers[0]!.updateRatio);
    expect(Number.isNaN(dense.deadFraction[0])).toBe(true);
    expect(set.layers[1]!.deadFraction[1]).toBe(snapshots[1]!.layers[1]!.deadFraction);
    expect(gradientFlow(snapshots[0]!).map((l) => l.index)).toEqual([0, 2]);
  });

  it('puts every epoch\'s histogram of a layer on common bin edges, keeping each epoch\'s count', () => {
    const snapshots = trainedSnapshots();
    const r = ridgeline(snapshots, 0)!;
    const weights = 16; // the 8×2 weight of layer 0
    expect(r.edges).toHaveLength(21);
    const lo = Math.min(...snapshots.map((s) => s.layers[0]!.weightHistogram!.min));
    const hi = Math.max(...snapshots.map((s) => s.layers[0]!.weightHistogram!.max));
    expect(r.edges[0]).toBe(lo);
    expect(r.edges[20]).toBeCloseTo(hi, 12);
    for (let t = 0; t < 4; t++) expect(r.counts.subarray(t * 20, t * 20 + 20).reduce((a, b) => a + b, 0)).toBeCloseTo(weights, 4);
    expect(ridgeline(snapshots, 1)).toBeUndefined();
    const grads = ridgeline(snapshots, 2, { of: 'gradients' })!;
    expect(grads.edges[0]).toBe(Math.min(...snapshots.map((s) => s.layers[2]!.gradHistogram!.min)));
    for (let t = 0; t < 4; t++) expect(grads.counts.subarray(t * 20, t * 20 + 20).reduce((a, b) => a + b, 0)).toBeCloseTo(8, 4);
  });

  it('moves a bin\'s count in proportion to its overlap with the common bins', () => {
    const snap = (epoch: number, min: number, max: number, counts: number[]): TrainingDiagnostics => ({ epoch, layers: [{ index: 0, type: 'dense', weightHistogram: { min, max, counts } }] });
    const r = ridgeline([snap(1, 0, 2, [4, 0]), snap(2, 0, 4, [0, 2]), snap(3, 1, 1, [3, 0])], 0, { bins: 4 })!;
    expect(Array.from(r.edges)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(r.counts)).toEqual([4, 0, 0, 0, 0, 0, 1, 1, 0, 3, 0, 0]);
  });
});

describe('trainingPace', () => {
  it('measures epochs per second over the recent epochs and the time the planned rest takes', () => {
    const metrics = [5, 1, 0.5, 0.5, 0.5, 0.5].map((seconds, i) => ({ epoch: i + 1, seconds }));
    expect(trainingPace(metrics, 10, 4)).toEqual({ epochsPerSecond: 2, secondsLeft: 2 });
    expect(trainingPace([], 10)).toBeUndefined();
    expect(trainingPace(metrics, 6, 4)!.secondsLeft).toBe(0);
  });
});
