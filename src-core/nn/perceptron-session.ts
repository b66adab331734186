import type { ModelState } from '../contract/model-spec';
import type { TrainConfig } from '../contract/run-config';
import type { EpochMetrics } from '../contract/training';
import { histogram } from '../data/histogram';
import { Random } from '../data/random';
import type { TrainingDiagnostics } from './diagnostics';
import { EarlyStopping } from './early-stopping';
import { argmax } from './metrics/accuracy';
import { restoreOrder } from './row-order';
import { analyzeSpec, SpecError } from './spec-analysis';
import type { OptimizerState, RngState, TensorData, TrainingData, TrainingSession, TrainingSessionOptions } from './training-session';

/**
 * The classic perceptron (Rosenblatt): step units ŷ = [w·x + b ≥ 0], trained online, one sample at a time
 * in shuffled order, by the perceptron rule w += lr·(y − ŷ)·x, b += lr·(y − ŷ). Weights start at 0.
 * One unit for binary labels (y = 0/1); with several units, one per class (one-vs-rest, prediction by
 * the largest w·x + b) or one per label for multilabel data. The learning rate is the optimizer's lr (default 1).
 * The reported loss is the perceptron criterion, the mean of max(0, −(2t − 1)·(w·x + b)) over units.
 */
export class PerceptronSession implements TrainingSession {
  private readonly units: number;
  private readonly inputs: number;
  private readonly weight: Float32Array; // (units, inputs)
  private readonly bias: Float32Array; // (units)
  private readonly z: Float64Array; // (units) pre-activations of one sample
  private readonly order: Int32Array; // (rows)
  private readonly rng: Random;
  private readonly lr: number;
  private readonly config: TrainConfig;
  private readonly data: TrainingData;
  /**
   * Under `train.earlyStopping` the best epoch and its weights are kept, as for any run; the perceptron rule
   * runs every planned epoch all the same (it has no patience).
   */
  readonly earlyStopping: EarlyStopping | undefined;
  private best: ModelState | undefined;
  private epochsDone = 0;
  private steps = 0;
  private done = false;

  constructor(options: TrainingSessionOptions) {
    const analysis = analyzeSpec(options.spec);
    const layer = analysis.layers[0]!;
    this.units = layer.outputShape[0]!;
    this.inputs = layer.inputShape[0]!;
    this.config = options.train;
    this.data = options.data;
    if (this.data.task === 'regression') throw new SpecError('a perceptron classifies; regression needs a sequential network');
    if (this.data.task === 'classification' && this.units > 1 && (this.data.classCount ?? this.units) !== this.units) {
      throw new SpecError(`layer 0 (dense): a perceptron with ${this.units} units needs ${this.units} classes, the data has ${this.data.classCount}`, 0);
    }
    this.weight = new Float32Array(this.units * this.inputs);
    this.bias = new Float32Array(this.units);
    this.z = new Float64Array(this.units);
    this.rng = new Random(options.initialRngState?.generator ?? options.seed);
    this.lr = options.train.optimizer.lr ?? 1;
    this.order = Int32Array.from({ length: this.data.train.rows }, (_, i) => i);
    if (options.initialRngState) restoreOrder(this.order, options.initialRngState.order);
    const saved = options.initialOptimizerState;
    if (saved) {
      if (saved.epochs >= this.config.epochs) throw new Error(`optimizer state: ${saved.epochs} epochs are done already; train.epochs (${this.config.epochs}) counts all epochs, so it must be more`);
      this.epochsDone = saved.epochs;
      this.steps = saved.steps;
    }
    if (options.initialState) this.loadState(options.initialState);
    this.earlyStopping = this.config.earlyStopping ? new EarlyStopping(this.config.earlyStopping) : undefined;
    if (this.data.train.x.length !== this.data.train.rows * this.inputs) {
      throw new Error(`train data: x has ${this.data.train.x.length} values, expected ${this.data.train.rows} rows of ${this.inputs}`);
    }
  }

  get epoch(): number {
    return this.epochsDone;
  }
  get finished(): boolean {
    return this.done;
  }

