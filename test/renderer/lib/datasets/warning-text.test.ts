import { describe, expect, it } from 'vitest';
import { warningCodes } from '../../../../src-core/data/doctor/dataset-report';
import { explainWarnings } from '../../../../src-renderer/lib/datasets/warning-text';

describe('explainWarnings', () => {
  it('puts the most serious first, keeping the report’s order within a severity', () => {
    const explained = explainWarnings([
      { code: 'id_column', message: 'id', column: 'row_id' },
      { code: 'imbalance', message: 'imbalanced' },
      { code: 'leakage', message: 'leaks', column: 'code' },
      { code: 'duplicate_rows', message: 'dups' },
    ]);
    expect(explained.map((w) => w.code)).toEqual(['leakage', 'imbalance', 'id_column', 'duplicate_rows']);
    expect(explained[0]).toMatchObject({ title: 'Possible leakage', severity: 'high', message: 'leaks', column: 'code' });
  });

  it('explains every warning the doctor can give', () => {
    for (const code of warningCodes) {
      const [warning] = explainWarnings([{ code, message: 'm' }]);
      expect(warning!.title.length).toBeGreaterThan(3);
      expect(warning!.explain.length).toBeGreaterThan(20);
    }
  });
});
