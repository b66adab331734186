import { describe, expect, it } from 'vitest';
import { forkEpochs, parseForkEpoch } from '../../../src-core/compare/fork-epoch';
import type { ComparisonRow } from '../../../src-core/compare/comparison-table';

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
