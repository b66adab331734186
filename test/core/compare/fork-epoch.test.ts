import { describe, expect, it } from 'vitest';
import { forkEpochs, fromForkEpoch, parseForkEpoch } from '../../../src-core/compare/fork-epoch';
import { comparisonTable, type ComparisonRow } from '../../../src-core/compare/comparison-table';
import { summarizeRun } from '../../../src-core/compare/summary';
import { verdictFromValues } from '../../../src-core/compare/verdict';
import { epochs } from './run-fixtures';

const row: ComparisonRow = { runId: 'a', name: 'A', seed: 1, metric: 'valAccuracy', final: { epoch: 10, value: 0.8 }, best: { epoch: 6, value: 0.9 }, epochs: 10, trainingSeconds: 2 };

describe('fork epochs', () => {
  it('offers the run’s last epoch and its best by the metric compared', () => {
    expect(forkEpochs([row], 'a', 'valAccuracy')).toEqual({ last: 10, best: 6 });
    expect(forkEpochs([row], 'a', 'loss')).toEqual({ last: 10, best: null });
    expect(forkEpochs([row], 'b', 'valAccuracy')).toBeNull();
  });
  it('takes a whole epoch from 1 to the last, and says what is wrong otherwise', () => {
    expect(parseForkEpoch(' 4 ', 10)).toEqual({ value: 4 });
    expect(parseForkEpoch('11', 10)).toEqual({ problem: 'Give an epoch from 1 to 10.' });
    expect(parseForkEpoch('0', 10)).toEqual({ problem: 'Give an epoch from 1 to 10.' });
    expect(parseForkEpoch('2.5', 10)).toEqual({ problem: 'Give a whole epoch number.' });
    expect(parseForkEpoch('', 10)).toEqual({ problem: 'Give a whole epoch number.' });
  });
});

describe('a fork compared with its parent', () => {
  const parent = { id: 'p', name: 'parent', metrics: epochs([0.9, 0.2, 0.5, 0.6, 0.7, 0.65]) };
  // Forked at epoch 3: its own epochs are 4 to 6.
  const child = { id: 'c', name: 'fork', parentRunId: 'p', metrics: epochs([0, 0, 0, 0.4, 0.45, 0.5]).slice(3) };

  it('counts the parent from the fork epoch on, so its best before the fork is not evidence', () => {
    expect(summarizeRun(parent, 'loss').best).toEqual({ epoch: 2, value: 0.2 });
    const counted = fromForkEpoch([parent, child]);
    expect(counted.forkEpoch).toBe(3);
    expect(counted.runs[0]!.metrics.map((m) => m.epoch)).toEqual([3, 4, 5, 6]);
    expect(counted.runs[1]).toBe(child);
    const table = comparisonTable(counted.runs.map((r) => ({ ...r, seed: 1 })), 'loss');
    expect(table[0]!.best).toEqual({ epoch: 3, value: 0.5 });
    expect(table[0]!.final).toEqual({ epoch: 6, value: 0.65 });
  });
  it('leaves runs alone when no fork’s parent is among them, and re-runs (numbered from 1) are no forks', () => {
    expect(fromForkEpoch([child]).forkEpoch).toBeNull();
    const rerun = { id: 'r', name: 're-run', parentRunId: 'p', metrics: epochs([0.9, 0.3]) };
    expect(fromForkEpoch([parent, rerun])).toEqual({ runs: [parent, rerun], forkEpoch: null });
  });
  it('says "from epoch k on" in the verdict sentence', () => {
    const v = verdictFromValues([{ seed: 1, value: 0.5 }], [{ seed: 1, value: 0.6 }], 'loss', { nameA: 'fork', nameB: 'parent', fromEpoch: 3 });
    expect(v.fromEpoch).toBe(3);
    expect(v.sentence).toContain('training loss from epoch 3 on');
  });
});