  runEpoch(): EpochMetrics {
    if (this.done) throw new Error('training is finished: no epochs left to run');
    const started = Date.now();
    const { order, units, inputs, weight, bias, z, lr } = this;
    const set = this.data.train;
    if (this.config.shuffle !== false) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = this.rng.int(i + 1);
        const t = order[i]!;
        order[i] = order[j]!;
        order[j] = t;
      }
    }
    let lossSum = 0;
    let correct = 0;
    for (const row of order) {
      this.preactivate(set, row);
      lossSum += this.criterion(set, row);
      correct += this.correctness(set, row);
      for (let u = 0; u < units; u++) {
        const error = this.target(set, row, u) - (z[u]! >= 0 ? 1 : 0);
        if (error === 0) continue;
        for (let i = 0; i < inputs; i++) weight[u * inputs + i] = weight[u * inputs + i]! + lr * error * set.x[row * inputs + i]!;
        bias[u] = bias[u]! + lr * error;
      }
    }
    const metrics: EpochMetrics = { epoch: this.epochsDone + 1, loss: lossSum / set.rows, accuracy: correct / set.rows, lr, seconds: 0 };
    if (this.data.validation) {
      const v = this.evaluate(this.data.validation);
      metrics.valLoss = v.loss;
      metrics.valAccuracy = v.accuracy;
    }
    this.epochsDone++;
    this.steps += set.rows;
    if (this.epochsDone >= this.config.epochs) this.done = true;
    if (this.earlyStopping?.update(metrics).improved) this.best = this.state();
    metrics.seconds = (Date.now() - started) / 1000;
    return metrics;
  }

  evaluate(set: TensorData): { loss: number; accuracy: number } {
    let lossSum = 0;
    let correct = 0;
    for (let row = 0; row < set.rows; row++) {
      this.preactivate(set, row);
      lossSum += this.criterion(set, row);
      correct += this.correctness(set, row);
    }
    return { loss: lossSum / set.rows, accuracy: correct / set.rows };
  }

  /** Step outputs (rows, units): 0 or 1 per unit. */
  predict(x: Float32Array, rows: number): Float32Array {
    const out = new Float32Array(rows * this.units);
    const set: TensorData = { x, y: new Float32Array(0), rows };
    for (let row = 0; row < rows; row++) {
      this.preactivate(set, row);
      for (let u = 0; u < this.units; u++) out[row * this.units + u] = this.z[u]! >= 0 ? 1 : 0;
    }
    return out;
  }

  /** The weights' norm and histogram (the perceptron rule has no gradient to report). */
  diagnostics(): TrainingDiagnostics | undefined {
    if (this.epochsDone === 0) return undefined;
    let sq = 0;
    for (const v of this.weight) sq += v * v;
    for (const v of this.bias) sq += v * v;
    return { epoch: this.epochsDone, layers: [{ index: 0, type: 'dense', weightNorm: Math.sqrt(sq), weightHistogram: histogram(this.weight) }] };
  }

  state(): ModelState {
    return {
      '0.weight': { shape: [this.units, this.inputs], data: Array.from(this.weight) },
      '0.bias': { shape: [this.units], data: Array.from(this.bias) },
    };
  }

  bestState(): ModelState | undefined {
    return this.best;
  }

  /** The perceptron rule keeps no moments: the steps (samples seen) and epochs only. */
  optimizerState(): OptimizerState {
    return { type: this.config.optimizer.type, steps: this.steps, epochs: this.epochsDone, schedule: { lr: this.lr, best: null, badEpochs: 0 }, tensors: {} };
  }

  rngState(): RngState {
    return { generator: this.rng.state, order: this.order.slice() };
  }

  private loadState(state: ModelState): void {
    const w = state['0.weight'];
    const b = state['0.bias'];
    if (!w || w.data.length !== this.weight.length) throw new Error(`weights: "0.weight" must have shape [${this.units}, ${this.inputs}]`);
    if (!b || b.data.length !== this.bias.length) throw new Error(`weights: "0.bias" must have shape [${this.units}]`);
    this.weight.set(w.data);
    this.bias.set(b.data);
  }

  private preactivate(set: TensorData, row: number): void {
    const { units, inputs, weight, bias, z } = this;
    for (let u = 0; u < units; u++) {
      let s = bias[u]!;
      for (let i = 0; i < inputs; i++) s += weight[u * inputs + i]! * set.x[row * inputs + i]!;
      z[u] = s;
    }
  }

  /** The 0/1 target of unit u for a row. */
  private target(set: TensorData, row: number, u: number): number {
    if (this.data.task === 'multilabel') return set.y[row * this.units + u]!;
    return this.units === 1 ? set.y[row]! : set.y[row] === u ? 1 : 0;
  }

  private criterion(set: TensorData, row: number): number {
    let s = 0;
    for (let u = 0; u < this.units; u++) s += Math.max(0, -(2 * this.target(set, row, u) - 1) * this.z[u]!);
    return s / this.units;
  }

  /** 1 for a right row, 0 for a wrong one; a multilabel row is right when every label is (exact match). */
  private correctness(set: TensorData, row: number): number {
    const { units, z } = this;
    if (this.data.task === 'multilabel') {
      for (let u = 0; u < units; u++) if ((z[u]! >= 0 ? 1 : 0) !== set.y[row * units + u]) return 0;
      return 1;
    }
    if (units === 1) return (z[0]! >= 0 ? 1 : 0) === set.y[row] ? 1 : 0;
    return argmax(z, 0, units) === set.y[row] ? 1 : 0;
  }
}
