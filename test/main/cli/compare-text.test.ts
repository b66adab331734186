import { describe, expect, it } from 'vitest';
import { verdictFromValues } from '../../../src-core/compare/index';
import type { RunComparison } from '../../../src-core/contract/runs-api';
import { comparisonText } from '../../../src-main/cli/commands/compare-text';

describe('comparisonText', () => {
  it('prints a verdict with no test to run (identical runs) without the detail rows', () => {
    const sv = (values: number[]) => values.map((value, i) => ({ seed: i + 1, value }));
    const verdict = verdictFromValues(sv([0.9, 0.8]), sv([0.9, 0.8]), 'valAccuracy', { nameA: 'adam', nameB: 'sgd' });
    const comparison = { runs: [], metric: 'valAccuracy', curves: [], groups: [], configDiff: [], summaries: [], table: [], verdict } as unknown as RunComparison;
    expect(comparisonText(comparison, [])).toBe(
      '0 runs on validation accuracy (valAccuracy):\n\n' +
        'RUN  NAME  SEED  GROUP  FINAL  EPOCH  BEST  EPOCH  TIME\n\n' +
        'Groups (runs that differ only by seed): 0\n\n' +
        'Verdict (adam vs sgd, final validation accuracy, higher is better):\n' +
        '  No difference between adam and sgd on validation accuracy: the same final value on all 2 seeds.\n',
    );
  });
});
