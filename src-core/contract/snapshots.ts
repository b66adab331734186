import type { ModelSpec } from './model-spec';
import type { Tensor } from './tensor';

/**
 * What a run stores to replay what its network computes (issue 12): one frame per run (what does not change
 * between epochs: the probe rows, the plane and its points) and a snapshot at each planned epoch (what the
 * network computed then). Tensors travel and are stored as bytes (docs/FORMATS.md, "Run snapshots").
 */

/** The rows every snapshot is computed on: up to `probeRows` validation rows (the training rows without a validation split). */
export interface SnapshotFrame {
  task: 'classification' | 'regression';
  split: 'train' | 'validation';
  /** Rows in the split; `rows` below are the first of them (the split is shuffled already). */
  splitRows: number;
  /** Classes (0 for regression) and their names when the dataset has them. */
  classes: number;
  classNames?: string[];
  /** Row indices into the split, (n). */
  rows: Tensor<'int32'>;
  /** Each probe row's class, (n); regression: absent. */
  actual?: Tensor<'int32'>;
  /** The boundary's plane (two axes) or the curve's line (one axis); absent when the inputs are images or 1-D classification. */
  plane?: {
    kind: 'features' | 'pca';
    labels: string[];
    bounds: { min: number[]; max: number[] };
    /** (nx, ny) cells of the boundary grid, or the points of the curve. */
    resolution: number[];
    /** The probe rows on the plane, (n, axes). */
    points: Tensor<'float32'>;
    /** Up to `probeRows` training rows on the plane, (m, axes), with their classes (m) or targets (m). */
    trainPoints: Tensor<'float32'>;
    trainLabels: Tensor<'float32'>;
    /** Regression on one feature: the probe rows' targets, (n). */
    targets?: Tensor<'float32'>;
  };
  /** How a probe row is shown when a confusion cell is opened. */
  view:
    | { kind: 'table'; columns: string[]; values: Tensor<'float32'> } // (n, columns), in the data's own units
    | { kind: 'image'; height: number; width: number; pixels: Tensor<'uint8'> }; // (n, height·width), grey 0..255
  /**
   * Tables of more than two features: what drawing the boundary over any two of them (the others at their training
   * median) needs; each snapshot then carries its weights. Model input = (raw − offset) / scale per column.
   */
  pickable?: {
    spec: ModelSpec;
    names: string[];
    origin: Tensor<'float32'>; // (inputSize) the training medians, as model inputs
    transforms: Tensor<'float32'>; // (inputSize, 2) offset, scale
    min: Tensor<'float32'>; // (inputSize) raw span of the training rows
    max: Tensor<'float32'>;
  };
  /** Epochs the plan picked (the last epoch is stored however the run ends), and the byte budget it fits in. */
  plan: Tensor<'int32'>;
  budget: number;
}

/** What the network computed at one epoch, on the frame's rows and plane. */
export interface RunSnapshot {
  epoch: number;
  /** Classification over a plane: the predicted class and its confidence (×255) per cell, (ny, nx), row 0 at the lowest v. */
  boundary?: { classes: Tensor<'uint8'>; confidence: Tensor<'uint8'> };
  /** Regression on one feature: the fitted curve's outputs at the frame's `resolution[0]` points across the bounds. */
  curve?: Tensor<'float32'>;
  /** Classification: each probe row's predicted class and its confidence (×255), (n). */
  predicted?: Tensor<'uint8'>;
  confidence?: Tensor<'uint8'>;
  /** The last hidden layer's activations on the probe rows projected on their first two principal components, (n, 2). */
  hidden?: { layer: number; points: Tensor<'float32'>; varianceRatio: [number, number] };
  /** With a `pickable` frame: the weights at this epoch, each tensor of `layout` in order. */
  weights?: { layout: { key: string; shape: number[] }[]; data: Tensor<'float32'> };
}
