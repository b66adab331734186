import { describe, expect, it } from 'vitest';
import type { DatasetPlan } from '../../../../src-core/data/columns/column-plan';
import { draftFromPlan, draftProblem, overridesFromDraft } from '../../../../src-renderer/lib/datasets/column-draft';

const plan: DatasetPlan = {
  fileName: 'flowers.csv',
  rows: 150,
  columns: [
    { name: 'row_id', index: 0, kind: 'id', use: 'excluded', reason: 'id', missing: 0, distinct: 150 },
    { name: 'length', index: 1, kind: 'numeric', use: 'feature', reason: 'numbers', missing: 0, distinct: 40 },
    { name: 'code', index: 2, kind: 'numeric', use: 'feature', reason: 'integers', missing: 0, distinct: 3 },
    { name: 'species', index: 3, kind: 'categorical', use: 'target', reason: 'target', missing: 0, distinct: 3 },
  ],
  target: { names: ['species'], task: 'classification', classes: ['a', 'b', 'c'], missing: 0 },
};

const setColumn = (draft: ReturnType<typeof draftFromPlan>, name: string, change: Partial<{ kind: 'numeric' | 'categorical'; use: 'feature' | 'target' | 'excluded' }>) => {
  Object.assign(draft.columns.find((c) => c.name === name)!, change);
  return draft;
};

describe('overridesFromDraft', () => {
  it('is null while nothing changed', () => {
    expect(overridesFromDraft('ds', plan, draftFromPlan(plan))).toBeNull();
  });

  it('sends only what changed: an excluded column, a kind', () => {
    const draft = setColumn(setColumn(draftFromPlan(plan), 'code', { use: 'excluded' }), 'length', { kind: 'categorical' });
    expect(overridesFromDraft('ds', plan, draft)).toEqual({ id: 'ds', kinds: { length: 'categorical' }, use: { code: 'excluded' } });
  });

  it('moves the target and says what the old target becomes', () => {
    const draft = setColumn(setColumn(draftFromPlan(plan), 'code', { use: 'target' }), 'species', { use: 'excluded' });
    draft.task = 'regression';
    expect(overridesFromDraft('ds', plan, draft)).toEqual({ id: 'ds', target: 'code', task: 'regression', use: { species: 'excluded' } });
  });

  it('sends several targets as a list', () => {
    const draft = setColumn(draftFromPlan(plan), 'code', { use: 'target' });
    expect(overridesFromDraft('ds', plan, draft)?.target).toEqual(['code', 'species']);
  });
});

describe('draftProblem', () => {
  it('asks for a target and for a feature', () => {
    expect(draftProblem(draftFromPlan(plan))).toBeNull();
    expect(draftProblem(setColumn(draftFromPlan(plan), 'species', { use: 'excluded' }))).toMatch(/Pick a target column/);
    const noFeatures = setColumn(setColumn(draftFromPlan(plan), 'length', { use: 'excluded' }), 'code', { use: 'excluded' });
    expect(draftProblem(noFeatures)).toMatch(/at least one feature/);
  });
});
