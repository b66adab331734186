import type { ModelState } from '../contract/model-spec';
import type { RunSnapshot, SnapshotFrame } from '../contract/snapshots';
import { tensor } from '../contract/tensor';
import { createPredictor } from '../nn/predictor';
import { boundaryGrid } from './boundary-grid';
import { outputsAreProbabilities } from './class-confidence';
import type { InputPlane, PlaneBounds } from './plane';
import { classBytes, quantize } from './run-snapshot';

/**
 * The decision boundary over two features a person picks, from a stored snapshot's weights: the plane of those two
 * raw features with every other input at its training median (as `featurePlane` builds it during training), over
 * the training rows' span of the two plus 10 %.
 */
export function pickedPlane(frame: SnapshotFrame, features: readonly [number, number]): { plane: InputPlane; bounds: PlaneBounds } {
  const pickable = frame.pickable;
  if (!pickable) throw new RangeError('picked plane: this run keeps no weights per snapshot (two features, images, or a large network)');
  const inputSize = pickable.origin.data.length;
  const bad = features.find((f) => !Number.isInteger(f) || f < 0 || f >= inputSize);
  if (bad !== undefined) throw new RangeError(`picked plane: feature ${bad} is outside 0..${inputSize - 1}`);
  if (features[0] === features[1]) throw new RangeError(`picked plane: the two features are the same (${features[0]})`);
  const origin = Float32Array.from(pickable.origin.data);
  const min: number[] = [];
  const max: number[] = [];
  const axes = features.map((f) => {
    const offset = pickable.transforms.data[f * 2]!;
    const scale = pickable.transforms.data[f * 2 + 1]!;
    origin[f] = (0 - offset) / scale;
    const axis = new Float32Array(inputSize);
    axis[f] = 1 / scale;
    const lo = pickable.min.data[f]!;
    const hi = pickable.max.data[f]!;
    const pad = hi > lo ? (hi - lo) * 0.1 : 1;
    min.push(lo - pad);
    max.push(hi + pad);
    return axis;
  });
  return { plane: { inputSize, origin, axes, labels: features.map((f) => pickable.names[f] ?? `x${f + 1}`) }, bounds: { min, max } };
}

/** A snapshot's weights as a state_dict. */
export function snapshotState(weights: NonNullable<RunSnapshot['weights']>): ModelState {
  const state: ModelState = {};
  let at = 0;
  for (const { key, shape } of weights.layout) {
    const size = shape.reduce((a, b) => a * b, 1);
    state[key] = { shape: [...shape], data: Array.from(weights.data.data.subarray(at, at + size)) };
    at += size;
  }
  if (at !== weights.data.data.length) throw new RangeError(`snapshot weights: the layout names ${at} values, the tensor holds ${weights.data.data.length}`);
  return state;
}

/** The boundary (as a snapshot stores one) over the picked features at the snapshot's epoch. */
export function pickedBoundary(
  frame: SnapshotFrame,
  snapshot: RunSnapshot,
  features: readonly [number, number],
  resolution = 64,
): { boundary: NonNullable<RunSnapshot['boundary']>; plane: InputPlane; bounds: PlaneBounds } {
  if (!snapshot.weights) throw new RangeError(`picked plane: the snapshot of epoch ${snapshot.epoch} keeps no weights`);
  const spec = frame.pickable!.spec;
  const { plane, bounds } = pickedPlane(frame, features);
  const predictor = createPredictor(spec, snapshotState(snapshot.weights));
  const probabilities = spec.kind === 'perceptron' || outputsAreProbabilities(spec.layers);
  const grid = boundaryGrid(predictor, plane, { bounds, resolution: [resolution, resolution], probabilities });
  return {
    plane,
    bounds,
    boundary: {
      classes: tensor('uint8', [resolution, resolution], classBytes(grid.classes.data)),
      confidence: tensor('uint8', [resolution, resolution], quantize(grid.confidence.data)),
    },
  };
}
