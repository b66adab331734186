import type { TaskKind } from '../../contract/run-config';

/** How a column is read, and whether it feeds the model. Every choice carries its reason. */

export const columnKinds = ['numeric', 'boolean', 'categorical', 'text', 'id', 'constant', 'empty'] as const;
export type ColumnKind = (typeof columnKinds)[number];
export type ColumnUse = 'feature' | 'target' | 'excluded';

export interface ColumnInfo {
  name: string;
  /** Position in the table. */
  index: number;
  kind: ColumnKind;
  use: ColumnUse;
  /** Why the column got this kind and use, in words for the user. */
  reason: string;
  missing: number;
  /** Distinct present values. */
  distinct: number;
  min?: number;
  max?: number;
  mean?: number;
  std?: number;
  /** Every value is an integer (numeric columns). */
  integer?: boolean;
  /** Sorted categories (categorical and boolean columns; boolean is ['false', 'true'] in the file's words). */
  categories?: string[];
}

export interface TargetPlan {
  /** One name, or several for multi-output regression and multi-label tasks. */
  names: string[];
  task: TaskKind;
  /** Class names in index order (classification), or the label columns (multilabel). */
  classes?: string[];
  /** Rows whose target is missing: left out of training. */
  missing: number;
}

export interface ImagePlan {
  /** (C, H, W) */
  shape: [number, number, number];
  /** Pixels are divided by this (1, 16 or 255) to land in [0, 1]. */
  pixelScale: number;
}

export interface DatasetPlan {
  fileName: string;
  rows: number;
  columns: ColumnInfo[];
  target: TargetPlan;
  image?: ImagePlan;
}
