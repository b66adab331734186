import { describe, expect, it } from 'vitest';
import { checklistCases, checklistWorkbench, runChecklistCase } from '../../../src-core/learn/index';

describe('the debugging checklist (the dataset doctor and the run diagnosis catch each case)', () => {
  it('unscaled inputs: the doctor warns before training', () => {
    const r = runChecklistCase('unscaled_inputs');
    expect(r.caughtBy).toBe('dataset doctor');
    expect(r.finding?.code).toBe('unscaled');
    expect(r.finding?.message).toMatch(/x2/);
    expect(r.fix).toMatch(/Standardise/);
  });

  it('a NaN in the data: the doctor counts the missing values of x1', () => {
    const r = runChecklistCase('nan_in_data');
    expect(r.finding?.code).toBe('missing_values');
    expect(r.finding?.message).toMatch(/'x1' has \d+ missing values/);
  });

  it('labels in the wrong rows: the diagnosis sees the loss stuck at chance', () => {
    const r = runChecklistCase('wrong_labels');
    expect(r.caughtBy).toBe('run diagnosis');
    expect(r.finding?.code).toBe('plateau');
    expect(r.finding?.advice).toBeTruthy();
    // the loss it read stays near ln 2 (chance for two classes); the doctor's cases train nothing
    expect(r.loss).toHaveLength(30);
    expect(Math.abs(r.loss.at(-1)! - Math.LN2)).toBeLessThan(0.05);
    expect(runChecklistCase('nan_in_data').loss).toEqual([]);
  });

  it('a learning rate far too high: the diagnosis raises the alarm', () => {
    const r = runChecklistCase('learning_rate_too_high');
    expect(r.finding?.code).toBe('learning_rate_too_high');
    expect(r.finding?.advice).toMatch(/learning rate/);
    expect(checklistWorkbench('learning_rate_too_high').train.optimizer).toEqual({ type: 'sgd', lr: 20 });
    expect(checklistCases.length).toBe(4);
  });
});
