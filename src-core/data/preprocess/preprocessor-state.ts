import type { TaskKind } from '../../contract/run-config';

/**
 * A fitted preprocessor as plain JSON: stored with a model so that predicting on a new CSV applies
 * exactly the transform fitted on the training rows.
 */

export const scalingNames = ['standard', 'minmax', 'none'] as const;
export type Scaling = (typeof scalingNames)[number];
export const missingPolicies = ['drop', 'mean', 'median', 'most_frequent'] as const;
export type MissingPolicy = (typeof missingPolicies)[number];

/** out = (value − offset) / scale; a missing value becomes `fill` first (or drops the row when fill is null). */
export interface NumericTransform {
  kind: 'numeric';
  column: string;
  scaling: Scaling;
  offset: number;
  scale: number;
  fill: number | null;
}

/** 1 for the true word, 0 for the false word (compared trimmed, in lower case). */
export interface BooleanTransform {
  kind: 'boolean';
  column: string;
  falseWord: string;
  trueWord: string;
  fill: 0 | 1 | null;
}

/** One-hot over the training categories; an unseen category is all zeros and reported. */
export interface CategoricalTransform {
  kind: 'categorical';
  column: string;
  categories: string[];
  fill: string | null;
}

/** Image rows: every pixel column divided by `pixelScale`, laid out (C, H, W). */
export interface PixelTransform {
  kind: 'pixels';
  columns: string[];
  shape: [number, number, number];
  pixelScale: number;
}

export type FeatureTransform = NumericTransform | BooleanTransform | CategoricalTransform | PixelTransform;

export interface TargetTransform {
  task: TaskKind;
  columns: string[];
  /** Classification: class names in index order. Multilabel: the label columns. */
  classes?: string[];
}

export interface PreprocessorState {
  format: 'nn-lab-preprocessor';
  version: 1;
  missing: MissingPolicy;
  features: FeatureTransform[];
  target: TargetTransform;
  /** Per-sample input shape: [features] for tables, [C, H, W] for images. */
  inputShape: number[];
  /** The name of each input feature after one-hot expansion ("color=red"). */
  featureNames: string[];
}

/** What applying a preprocessor noticed: nothing here stops it. */
export interface ApplyReport {
  /** Rows left out (a missing value under the drop policy, a missing or unknown target). */
  droppedRows: number;
  /** The first few dropped rows' file lines. */
  droppedLines: number[];
  /** Cells filled in by the missing-value policy. */
  imputed: number;
  /** Categories or classes never seen in training. */
  unseen: Array<{ column: string; value: string; count: number; firstLine: number }>;
}
