import { dataSetupSchema, type columnImputations, type columnScalings, type DataSetup } from '../contract/run-config';
import type { DatasetPlan } from '../data/columns/column-plan';
import { fieldIssues, type FieldIssue } from './field-issues';
import type { TrainingField } from './training-options';

/**
 * The Training tab's Data group: the split (validation and test percentages, stratified) and, per feature column of
 * an imported table, its scaling and missing-value policy, kept as typed and read into `runs.start`'s `data`. The
 * app's defaults (20 % validation, no test, stratified, standard scaling, rows with a gap dropped) are sent as no
 * set-up at all, so such a run is exactly what it was before the group existed.
 */

export type ColumnScaling = (typeof columnScalings)[number];
export type ColumnImputation = (typeof columnImputations)[number];

export interface DataSetupFormValues {
  /** Percentages as typed. */
  validation: string;
  test: string;
  stratified: boolean;
  /** Per column name; a column not here is standard and drops its gaps. */
  columns: Record<string, { scaling: ColumnScaling; missing: ColumnImputation }>;
}

export const initialDataSetupForm: DataSetupFormValues = { validation: '20', test: '0', stratified: true, columns: {} };

/** One feature column of the table: scaling applies to numeric ones; every one may have gaps to fill. */
export interface DataSetupColumn {
  name: string;
  kind: string;
  numeric: boolean;
  /** Rows where it is missing, in the whole file. */
  missing: number;
}

/** The feature columns of an imported table (none for images: their pixels are scaled by the plan). */
export function dataSetupColumns(plan: DatasetPlan): DataSetupColumn[] {
  if (plan.image) return [];
  return plan.columns.filter((c) => c.use === 'feature').map((c) => ({ name: c.name, kind: c.kind, numeric: c.kind === 'numeric', missing: c.missing }));
}

export const splitFields: { validation: TrainingField; test: TrainingField; stratified: TrainingField } = {
  validation: { path: 'data.validation', label: 'Validation %', hint: 'Rows held out to watch for over-fitting while training; 10-30 % is usual.', advanced: false, input: 'number', default: 20 },
  test: { path: 'data.test', label: 'Test %', hint: 'Rows kept out of training and validation alike, for a last honest score; 0 keeps none.', advanced: false, input: 'number', default: 0 },
  stratified: { path: 'data.stratified', label: 'Stratified split', hint: 'Each class keeps its share in every part: fairer scores when classes are unbalanced.', advanced: false, input: 'boolean', default: true },
};

export const scalingHint = 'Scale your inputs: standard for most features, min-max for bounded ones (0 to 1), none when they are already small.';
export const imputationHint = 'A missing value drops its row, or is filled from the training rows: mean, median (robust to outliers) or most frequent.';

export const scalingLabels: Record<ColumnScaling, string> = { standard: 'Standard', minmax: 'Min-max', none: 'None' };
export const imputationLabels: Record<ColumnImputation, string> = { drop: 'Drop row', mean: 'Mean', median: 'Median', most_frequent: 'Most frequent' };

/** A column's settings in the form (the defaults when it has none of its own). */
export function columnSetting(values: DataSetupFormValues, name: string): { scaling: ColumnScaling; missing: ColumnImputation } {
  return values.columns[name] ?? { scaling: 'standard', missing: 'drop' };
}

/** The form with one column's scaling or imputation changed; a column back at both defaults leaves the map. */
export function withColumnSetting(values: DataSetupFormValues, name: string, change: Partial<{ scaling: ColumnScaling; missing: ColumnImputation }>): DataSetupFormValues {
  const next = { ...columnSetting(values, name), ...change };
  const columns = { ...values.columns };
  if (next.scaling === 'standard' && next.missing === 'drop') delete columns[name];
  else columns[name] = next;
  return { ...values, columns };
}

function percent(text: string, field: string, issues: FieldIssue[]): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < 0 || value >= 100) {
    issues.push({ field, message: 'must be a percentage from 0 to below 100' });
    return undefined;
  }
  return value / 100;
}

/**
 * Reads the group into `runs.start`'s `data` (undefined at the app's defaults), with a message per field: a
 * percentage out of range, or validation and test that leave no rows to train on. Columns not in `columns` (another
 * dataset's) are dropped; for a regression, stratification does not apply and is not sent.
 */
export function readDataSetupForm(values: DataSetupFormValues, columns: readonly DataSetupColumn[], classification: boolean): { setup?: DataSetup; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const validation = percent(values.validation, 'data.validation', issues) ?? 0.2;
  const test = percent(values.test, 'data.test', issues) ?? 0;
  if (issues.length) return { issues };
  const known = new Map(columns.map((c) => [c.name, c]));
  const chosen = Object.entries(values.columns).flatMap(([name, s]) => {
    const column = known.get(name);
    if (!column) return [];
    const scaling = column.numeric ? s.scaling : 'standard';
    if (scaling === 'standard' && s.missing === 'drop') return [];
    return [[name, { ...(scaling !== 'standard' ? { scaling } : {}), ...(s.missing !== 'drop' ? { missing: s.missing } : {}) }] as const];
  });
  const setup: DataSetup = {
    ...(validation !== 0.2 ? { validation } : {}),
    ...(test !== 0 ? { test } : {}),
    ...(classification && !values.stratified ? { stratified: false } : {}),
    ...(chosen.length ? { columns: Object.fromEntries(chosen) } : {}),
  };
  const schemaIssues = fieldIssues(dataSetupSchema, setup, 'data');
  if (schemaIssues.length) return { issues: schemaIssues.map((i) => (i.field === 'data.test' && /leave some rows/.test(i.message) ? { ...i, message: 'with validation, leaves no rows to train on: together they must stay below 100 %' } : i)) };
  return Object.keys(setup).length ? { setup, issues } : { issues };
}

/** A stored run's set-up back into the form (Duplicate & edit); none: the defaults. */
export function dataSetupFormOf(setup: DataSetup | undefined): DataSetupFormValues {
  const columns: DataSetupFormValues['columns'] = {};
  for (const [name, s] of Object.entries(setup?.columns ?? {})) columns[name] = { scaling: s.scaling ?? 'standard', missing: s.missing ?? 'drop' };
  return {
    validation: String(round((setup?.validation ?? 0.2) * 100)),
    test: String(round((setup?.test ?? 0) * 100)),
    stratified: setup?.stratified !== false,
    columns,
  };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The split in words, for the run shown or the form ("30 % validation, 10 % test, stratified by class"). */
export function setupDescription(setup: DataSetup | undefined, classification: boolean): string {
  const validation = round((setup?.validation ?? 0.2) * 100);
  const test = round((setup?.test ?? 0) * 100);
  const stratified = classification && setup?.stratified !== false ? ', stratified by class' : '';
  const held = test > 0 ? `${validation} % of the rows are held out for validation and ${test} % for the test` : `${validation} % of the rows are held out for validation`;
  const scaled = Object.keys(setup?.columns ?? {}).length;
  const columns = scaled ? `; ${scaled === 1 ? '1 column has its' : `${scaled} columns have their`} own scaling or gap filling` : '';
  return `${held}${stratified}, the same rows for every run with this split (split seed 42)${columns}.`;
}
