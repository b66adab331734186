import { describe, expect, it } from 'vitest';
import { alignByEpoch } from '../../../src-core/compare/align-by-epoch';
import { epochs, makeRun } from './run-fixtures';
import { withForkStarts } from '../../../src-core/compare/wall-time';

describe('alignByEpoch', () => {
  it('puts runs of different lengths on the union of their epochs, null after a run stops', () => {
    const long = makeRun({ id: 'a', metrics: epochs([0.9, 0.7, 0.5, 0.4]) });
    const short = makeRun({ id: 'b', metrics: epochs([0.8, 0.6]) });
    const aligned = alignByEpoch([long, short], 'loss');
    expect(aligned.epochs).toEqual([1, 2, 3, 4]);
    expect(aligned.series).toEqual([
      { runId: 'a', name: 'run a', values: [0.9, 0.7, 0.5, 0.4] },
      { runId: 'b', name: 'run b', values: [0.8, 0.6, null, null] },
    ]);
  });

  it('fills gaps where a run skips an epoch and sorts epochs that arrive out of order', () => {
    const run = makeRun({
      id: 'a',
      metrics: [
        { epoch: 3, loss: 0.3, lr: 0.1, seconds: 1 },
        { epoch: 1, loss: 0.5, lr: 0.1, seconds: 1 },
      ],
    });
    const other = makeRun({ id: 'b', metrics: epochs([0.6, 0.4]) });
    const aligned = alignByEpoch([run, other], 'loss');
    expect(aligned.epochs).toEqual([1, 2, 3]);
    expect(aligned.series[0]!.values).toEqual([0.5, null, 0.3]);
    expect(aligned.series[1]!.values).toEqual([0.6, 0.4, null]);
  });

  it('gives null for a metric the run did not record and for NaN or Infinity', () => {
    const run = makeRun({ id: 'a', metrics: epochs([0.5, NaN, Infinity], { valAccuracy: [0.7, 0.8, 0.9] }) });
    expect(alignByEpoch([run], 'loss').series[0]!.values).toEqual([0.5, null, null]);
    expect(alignByEpoch([run], 'valAccuracy').series[0]!.values).toEqual([0.7, 0.8, 0.9]);
    expect(alignByEpoch([run], 'valLoss').series[0]!.values).toEqual([null, null, null]);
  });

  it('returns an empty axis for no runs and for runs without epochs', () => {
    expect(alignByEpoch([], 'loss')).toEqual({ metric: 'loss', epochs: [], series: [] });
    const empty = alignByEpoch([makeRun({ id: 'q', status: 'queued', metrics: [] })], 'accuracy');
    expect(empty.epochs).toEqual([]);
    expect(empty.series).toEqual([{ runId: 'q', name: 'run q', values: [] }]);
  });

  it('handles 20 runs of 200 epochs each', () => {
    const runs = Array.from({ length: 20 }, (_, r) =>
      makeRun({ id: `r${r}`, metrics: epochs(Array.from({ length: 200 - r }, (_, e) => 1 / (e + 1 + r))) }),
    );
    const aligned = alignByEpoch(runs, 'loss');
    expect(aligned.epochs).toHaveLength(200);
    expect(aligned.series[19]!.values[180]).toBeCloseTo(1 / 200, 12);
    expect(aligned.series[19]!.values[181]).toBeNull();
  });
});

describe('withForkStarts', () => {
  it('puts the parent’s fork epoch in front of a fork’s own epochs, its wall time counted on from there', () => {
    const at = (epoch: number, loss: number, elapsed: number) => ({ epoch, loss, lr: 0.1, seconds: 1, elapsed });
    const parent = { id: 'p', name: 'P', metrics: [at(1, 1, 1), at(2, 0.8, 2), at(3, 0.7, 3)] };
    const fork = { id: 'f', name: 'F', parentRunId: 'p', metrics: [at(3, 0.5, 1), at(4, 0.4, 2)] };
    const stray = { id: 's', name: 'S', parentRunId: 'elsewhere', metrics: [at(5, 0.3, 1)] };
    const [p, f, s] = withForkStarts([parent, fork, stray]);
    expect(p).toBe(parent);
    expect(s).toBe(stray);
    expect(f!.metrics.map((m) => [m.epoch, m.loss, m.elapsed])).toEqual([
      [2, 0.8, 2],
      [3, 0.5, 3],
      [4, 0.4, 4],
    ]);
  });
});
