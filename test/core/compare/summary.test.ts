import { describe, expect, it } from 'vitest';
import { metricDirection, metricNames } from '../../../src-core/compare/metric';
import { summarizeRun, summarizeRuns } from '../../../src-core/compare/summary';
import { epochs, makeRun } from './run-fixtures';

describe('metricDirection', () => {
  it('minimises losses and maximises accuracies', () => {
    expect(metricNames).toEqual(['loss', 'accuracy', 'valLoss', 'valAccuracy']);
    expect(metricNames.map(metricDirection)).toEqual(['min', 'max', 'min', 'max']);
  });
});

describe('summarizeRun', () => {
  const run = makeRun({ id: 'a', metrics: epochs([0.9, 0.3, 0.5, 0.3, 0.4], { valAccuracy: [0.6, 0.8, 0.9, 0.7, 0.85] }) });

  it('gives the lowest loss at its earliest epoch, and the final loss', () => {
    expect(summarizeRun(run, 'loss')).toEqual({
      runId: 'a',
      name: 'run a',
      metric: 'loss',
      direction: 'min',
      best: { epoch: 2, value: 0.3 },
      final: { epoch: 5, value: 0.4 },
      lastEpoch: 5,
    });
  });

  it('gives the highest accuracy', () => {
    const s = summarizeRun(run, 'valAccuracy');
    expect(s.best).toEqual({ epoch: 3, value: 0.9 });
    expect(s.final).toEqual({ epoch: 5, value: 0.85 });
  });

  it('for a run that diverged, the final value is the last finite one and lastEpoch shows the NaN epochs', () => {
    const diverged = makeRun({ id: 'd', status: 'diverged', metrics: epochs([0.8, 0.6, NaN, Infinity]) });
    const s = summarizeRun(diverged, 'loss');
    expect(s.best).toEqual({ epoch: 2, value: 0.6 });
    expect(s.final).toEqual({ epoch: 2, value: 0.6 });
    expect(s.lastEpoch).toBe(4);
  });

  it('has null best and final for an empty run or an unrecorded metric', () => {
    expect(summarizeRun(makeRun({ id: 'e' }), 'loss')).toMatchObject({ best: null, final: null, lastEpoch: null });
    expect(summarizeRun(run, 'valLoss')).toMatchObject({ best: null, final: null, lastEpoch: 5 });
  });

  it('lists several runs side by side in the order given', () => {
    const other = makeRun({ id: 'b', metrics: epochs([0.2]) });
    expect(summarizeRuns([other, run], 'loss').map((s) => [s.runId, s.best?.value, s.final?.value])).toEqual([
      ['b', 0.2, 0.2],
      ['a', 0.3, 0.4],
    ]);
  });
});
