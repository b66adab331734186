import type { LayerSpec, ModelSpec, ModelState } from '../contract/model-spec';
import type { RunSnapshot, SnapshotFrame } from '../contract/snapshots';
import { tensor } from '../contract/tensor';
import type { PreprocessorState } from '../data/preprocess/preprocessor-state';
import type { TensorData, TrainingData } from '../data/training-data';
import { boundaryGrid, fittedCurve } from './boundary-grid';
import { classConfidence, outputsAreProbabilities } from './class-confidence';
import { hiddenProjection, lastHiddenLayer } from './hidden-projection';
import { columnTransform, featurePlane, planeBounds, principalPlane, toPlane, trainingMedians, type InputPlane } from './plane';
import { DEFAULT_SNAPSHOT_BUDGET, planSnapshots } from './snapshot-plan';
import type { ActivationSource, Forward } from './tensor';

/**
 * Takes a run's snapshots while it trains (in the training worker): the frame once, then at each planned epoch
 * the boundary grid (or the regression curve), the probe rows' predictions and the hidden projection.
 */
export interface SnapshotterOptions {
  layers: readonly LayerSpec[];
  /** A perceptron's outputs are its step units' 0 or 1: read as certain classes. */
  kind?: 'sequential' | 'perceptron';
  data: TrainingData;
  /** Planned epochs (the last epoch numbered, for a continued run). */
  epochs: number;
  preprocessor?: PreprocessorState;
  classNames?: readonly string[];
  /** Bytes for the frame and every snapshot (default DEFAULT_SNAPSHOT_BUDGET). */
  budget?: number;
  /** Rows snapshots are computed on (default 1000; image rows 300). */
  probeRows?: number;
  /** Cells of the boundary grid along each axis (default 64), points of a curve (default 200). */
  gridSize?: number;
  /**
   * The network's spec and parameter count: with more than two table features and at most `MAX_PICKABLE_PARAMETERS`
   * parameters, each snapshot keeps the weights, so a view can draw the boundary over any two features.
   */
  spec?: ModelSpec;
  parameters?: number;
}

/** Weights are kept per snapshot up to this many parameters (256 KiB of float32 each). */
export const MAX_PICKABLE_PARAMETERS = 65_536;

/** What a snapshot is taken from: the forward pass, and (a session or predictor) its activations and weights. */
export type SnapshotSource = Forward & Partial<ActivationSource> & { state?(): ModelState };

export interface Snapshotter {
  frame: SnapshotFrame;
  plan: Int32Array;
  take(model: SnapshotSource, epoch: number): RunSnapshot;
}

