import { describe, expect, it } from 'vitest';
import { bandsForGroup, configKey, groupBySeed } from '../../../src-core/compare/seed-groups';
import { epochs, makeRun, train } from './run-fixtures';

describe('groupBySeed', () => {
  it('groups runs that differ only by seed, name, id and timestamps; keeps first-seen order', () => {
    const runs = [
      makeRun({ id: 'a1', seed: 1, train: { ...train, seed: 1 } }),
      makeRun({ id: 'b1', seed: 1, train: { ...train, optimizer: { type: 'adam', lr: 0.1 } } }),
      makeRun({ id: 'a2', seed: 2, name: 'renamed', createdAt: '2026-11-22T00:00:00.000Z', train: { ...train, seed: 2 } }),
      makeRun({ id: 'a3', seed: 3 }), // seed drawn at random: no train.seed
    ];
    const groups = groupBySeed(runs);
    expect(groups.map((g) => g.runs.map((r) => r.id))).toEqual([['a1', 'a2', 'a3'], ['b1']]);
    expect(groups[0]!.seeds).toEqual([1, 2, 3]);
    expect(groups[0]!.config.train).not.toHaveProperty('seed');
    expect(groups[1]!.config.train.optimizer).toEqual({ type: 'adam', lr: 0.1 });
  });

  it('keys do not depend on the order keys were written in', () => {
    const a = makeRun({ id: 'a', train: { loss: 'mse', optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9 }, batchSize: 8, epochs: 3 } });
    const b = makeRun({ id: 'b', train: { epochs: 3, batchSize: 8, optimizer: { momentum: 0.9, lr: 0.1, type: 'sgd' }, loss: 'mse' } });
    expect(configKey(a)).toBe(configKey(b));
    expect(groupBySeed([a, b])).toHaveLength(1);
  });

  it('separates runs on different datasets, tasks, models or planned epochs', () => {
    const base = makeRun({ id: 'base' });
    const others = [
      makeRun({ id: 'data', datasetName: 'spirals' }),
      makeRun({ id: 'task', task: 'regression' }),
      makeRun({ id: 'model', spec: { input: [2], layers: [{ type: 'dense', units: 2 }] } }),
      makeRun({ id: 'epochs', train: { ...train, epochs: 50 } }),
    ];
    expect(groupBySeed([base, ...others])).toHaveLength(5);
  });

  it('returns no groups for no runs', () => {
    expect(groupBySeed([])).toEqual([]);
  });
});

describe('bandsForGroup', () => {
  it('gives per-epoch mean, sample std (n − 1), min, max and n', () => {
    // Epoch 1: 1, 2, 3 → mean 2, std √(((1)²+0+(1)²)/2) = 1. Epoch 2: 0.5, 0.5, 2 → mean 1, std √((0.25+0.25+1)/2) = √0.75.
    const group = {
      runs: [
        makeRun({ id: 'a', metrics: epochs([1, 0.5]) }),
        makeRun({ id: 'b', metrics: epochs([2, 0.5]) }),
        makeRun({ id: 'c', metrics: epochs([3, 2]) }),
      ],
    };
    const { points } = bandsForGroup(group, 'loss');
    expect(points).toHaveLength(2);
    expect(points[0]).toEqual({ epoch: 1, n: 3, mean: 2, std: 1, min: 1, max: 3 });
    expect(points[1]!.mean).toBeCloseTo(1, 15);
    expect(points[1]!.std).toBeCloseTo(Math.sqrt(0.75), 15);
    expect(points[1]).toMatchObject({ epoch: 2, n: 3, min: 0.5, max: 2 });
  });

  it('uses std 0 for a single run and counts fewer runs where some stopped early', () => {
    const group = {
      runs: [makeRun({ id: 'a', metrics: epochs([4, 3, 2]) }), makeRun({ id: 'b', metrics: epochs([6]) })],
    };
    const { points } = bandsForGroup(group, 'loss');
    expect(points.map((p) => p.n)).toEqual([2, 1, 1]);
    expect(points[0]).toMatchObject({ mean: 5, min: 4, max: 6 });
    expect(points[0]!.std).toBeCloseTo(Math.SQRT2, 15);
    expect(points[2]).toEqual({ epoch: 3, n: 1, mean: 2, std: 0, min: 2, max: 2 });
  });

  it('leaves NaN values out of the band instead of returning a NaN mean', () => {
    const group = {
      runs: [makeRun({ id: 'a', metrics: epochs([1, NaN]) }), makeRun({ id: 'b', metrics: epochs([3, 5]) })],
    };
    const { points } = bandsForGroup(group, 'loss');
    expect(points[1]).toEqual({ epoch: 2, n: 1, mean: 5, std: 0, min: 5, max: 5 });
  });

  it('has no points for a metric no run recorded, or for an empty group', () => {
    expect(bandsForGroup({ runs: [makeRun({ id: 'a', metrics: epochs([1, 2]) })] }, 'valAccuracy').points).toEqual([]);
    expect(bandsForGroup({ runs: [] }, 'loss')).toEqual({ metric: 'loss', points: [] });
  });
});
