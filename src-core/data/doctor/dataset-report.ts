import type { TaskKind } from '../../contract/run-config';
import type { ColumnKind, ColumnUse } from '../columns/column-plan';
import type { Histogram } from '../histogram';

/** What the dataset doctor found: a summary per column and warnings in words. */

export type { Histogram } from '../histogram';

export interface ColumnSummary {
  name: string;
  kind: ColumnKind;
  use: ColumnUse;
  missing: number;
  /** ±Infinity values (numeric columns). */
  nonFinite: number;
  min?: number;
  max?: number;
  mean?: number;
  std?: number;
  histogram?: Histogram;
  /** The most frequent values with their counts (text columns), most frequent first. */
  topValues?: Array<{ value: string; count: number }>;
}

export const warningCodes = [
  'missing_values',
  'missing_target',
  'non_finite',
  'unscaled',
  'imbalance',
  'leakage',
  'id_column',
  'possible_id',
  'duplicate_rows',
  'train_test_overlap',
] as const;
export type WarningCode = (typeof warningCodes)[number];

export interface DatasetWarning {
  code: WarningCode;
  message: string;
  column?: string;
}

export interface DatasetReport {
  fileName: string;
  rows: number;
  columnCount: number;
  task: TaskKind;
  target: string[];
  /** Rows per class, in class order (classification and multilabel). */
  classBalance?: Array<{ name: string; count: number }>;
  columns: ColumnSummary[];
  duplicateRows: number;
  /** Evaluation rows (validation and test) identical in their features to a training row; present when a split was given. */
  overlapRows?: number;
  warnings: DatasetWarning[];
}
