import type { ModelSpec, ModelState } from '../contract/model-spec';
import type { LossName, TaskKind } from '../contract/run-config';
import { Random } from '../data/random';
import { computeLoss, isFusedLoss } from './losses';
import { SequentialModel } from './model';
import { analyzeSpec } from './spec-analysis';
import { gatherTargets, targetLayout } from './targets';

/**
 * Inference without training: a trained network (sequential or perceptron) in eval mode, for whoever only
 * predicts or scores (the CLI, the service, the bench). Built from a spec and its state_dict; throws a
 * SpecError for a spec that does not fit together and an Error naming the tensor for weights that do not
 * match it.
 */
export interface Predictor {
  /** Values per input row: the product of spec.input. */
  readonly inputSize: number;
  /** Values per output row. */
  readonly outputWidth: number;
  /**
   * (rows, outputWidth) outputs for x (rows, inputSize): probabilities after a final softmax/sigmoid, values
   * for regression, a perceptron's 0/1 step units (1 where w·x + b ≥ 0).
   */
  predict(x: Float32Array, rows: number): Float32Array;
  /**
   * The mean loss over rows, computed as training computes it (cross_entropy and bce from the logits before
   * the final softmax/sigmoid, no l1/l2 penalty); y is (rows, yWidth) laid out as TrainingData's y.
   * Undefined for a perceptron, which trains on its own criterion.
   */
  loss(x: Float32Array, y: Float32Array, rows: number, options: PredictorLossOptions): number | undefined;
  /**
   * The outputs of the given layers (indices into spec.layers) in eval mode, one (rows, ...output shape)
   * array per index, from one forward pass; a perceptron has one layer, its step units.
   */
  activations(x: Float32Array, rows: number, layers: readonly number[]): Float32Array[];
}

export interface PredictorLossOptions {
  loss: LossName;
  task: TaskKind;
  /** Huber's threshold (default 1). */
  huberDelta?: number;
}

export interface PredictorOptions {
  /** Rows per forward pass (default 256): bounds the activation memory, not the rows predicted. */
  chunkRows?: number;
}

/** A predictor for spec with the weights in state. */
export function createPredictor(spec: ModelSpec, state: ModelState, options: PredictorOptions = {}): Predictor {
  const chunkRows = options.chunkRows ?? 256;
  return spec.kind === 'perceptron' ? new PerceptronPredictor(spec, state) : new SequentialPredictor(spec, state, chunkRows);
}

class SequentialPredictor implements Predictor {
  private readonly model: SequentialModel;

  constructor(spec: ModelSpec, state: ModelState, private readonly chunkRows: number) {
    // The generator is never drawn from: eval mode has no dropout masks and the weights are loaded.
    this.model = new SequentialModel(analyzeSpec(spec), { maxBatch: chunkRows, rng: new Random(0) });
    this.model.loadState(state);
    this.model.eval();
  }

  get inputSize(): number {
    return this.model.inputSize;
  }

  get outputWidth(): number {
    return this.model.outputSize;
  }

  predict(x: Float32Array, rows: number): Float32Array {
    return this.model.predict(x, rows);
  }

  activations(x: Float32Array, rows: number, layers: readonly number[]): Float32Array[] {
    return this.model.captureActivations(x, rows, layers);
  }

  loss(x: Float32Array, y: Float32Array, rows: number, options: PredictorLossOptions): number {
    const { model, chunkRows } = this;
    const yWidth = y.length / Math.max(1, rows);
    const layout = targetLayout(options.loss, options.task, yWidth, model.outputSize);
    const at = isFusedLoss(options.loss) ? model.layerCount - 1 : model.layerCount;
    const width = model.sizes[at]!;
    const targets = new Float32Array(chunkRows * layout.lossWidth); // (chunkRows, lossWidth)
    const order = Int32Array.from({ length: rows }, (_, i) => i);
    let sum = 0;
    for (let start = 0; start < rows; start += chunkRows) {
      const n = Math.min(chunkRows, rows - start);
      model.input.set(x.subarray(start * model.inputSize, (start + n) * model.inputSize));
      model.forward(n);
      gatherTargets(targets, y, order, start, n, layout);
      sum += n * computeLoss(options.loss, null, model.acts[at]!.subarray(0, n * width), targets, n, width, options.huberDelta ?? 1);
    }
    return sum / Math.max(1, rows);
  }
}

/** The perceptron's step units, with the same arithmetic as its training session (sums in float64). */
class PerceptronPredictor implements Predictor {
  readonly inputSize: number;
  readonly outputWidth: number;
  private readonly weight: Float32Array; // (units, inputs)
  private readonly bias: Float32Array; // (units)

  constructor(spec: ModelSpec, state: ModelState) {
    const layer = analyzeSpec(spec).layers[0]!;
    this.outputWidth = layer.outputShape[0]!;
    this.inputSize = layer.inputShape[0]!;
    const w = state['0.weight'];
    const b = state['0.bias'];
    if (!w || w.data.length !== this.outputWidth * this.inputSize) throw new Error(`weights: "0.weight" must have shape [${this.outputWidth}, ${this.inputSize}]`);
    if (!b || b.data.length !== this.outputWidth) throw new Error(`weights: "0.bias" must have shape [${this.outputWidth}]`);
    const extra = Object.keys(state).find((k) => k !== '0.weight' && k !== '0.bias');
    if (extra !== undefined) throw new Error(`weights: "${extra}" does not belong to this model`);
    this.weight = Float32Array.from(w.data);
    this.bias = Float32Array.from(b.data);
  }

  predict(x: Float32Array, rows: number): Float32Array {
    const { inputSize: inputs, outputWidth: units, weight, bias } = this;
    if (x.length < rows * inputs) throw new Error(`predict: x has ${x.length} values, expected ${rows} rows of ${inputs}`);
    const out = new Float32Array(rows * units); // (rows, units)
    for (let row = 0; row < rows; row++) {
      for (let u = 0; u < units; u++) {
        let s = bias[u]!;
        for (let i = 0; i < inputs; i++) s += weight[u * inputs + i]! * x[row * inputs + i]!;
        out[row * units + u] = s >= 0 ? 1 : 0;
      }
    }
    return out;
  }

  loss(): undefined {
    return undefined;
  }

  activations(x: Float32Array, rows: number, layers: readonly number[]): Float32Array[] {
    const bad = layers.find((l) => l !== 0);
    if (bad !== undefined) throw new RangeError(`activations: a perceptron has layer 0 only, not ${bad}`);
    return layers.map(() => this.predict(x, rows));
  }
}