export function createSnapshotter(options: SnapshotterOptions): Snapshotter {
  const { data, layers } = options;
  const budget = options.budget ?? DEFAULT_SNAPSHOT_BUDGET;
  const inputSize = data.inputShape.reduce((a, b) => a * b, 1);
  const images = data.inputShape.length > 1;
  const split: TensorData = data.validation && data.validation.rows > 0 ? data.validation : data.train;
  const n = Math.min(split.rows, options.probeRows ?? (images ? 300 : 1000));
  const probeX = split.x.subarray(0, n * inputSize);
  const classification = data.task === 'classification' && (data.classCount ?? 0) >= 2 && (data.classCount ?? 0) <= 256;
  const classes = classification ? data.classCount! : 0;
  const probabilities = options.kind === 'perceptron' || outputsAreProbabilities(layers);
  const yWidth = split.rows > 0 ? split.y.length / split.rows : 1;

  const plane = images ? undefined : choosePlane(data, inputSize, options.preprocessor);
  const axes = plane?.axes.length ?? 0;
  const grid = options.gridSize ?? (axes === 1 ? 200 : 64);
  const trainRows = Math.min(data.train.rows, options.probeRows ?? 1000);
  const frame: SnapshotFrame = {
    task: data.task === 'classification' ? 'classification' : 'regression',
    split: split === data.train ? 'train' : 'validation',
    splitRows: split.rows,
    classes,
    ...(options.classNames ? { classNames: [...options.classNames] } : {}),
    rows: tensor('int32', [n], Int32Array.from({ length: n }, (_, i) => i)),
    ...(classification ? { actual: tensor('int32', [n], Int32Array.from(split.y.subarray(0, n))) } : {}),
    view: images ? imageView(data.inputShape, probeX, n) : tableView(probeX, n, inputSize, options.preprocessor),
    plan: tensor('int32', [0], new Int32Array(0)),
    budget,
  };
  const useBoundary = plane !== undefined && axes === 2 && classification;
  const useCurve = plane !== undefined && axes === 1 && data.task === 'regression' && yWidth === 1;
  if (plane && (useBoundary || useCurve)) {
    const points = toPlane(plane, probeX, n);
    const trainX = data.train.x.subarray(0, trainRows * inputSize);
    const trainPoints = toPlane(plane, trainX, trainRows);
    const bounds = planeBounds(trainPoints, trainRows, axes);
    const trainLabels = Float32Array.from({ length: trainRows }, (_, r) => data.train.y[r * yWidth]!);
    frame.plane = {
      kind: plane.labels[0] === 'PC1' && inputSize > 2 ? 'pca' : 'features',
      labels: plane.labels,
      bounds,
      resolution: axes === 2 ? [grid, grid] : [grid],
      points: tensor('float32', [n, axes], points),
      trainPoints: tensor('float32', [trainRows, axes], trainPoints),
      trainLabels: tensor('float32', [trainRows], trainLabels),
      ...(useCurve ? { targets: tensor('float32', [n], Float32Array.from({ length: n }, (_, r) => split.y[r]!)) } : {}),
    };
  }
  const parameters = options.parameters ?? Infinity;
  if (classification && !images && inputSize > 2 && options.spec && parameters <= MAX_PICKABLE_PARAMETERS && data.train.rows > 0) {
    const transforms = new Float32Array(inputSize * 2);
    const min = new Float32Array(inputSize).fill(Infinity);
    const max = new Float32Array(inputSize).fill(-Infinity);
    for (let f = 0; f < inputSize; f++) {
      const { offset, scale } = columnTransform(options.preprocessor, f);
      transforms[f * 2] = offset;
      transforms[f * 2 + 1] = scale;
      for (let r = 0; r < trainRows; r++) {
        const raw = data.train.x[r * inputSize + f]! * scale + offset;
        if (raw < min[f]!) min[f] = raw;
        if (raw > max[f]!) max[f] = raw;
      }
    }
    frame.pickable = {
      spec: options.spec,
      names: frame.view.kind === 'table' ? frame.view.columns : [],
      origin: tensor('float32', [inputSize], trainingMedians(data.train.x, data.train.rows, inputSize, options.preprocessor)),
      transforms: tensor('float32', [inputSize, 2], transforms),
      min: tensor('float32', [inputSize], min),
      max: tensor('float32', [inputSize], max),
    };
  }
  const hiddenLayer = classification ? lastHiddenLayer(layers) : undefined;
  const perSnapshot =
    (frame.pickable ? 4 * parameters + 64 : 0) +
    (useBoundary ? 2 * grid * grid : 0) + (useCurve ? 4 * grid : 0) + (classification ? 2 * n : 0) + (hiddenLayer !== undefined ? 8 * n : 0) + 256;
  const plan = planSnapshots({ epochs: options.epochs, bytesPerSnapshot: perSnapshot, budget: Math.max(0, budget - frameBytes(frame)) });
  frame.plan = tensor('int32', [plan.length], plan);

  const take = (model: SnapshotSource, epoch: number): RunSnapshot => {
    const snapshot: RunSnapshot = { epoch };
    if (frame.pickable && model.state) snapshot.weights = packState(model.state());
    if (useBoundary && frame.plane) {
      const b = boundaryGrid(model, plane!, { bounds: frame.plane.bounds, resolution: [grid, grid], probabilities });
      snapshot.boundary = {
        classes: tensor('uint8', [grid, grid], classBytes(b.classes.data)),
        confidence: tensor('uint8', [grid, grid], quantize(b.confidence.data)),
      };
    }
    if (useCurve && frame.plane) {
      const { outputs } = fittedCurve(model, plane!, frame.plane.bounds, grid);
      snapshot.curve = tensor('float32', [grid], Float32Array.from({ length: grid }, (_, i) => outputs.data[i * outputs.shape[1]!]!));
    }
    if (classification && n > 0) {
      const outputs = model.predict(probeX, n);
      const predicted = new Int32Array(n);
      const confidence = new Float32Array(n);
      classConfidence(outputs, n, outputs.length / n, probabilities, predicted, confidence);
      snapshot.predicted = tensor('uint8', [n], classBytes(predicted));
      snapshot.confidence = tensor('uint8', [n], quantize(confidence));
    }
    if (hiddenLayer !== undefined && n > 1 && model.activations) {
      const h = hiddenProjection(model as ActivationSource, layers, probeX, n);
      snapshot.hidden = { layer: h.layer, points: tensor('float32', [n, 2], h.pca.projected), varianceRatio: h.pca.varianceRatio };
    }
    return snapshot;
  };
  return { frame, plan, take };
}

