import { describe, expect, it } from 'vitest';
import { comparisonTable, comparisonTableCsv } from '../../../src-core/compare/comparison-table';
import { epochs, makeRun } from './run-fixtures';

describe('comparisonTable', () => {
  const runs = [
    makeRun({ id: 'a', name: 'adam, "fast"', seed: 3, metrics: epochs([1, 0.5, 0.6], { valAccuracy: [0.6, 0.92, 0.9], seconds: [1.5, 2, 2.5] }) }),
    makeRun({ id: 'b', name: 'sgd', seed: 4, metrics: epochs([1, 0.8], { valAccuracy: [0.5, 0.7] }) }),
  ];

  it('lists final and best values with their epochs, training time and time to a target', () => {
    const rows = comparisonTable(runs, 'valAccuracy', 0.9);
    expect(rows[0]).toEqual({
      runId: 'a',
      name: 'adam, "fast"',
      seed: 3,
      metric: 'valAccuracy',
      final: { epoch: 3, value: 0.9 },
      best: { epoch: 2, value: 0.92 },
      epochs: 3,
      trainingSeconds: 6,
      target: { epoch: 2, seconds: 3.5, value: 0.92 },
    });
    expect(rows[1]!.target).toBeNull();
    expect(comparisonTable(runs, 'valLoss')[1]).toMatchObject({ final: null, best: null, trainingSeconds: 2 });
    expect('target' in comparisonTable(runs, 'loss')[0]!).toBe(false);
  });

  it('writes CSV with quoted names, empty cells for what a run lacks, and target columns only with a target', () => {
    expect(comparisonTableCsv(comparisonTable(runs, 'valAccuracy', 0.9))).toBe(
      [
        'run_id,name,seed,final_val_accuracy,final_epoch,best_val_accuracy,best_epoch,epochs,training_seconds,target_epoch,target_seconds',
        'a,"adam, ""fast""",3,0.9,3,0.92,2,3,6,2,3.5',
        'b,sgd,4,0.7,2,0.7,2,2,2,,',
        '',
      ].join('\n'),
    );
    expect(comparisonTableCsv(comparisonTable(runs, 'loss')).split('\n')[0]).toBe('run_id,name,seed,final_loss,final_epoch,best_loss,best_epoch,epochs,training_seconds');
  });

  it('carries a run’s held-out test score, with test columns in the CSV only when a run has one', () => {
    const withTest = [{ ...runs[0]!, test: { rows: 30, loss: 0.25, accuracy: 0.9 } }, runs[1]!];
    const rows = comparisonTable(withTest, 'valAccuracy');
    expect(rows[0]!.test).toEqual({ rows: 30, loss: 0.25, accuracy: 0.9 });
    expect('test' in rows[1]!).toBe(false);
    const csv = comparisonTableCsv(rows).split('\n');
    expect(csv[0]).toMatch(/,training_seconds,test_rows,test_loss,test_accuracy$/);
    expect(csv[1]).toMatch(/,6,30,0.25,0.9$/);
    expect(csv[2]).toMatch(/,2,,,$/);
  });
});
