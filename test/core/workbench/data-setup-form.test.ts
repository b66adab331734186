import { describe, expect, it } from 'vitest';
import type { DatasetPlan } from '../../../src-core/data/columns/column-plan';
import {
  dataSetupColumns,
  dataSetupFormOf,
  initialDataSetupForm,
  readDataSetupForm,
  setupDescription,
  withColumnSetting,
} from '../../../src-core/workbench/data-setup-form';

const plan = {
  fileName: 'points.csv',
  rows: 300,
  columns: [
    { name: 'a', index: 0, kind: 'numeric', use: 'feature', reason: '', missing: 0, distinct: 300 },
    { name: 'colour', index: 1, kind: 'categorical', use: 'feature', reason: '', missing: 2, distinct: 2 },
    { name: 'id', index: 2, kind: 'id', use: 'excluded', reason: '', missing: 0, distinct: 300 },
    { name: 'side', index: 3, kind: 'categorical', use: 'target', reason: '', missing: 0, distinct: 2 },
  ],
  target: { names: ['side'], task: 'classification', classes: ['above', 'below'], missing: 0 },
} as DatasetPlan;
const columns = dataSetupColumns(plan);

describe('the Data group of the Training tab', () => {
  it('lists the feature columns, scaling only for numeric ones', () => {
    expect(columns).toEqual([
      { name: 'a', kind: 'numeric', numeric: true, missing: 0 },
      { name: 'colour', kind: 'categorical', numeric: false, missing: 2 },
    ]);
  });

  it('sends no set-up at the defaults, so the run is what it always was', () => {
    expect(readDataSetupForm(initialDataSetupForm, columns, true)).toEqual({ issues: [] });
  });

  it('reads a 30 %/10 % split, min-max on one column and median gaps on another', () => {
    let values = { ...initialDataSetupForm, validation: '30', test: '10' };
    values = withColumnSetting(values, 'a', { scaling: 'minmax' });
    values = withColumnSetting(values, 'colour', { missing: 'most_frequent' });
    expect(readDataSetupForm(values, columns, true)).toEqual({
      setup: { validation: 0.3, test: 0.1, columns: { a: { scaling: 'minmax' }, colour: { missing: 'most_frequent' } } },
      issues: [],
    });
    // Back at both defaults, a column leaves the set-up.
    expect(withColumnSetting(values, 'a', { scaling: 'standard' }).columns).toEqual({ colour: { scaling: 'standard', missing: 'most_frequent' } });
  });

  it('stratification is sent off only for classification', () => {
    const values = { ...initialDataSetupForm, stratified: false };
    expect(readDataSetupForm(values, columns, true).setup).toEqual({ stratified: false });
    expect(readDataSetupForm(values, columns, false).setup).toBeUndefined();
  });

  it('names the field of a bad percentage, and of a split that leaves no rows to train on', () => {
    expect(readDataSetupForm({ ...initialDataSetupForm, validation: 'lots' }, columns, true).issues).toEqual([{ field: 'data.validation', message: 'must be a percentage from 0 to below 100' }]);
    expect(readDataSetupForm({ ...initialDataSetupForm, validation: '60', test: '40' }, columns, true).issues).toEqual([
      { field: 'data.test', message: 'with validation, leaves no rows to train on: together they must stay below 100 %' },
    ]);
  });

  it('a stored set-up fills the form back (Duplicate & edit) and reads as it was', () => {
    const setup = { validation: 0.3, test: 0.1, stratified: false, columns: { a: { scaling: 'minmax' as const } } };
    const form = dataSetupFormOf(setup);
    expect(form).toEqual({ validation: '30', test: '10', stratified: false, columns: { a: { scaling: 'minmax', missing: 'drop' } } });
    expect(readDataSetupForm(form, columns, true).setup).toEqual(setup);
    expect(dataSetupFormOf(undefined)).toEqual(initialDataSetupForm);
  });

  it('describes the split in words', () => {
    expect(setupDescription(undefined, true)).toBe('20 % of the rows are held out for validation, stratified by class, the same rows for every run with this split (split seed 42).');
    expect(setupDescription({ validation: 0.3, test: 0.1, columns: { a: { scaling: 'minmax' } } }, false)).toBe(
      '30 % of the rows are held out for validation and 10 % for the test, the same rows for every run with this split (split seed 42); 1 column has its own scaling or gap filling.',
    );
  });
});