/** A state_dict as one float32 tensor with its layout (the order of its keys). */
function packState(state: ModelState): NonNullable<RunSnapshot['weights']> {
  const layout = Object.entries(state).map(([key, t]) => ({ key, shape: [...t.shape] }));
  const size = Object.values(state).reduce((sum, t) => sum + t.data.length, 0);
  const data = new Float32Array(size);
  let at = 0;
  for (const t of Object.values(state)) {
    data.set(t.data, at);
    at += t.data.length;
  }
  return { layout, data: tensor('float32', [size], data) };
}

/** A probability 0..1 as a byte 0..255 (rounded; the views divide by 255). */
export function quantize(values: Float32Array): Uint8Array {
  // Plain loops: typed-array `from` with a map function is many times slower, and this runs every snapshot.
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.round(Math.min(1, Math.max(0, values[i]!)) * 255);
  return out;
}

/** Class indices as bytes (the views take at most 256 classes). */
export function classBytes(classes: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(classes.length);
  for (let i = 0; i < classes.length; i++) out[i] = classes[i]!;
  return out;
}

/** Two features: their plane; one feature: its line; more: the first two principal components of the training inputs. */
function choosePlane(data: TrainingData, inputSize: number, preprocessor: PreprocessorState | undefined): InputPlane | undefined {
  const { x, rows } = data.train;
  if (rows < 2) return undefined;
  if (inputSize <= 2) return featurePlane({ features: inputSize === 1 ? [0] : [0, 1], x, rows, ...(preprocessor ? { preprocessor } : {}) });
  return principalPlane(x, rows);
}

/** The probe rows in the data's own units: each model input mapped back through the preprocessor's transform. */
function tableView(x: Float32Array, rows: number, inputSize: number, preprocessor: PreprocessorState | undefined): SnapshotFrame['view'] {
  const values = new Float32Array(rows * inputSize);
  for (let f = 0; f < inputSize; f++) {
    const { offset, scale } = columnTransform(preprocessor, f);
    for (let r = 0; r < rows; r++) values[r * inputSize + f] = x[r * inputSize + f]! * scale + offset;
  }
  const columns = preprocessor?.featureNames ?? Array.from({ length: inputSize }, (_, f) => `x${f + 1}`);
  return { kind: 'table', columns: [...columns], values: tensor('float32', [rows, inputSize], values) };
}

/** The probe rows as grey images (the first channel), scaled from the rows' own range to 0..255. */
function imageView(shape: readonly number[], x: Float32Array, rows: number): SnapshotFrame['view'] {
  const [height, width] = shape.length === 3 ? [shape[1]!, shape[2]!] : [shape[0]!, shape[1]!];
  const inputSize = shape.reduce((a, b) => a * b, 1);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const span = hi > lo ? hi - lo : 1;
  const pixels = new Uint8Array(rows * height * width);
  for (let r = 0; r < rows; r++) {
    for (let p = 0; p < height * width; p++) pixels[r * height * width + p] = Math.round(((x[r * inputSize + p]! - lo) / span) * 255);
  }
  return { kind: 'image', height, width, pixels: tensor('uint8', [rows, height * width], pixels) };
}

/** The frame's bytes as stored (its tensors; the rest is small). */
export function frameBytes(frame: SnapshotFrame): number {
  let bytes = 512;
  const add = (t: { data: ArrayBufferView } | undefined): void => {
    bytes += t?.data.byteLength ?? 0;
  };
  add(frame.rows);
  add(frame.actual);
  add(frame.plan);
  add(frame.view.kind === 'table' ? frame.view.values : frame.view.pixels);
  add(frame.plane?.points);
  add(frame.plane?.trainPoints);
  add(frame.plane?.trainLabels);
  add(frame.plane?.targets);
  add(frame.pickable?.origin);
  add(frame.pickable?.transforms);
  add(frame.pickable?.min);
  add(frame.pickable?.max);
  return bytes;
}

/** A snapshot's bytes as stored. */
export function snapshotBytes(snapshot: RunSnapshot): number {
  return (
    64 +
    (snapshot.boundary ? snapshot.boundary.classes.data.byteLength + snapshot.boundary.confidence.data.byteLength : 0) +
    (snapshot.curve?.data.byteLength ?? 0) +
    (snapshot.predicted?.data.byteLength ?? 0) +
    (snapshot.confidence?.data.byteLength ?? 0) +
    (snapshot.hidden?.points.data.byteLength ?? 0) +
    (snapshot.weights?.data.data.byteLength ?? 0)
  );
}
