import { describe, expect, it } from 'vitest';
import { brushedRuns, parallelCoordinates, settingScatter } from '../../../src-core/compare/parallel-coordinates';
import type { ComparisonRow } from '../../../src-core/compare/comparison-table';

const runs = [
  { id: 'a', name: 'A' },
  { id: 'b', name: 'B' },
  { id: 'c', name: 'C' },
];
const row = (runId: string, final: number | null, best = final): ComparisonRow => ({
  runId,
  name: runId,
  seed: 0,
  metric: 'valAccuracy',
  final: final === null ? null : { epoch: 5, value: final },
  best: best === null ? null : { epoch: 3, value: best },
  epochs: 5,
  trainingSeconds: 1,
});

describe('parallel coordinates', () => {
  const diff = [
    { path: 'seed', values: [1, 2, 3] },
    { path: 'train.optimizer.lr', values: [0.001, 0.01, 0.1] },
    { path: 'train.optimizer.type', values: ['adam', 'sgd', 'adam'] },
    { path: 'train.l2', values: [undefined, 0.5, 1] },
  ];
  const data = parallelCoordinates(runs, diff, [row('a', 0.8, 0.85), row('b', 0.9), row('c', null)], 'valAccuracy');

  it('has an axis per differing setting (the seed aside), then the metric in points; the best run marked', () => {
    expect(data.axes.map((a) => [a.key, a.kind, a.log ?? false])).toEqual([
      ['train.optimizer.lr', 'value', true],
      ['train.optimizer.type', 'category', false],
      ['train.l2', 'value', false],
      ['valAccuracy', 'value', false],
    ]);
    expect(data.axes[1]!.categories).toEqual(['adam', 'sgd']);
    expect(data.axes[3]!.name).toBe('Final validation accuracy');
    expect(data.rows[0]!.values).toEqual([0.001, 'adam', null, 80]);
    expect(data.rows[2]!.values[3]).toBeNull();
    expect(data.bestRunId).toBe('b');
  });

  it('takes the best value when asked, and a loss is best when lowest', () => {
    expect(parallelCoordinates(runs, diff, [row('a', 0.8, 0.95), row('b', 0.9), row('c', null)], 'valAccuracy', 'best').bestRunId).toBe('a');
    const losses = [row('a', 0.3), row('b', 0.2), row('c', 0.5)].map((r) => ({ ...r, metric: 'loss' as const }));
    expect(parallelCoordinates(runs, diff, losses, 'loss').bestRunId).toBe('b');
  });

  it('brushing keeps the runs inside every brushed axis; category intervals are indices; missing values fail', () => {
    expect(brushedRuns(data, new Map())).toEqual(['a', 'b', 'c']);
    expect(brushedRuns(data, new Map([[0, [[0.005, 0.2]] as [number, number][]]]))).toEqual(['b', 'c']);
    expect(brushedRuns(data, new Map([[0, [[0.2, 0.005]] as [number, number][]], [1, [[-0.5, 0.5]] as [number, number][]]]))).toEqual(['c']);
    expect(brushedRuns(data, new Map([[3, [[70, 100]] as [number, number][]]]))).toEqual(['a', 'b']);
    expect(brushedRuns(data, new Map([[2, [[0, 10]] as [number, number][]]]))).toEqual(['b', 'c']);
  });

  it('scatters one setting against the metric, a point per run that has both, the best run marked', () => {
    const lr = settingScatter(data, 0);
    expect(lr.setting.key).toBe('train.optimizer.lr');
    expect(lr.metric.name).toBe('Final validation accuracy');
    expect(lr.points.map((p) => [p.runId, p.x, p.y, p.best])).toEqual([
      ['a', 0.001, 80, false],
      ['b', 0.01, 90, true],
    ]);
    expect(lr.missing).toBe(1);
    expect(settingScatter(data, 1).points.map((p) => p.x)).toEqual(['adam', 'sgd']);
    expect(settingScatter(data, 2).points.map((p) => p.runId)).toEqual(['b']);
    expect(() => settingScatter(data, 3)).toThrow(/axis 3 is not a setting/);
  });
});
