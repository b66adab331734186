import type { BoundaryGrid } from '../../../src-core/insight/index';
import type { Gate } from '../../../src-core/learn/perceptron-vs-mlp';

/** What the page asks the gate worker: train both learners on `gate` for `epochs` epochs; `token` names the request. */
export interface GateRequest {
  token: number;
  gate: Gate;
  epochs: number;
  /** Milliseconds between epochs, so the training is watched (0 in tests of the frames). */
  pace: number;
}

/** One epoch of both learners as the worker posts it. */
export interface GateFrame {
  token: number;
  epoch: number;
  perceptronAccuracy: number;
  mlpAccuracy: number;
  /** P(class 1) over the plane, (res, res) each, row 0 at the lowest b. */
  perceptron: Float32Array;
  mlp: Float32Array;
  res: number;
  /** The training points (a, b, class), sent with epoch 1 only. */
  points?: Array<[number, number, number]>;
}

/** A boundary grid as the probability of class 1 in each cell (the grid holds the winning class and its confidence). */
export function classOneProbability(grid: BoundaryGrid): Float32Array {
  const { classes, confidence } = grid;
  const out = new Float32Array(classes.data.length);
  for (let i = 0; i < out.length; i++) out[i] = classes.data[i] === 1 ? confidence.data[i]! : 1 - confidence.data[i]!;
  return out;
}

/** Training rows of a two-input classification set as (a, b, class) triples. */
export function gatePoints(train: { x: Float32Array; y: Float32Array; rows: number }): Array<[number, number, number]> {
  return Array.from({ length: train.rows }, (_, r) => [train.x[2 * r]!, train.x[2 * r + 1]!, train.y[r]!] as [number, number, number]);
}
