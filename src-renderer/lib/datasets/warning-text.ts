import type { DatasetWarning, WarningCode } from '../../../src-core/data/doctor/dataset-report';

/** What each of the doctor's warnings means for training, in plain words, and how serious it is. */
const explanations: Record<WarningCode, { title: string; explain: string; severity: 'high' | 'medium' | 'low' }> = {
  leakage: {
    title: 'Possible leakage',
    explain: 'A feature almost decides the answer on its own. If it is only known after the answer (or is the answer in disguise), the model will look perfect here and fail on new data. Exclude it unless you are sure.',
    severity: 'high',
  },
  train_test_overlap: {
    title: 'Evaluation rows seen in training',
    explain: 'Some validation rows have the same features as training rows, so validation scores will be too optimistic.',
    severity: 'high',
  },
  missing_target: {
    title: 'Rows without an answer',
    explain: 'Rows whose target is missing are left out of training.',
    severity: 'medium',
  },
  imbalance: {
    title: 'Imbalanced classes',
    explain: 'One class is much more common than another. A model can score well by always guessing the common class: look at per-class results, not accuracy alone.',
    severity: 'medium',
  },
  missing_values: {
    title: 'Missing values',
    explain: 'Rows with a missing feature are dropped (unless the value is filled in), so training sees fewer rows.',
    severity: 'medium',
  },
  non_finite: {
    title: 'Infinite values',
    explain: 'A column holds ±Infinity, which breaks scaling and the arithmetic of training.',
    severity: 'medium',
  },
  unscaled: {
    title: 'Features on very different scales',
    explain: 'Some features span values thousands of times larger than others. NN Lab standardises numeric features, but check the units make sense.',
    severity: 'low',
  },
  id_column: {
    title: 'Id column',
    explain: 'A column that numbers the rows tells the model nothing about new rows; it is excluded.',
    severity: 'low',
  },
  possible_id: {
    title: 'Maybe an id',
    explain: 'Every row has its own whole number here. A quantity such as an age can look like that, so the column is kept; if it only names the rows, exclude it: an identifier tells the model nothing about new rows.',
    severity: 'low',
  },
  duplicate_rows: {
    title: 'Duplicated rows',
    explain: 'Rows that repeat earlier ones count twice in training and can land in both training and validation.',
    severity: 'low',
  },
};

export interface ExplainedWarning extends DatasetWarning {
  title: string;
  explain: string;
  severity: 'high' | 'medium' | 'low';
}

const order = { high: 0, medium: 1, low: 2 } as const;

/** The report's warnings with their explanations, the most serious first (stable within a severity). */
export function explainWarnings(warnings: readonly DatasetWarning[]): ExplainedWarning[] {
  return warnings
    .map((warning, i) => ({ ...warning, ...explanations[warning.code], i }))
    .sort((a, b) => order[a.severity] - order[b.severity] || a.i - b.i)
    .map(({ i: _i, ...warning }) => warning);
}
