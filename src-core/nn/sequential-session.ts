import type { ModelState } from '../contract/model-spec';
import type { LossName, TrainConfig } from '../contract/run-config';
import type { EpochMetrics } from '../contract/training';
import { Random } from '../data/random';
import { BatchInput } from './batch-input';
import { readDiagnostics, type TrainingDiagnostics } from './diagnostics';
import { DivergedError } from './diverged-error';
import { EarlyStopping } from './early-stopping';
import type { FloatArray } from './float-array';
import { computeLoss, isFusedLoss, softmaxCrossEntropy } from './losses';
import { SequentialModel } from './model';
import { createOptimizer, type Optimizer } from './optimizers';
import { createSchedule, type LrSchedule } from './schedules';
import { restoreOrder } from './row-order';
import { analyzeSpec } from './spec-analysis';
import { checkTargets, classCountOf, countCorrect, gatherTargets, targetLayout, type TargetLayout } from './targets';
import type { OptimizerState, RngState, TensorData, TrainingData, TrainingSession, TrainingSessionOptions } from './training-session';

/**
 * Trains a sequential network epoch by epoch. Everything the batch loop touches is allocated here,
 * once, for the configured batch size (the last partial batch uses a prefix of the same buffers).
 * One seeded generator drives initialization, shuffling and dropout, so a seed fixes every number.
 */
export class SequentialSession implements TrainingSession {
  readonly model: SequentialModel;
  private readonly config: TrainConfig;
  private readonly data: TrainingData;
  private readonly rng: Random;
  private readonly optimizer: Optimizer;
  private readonly schedule: LrSchedule;
  readonly earlyStopping: EarlyStopping | undefined;
  private readonly layout: TargetLayout;
  private readonly loss: LossName;
  /** acts/dacts index the loss reads: the final softmax/sigmoid's input for fused losses, else the output. */
  private readonly lossAt: number;
  private readonly order: Int32Array; // (rows) training row order, reshuffled each epoch
  /** Copies each batch's rows into the model's input. */
  private readonly batchInput: BatchInput;
  private readonly evalOrder: Int32Array; // (max rows) identity order for evaluation
  private readonly targets: FloatArray; // (batch, lossWidth)
  private readonly penalized: Int32Array; // (2·tensors) offset, size of each dense/conv2d weight in params
  /** Under early stopping: the weights of its best epoch, restored at the end unless `restoreBest` is false. */
  private readonly best: { params: FloatArray; buffers: FloatArray } | null;
  /** The weights at the start of the epoch: the fallback if a step ever overflows the weights themselves. */
  private readonly epochStart: { params: FloatArray; buffers: FloatArray };
  /** The weights before the epoch's last optimizer step, for the diagnostics' update ratio. */
  private readonly lastStepStart: FloatArray;
  private epochsDone = 0;
  private done = false;
  private lastDiagnostics: TrainingDiagnostics | undefined;

  constructor(options: TrainingSessionOptions) {
    const { spec, train, data } = options;
    this.config = train;
    this.data = data;
    this.loss = train.loss;
    const analysis = analyzeSpec(spec, { loss: train.loss });
    this.rng = new Random(options.initialRngState?.generator ?? options.seed);
    this.model = new SequentialModel(analysis, { maxBatch: train.batchSize, rng: this.rng, dtype: options.dtype ?? Float32Array });
    if (options.initialState) this.model.loadState(options.initialState);
    else this.model.initializeParams(this.rng);
    checkData('train', data.train, this.model.inputSize);
    if (data.validation) checkData('validation', data.validation, this.model.inputSize);
    const yWidth = data.train.y.length / Math.max(1, data.train.rows);
    this.layout = targetLayout(train.loss, data.task, yWidth, this.model.outputSize);
    const classes = classCountOf(train.loss, data.task, this.layout, this.model.sizes[this.lossAtFor(train.loss)]!);
    checkTargets('train', data.train.y, data.train.rows, train.loss, yWidth, classes);
    if (data.validation) {
      if (data.validation.y.length !== data.validation.rows * yWidth) {
        throw new Error(`validation data: y has ${data.validation.y.length} values, expected ${data.validation.rows} rows of ${yWidth}`);
      }
      checkTargets('validation', data.validation.y, data.validation.rows, train.loss, yWidth, classes);
    }
    this.lossAt = this.lossAtFor(train.loss);
    this.optimizer = createOptimizer(train.optimizer, this.model.params.length, this.model.dtype, this.model.kernels);
    this.schedule = createSchedule(train.schedule, this.optimizer.baseLr, train.epochs);
    this.earlyStopping = train.earlyStopping ? new EarlyStopping(train.earlyStopping) : undefined;
    this.order = rowOrder(data.train.rows);
    if (options.initialRngState) restoreOrder(this.order, options.initialRngState.order);
    this.batchInput = new BatchInput(this.model.input, data.train.x, this.order, this.model.inputSize, train.batchSize, this.model.kernels);
    if (options.initialOptimizerState) this.restoreOptimizer(options.initialOptimizerState);
    const evalRows = Math.max(data.train.rows, data.validation?.rows ?? 0);
    this.evalOrder = Int32Array.from({ length: evalRows }, (_, i) => i);
    this.targets = new this.model.dtype(train.batchSize * this.layout.lossWidth);
    this.model.kernels.readyTeam?.();
    this.penalized = Int32Array.from(this.model.slots.filter((s) => s.penalized).flatMap((s) => [s.offset, s.size]));
    this.epochStart = { params: new this.model.dtype(this.model.params.length), buffers: new this.model.dtype(this.model.buffers.length) };
    this.lastStepStart = this.model.kernels.alloc(this.model.dtype, this.model.params.length); // where the diagnostics' kernels read it
    this.best = this.earlyStopping
      ? { params: new this.model.dtype(this.model.params.length), buffers: new this.model.dtype(this.model.buffers.length) }
      : null;
  }

  private lossAtFor(loss: LossName): number {
    return isFusedLoss(loss) ? this.model.layerCount - 1 : this.model.layerCount;
  }

  get epoch(): number {
    return this.epochsDone;
  }

  get finished(): boolean {
    return this.done;
  }

  /** `onBatch` sees each step's loss (penalty included) right after the optimizer step, and the model's gradients of that step. */
  runEpoch(onBatch?: (batch: number, loss: number) => void): EpochMetrics {
    if (this.done) throw new Error('training is finished: no epochs left to run');
    const started = Date.now();
    const epoch = this.epochsDone + 1;
    const lr = this.schedule.lr;
    const { model, data, layout, targets, order } = this;
    const train = data.train;
    const rows = train.rows;
    const batchSize = this.config.batchSize;
    const lossInput = model.acts[this.lossAt]!;
    const lossGrad = model.dacts[this.lossAt]!;
    // cross_entropy reads the final softmax's input: the softmax's forward pass runs inside the loss, sharing its exponentials.
    const fusedSoftmax = this.loss === 'cross_entropy';
    if (this.config.shuffle !== false) shuffle(order, this.rng);
    this.epochStart.params.set(model.params);
    this.epochStart.buffers.set(model.buffers);
    model.train();
    let lossSum = 0;
    let correct = 0;
    let lastBatchRows = 0;
    // The next batch's input is copied during this batch's optimizer step (the step reads none of it): with a
    // thread team, the helpers start on the step meanwhile (docs/ARCHITECTURE.md, Threads).
    const input = this.batchInput;
    input.restart();
    // Each step but the epoch's last clears the gradients it reads, so zeroGrad skips them; the last batch's stay
    // for readDiagnostics, and every batch's for an onBatch, which may read them (the parity tests do).
    let gradsCleared = false;
    for (let start = 0, batch = 1; start < rows; start += batchSize, batch++) {
      const n = Math.min(batchSize, rows - start);
      input.take(start, n);
      const nextStart = start + n;
      gatherTargets(targets, train.y, order, start, n, layout);
      model.zeroGrad(n, !gradsCleared);
      model.forward(n, fusedSoftmax ? this.lossAt : undefined);
      if (nextStart < rows) input.readAheadNext(); // on a team's helper, during the loss and the backward pass
      let loss = fusedSoftmax
        ? softmaxCrossEntropy(model.output, lossGrad, lossInput, targets, n, model.sizes[this.lossAt]!)
        : computeLoss(this.loss, lossGrad, lossInput, targets, n, model.sizes[this.lossAt]!, this.config.huberDelta ?? 1);
      model.backward(n, this.lossAt);
      loss += this.applyPenalty();
      if (!Number.isFinite(loss)) this.diverged(epoch, batch, n, 'the loss');
      const norm = Math.sqrt(model.kernels.sumOfSquares(model.grads));
      if (!Number.isFinite(norm)) this.diverged(epoch, batch, n, 'a gradient');
      if (this.config.clipNorm !== undefined) clipGradients(model.grads, norm, this.config.clipNorm);
      if (start + n >= rows) this.lastStepStart.set(model.params);
      const more = nextStart < rows;
      gradsCleared = more && !onBatch;
      this.optimizer.step(model.params, model.grads, lr, more ? input.next : undefined, gradsCleared);
      onBatch?.(batch, loss);
      lastBatchRows = n;
      lossSum += loss * n;
      if (data.task !== 'regression') {
        correct += countCorrect(model.output, train.y, order, start, n, model.outputSize, layout.yWidth, data.task);
      }
    }
    // Read before validation overwrites the activations of the last training batch.
    this.lastDiagnostics = readDiagnostics(model, lastBatchRows, epoch, this.lastStepStart);
    const metrics: EpochMetrics = { epoch, loss: lossSum / rows, lr, seconds: 0 };
    if (data.task !== 'regression') metrics.accuracy = correct / rows;
    if (data.validation) {
      const v = this.evaluate(data.validation);
      metrics.valLoss = v.loss;
      if (v.accuracy !== undefined) metrics.valAccuracy = v.accuracy;
    }
    this.epochsDone = epoch;
    this.schedule.endEpoch(epoch, { loss: metrics.loss, ...(metrics.valLoss !== undefined ? { valLoss: metrics.valLoss } : {}) });
    if (epoch >= this.config.epochs) this.done = true;
    if (this.earlyStopping) {
      const { improved, stop } = this.earlyStopping.update(metrics);
      if (improved && this.best) {
        this.best.params.set(model.params);
        this.best.buffers.set(model.buffers);
      }
      if (stop) this.done = true;
      if (this.done && this.best && this.earlyStopping.bestEpoch > 0 && this.config.earlyStopping?.restoreBest !== false) {
        model.params.set(this.best.params);
        model.buffers.set(this.best.buffers);
      }
    }
    metrics.seconds = (Date.now() - started) / 1000;
    return metrics;
  }

  /** Mean loss (without the l1/l2 penalty) and accuracy of a dataset in eval mode. */
  evaluate(set: TensorData): { loss: number; accuracy?: number } {
    const { model, layout, targets } = this;
    const batchSize = model.maxBatch;
    const inSize = model.inputSize;
    const wasTraining = model.training;
    model.eval();
    const order = set.rows <= this.evalOrder.length ? this.evalOrder : Int32Array.from({ length: set.rows }, (_, i) => i);
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < set.rows; start += batchSize) {
      const n = Math.min(batchSize, set.rows - start);
      const input = model.input;
      for (let i = 0, src = start * inSize; i < n * inSize; i++, src++) input[i] = set.x[src]!;
      gatherTargets(targets, set.y, order, start, n, layout);
      model.forward(n);
      lossSum += n * computeLoss(this.loss, null, model.acts[this.lossAt]!, targets, n, model.sizes[this.lossAt]!, this.config.huberDelta ?? 1);
      if (this.data.task !== 'regression') {
        correct += countCorrect(model.output, set.y, order, start, n, model.outputSize, layout.yWidth, this.data.task);
      }
    }
    model.training = wasTraining;
    const loss = lossSum / Math.max(1, set.rows);
    return this.data.task === 'regression' ? { loss } : { loss, accuracy: correct / Math.max(1, set.rows) };
  }

  state(): ModelState {
    return this.model.state();
  }

  bestState(): ModelState | undefined {
    if (!this.best || !this.earlyStopping || this.earlyStopping.bestEpoch === 0) return undefined;
    return this.model.stateOf(this.best.params, this.best.buffers);
  }

  optimizerState(): OptimizerState {
    const moments = this.optimizer.moments();
    const tensors: OptimizerState['tensors'] = {};
    for (const slot of this.model.slots) {
      if (slot.kind !== 'param') continue;
      const entry: Record<string, Float32Array> = {};
      for (const [name, buffer] of Object.entries(moments)) entry[name] = new Float32Array(buffer.subarray(slot.offset, slot.offset + slot.size));
      tensors[slot.key] = entry;
    }
    return { type: this.config.optimizer.type, steps: this.optimizer.steps, epochs: this.epochsDone, schedule: this.schedule.save(), tensors };
  }

  rngState(): RngState {
    return { generator: this.rng.state, order: this.order.slice() };
  }

  /** Takes over a saved optimizer state; every parameter's every buffer must be there with its size. */
  private restoreOptimizer(saved: OptimizerState): void {
    const type = this.config.optimizer.type;
    if (saved.type !== type) throw new Error(`optimizer state: it belongs to ${saved.type}, but this run uses ${type}`);
    if (saved.epochs >= this.config.epochs) {
      throw new Error(`optimizer state: ${saved.epochs} epochs are done already; train.epochs (${this.config.epochs}) counts all epochs, so it must be more`);
    }
    const moments = this.optimizer.moments();
    for (const slot of this.model.slots) {
      if (slot.kind !== 'param') continue;
      for (const [name, buffer] of Object.entries(moments)) {
        const values = saved.tensors[slot.key]?.[name];
        if (!values) throw new Error(`optimizer state: "${slot.key}" has no ${name}`);
        if (values.length !== slot.size) throw new Error(`optimizer state: ${name} of "${slot.key}" has ${values.length} values, expected ${slot.size}`);
        buffer.set(values, slot.offset);
      }
    }
    this.optimizer.steps = saved.steps;
    this.schedule.restore(saved.schedule);
    this.epochsDone = saved.epochs;
  }

  diagnostics(): TrainingDiagnostics | undefined {
    return this.lastDiagnostics;
  }

  predict(x: Float32Array, rows: number): Float32Array {
    return this.model.predict(x, rows);
  }

  activations(x: Float32Array, rows: number, layers: readonly number[]): Float32Array[] {
    return this.model.captureActivations(x, rows, layers);
  }

  /** Adds l1·Σ|w| + l2·Σw² over dense and conv2d weights to the gradients; returns the penalty. */
  private applyPenalty(): number {
    const l1 = this.config.l1 ?? 0;
    const l2 = this.config.l2 ?? 0;
    if (l1 === 0 && l2 === 0) return 0;
    const { params, grads } = this.model;
    let penalty = 0;
    const ranges = this.penalized;
    for (let r = 0; r < ranges.length; r += 2) {
      const offset = ranges[r]!;
      const end = offset + ranges[r + 1]!;
      for (let i = offset; i < end; i++) {
        const w = params[i]!;
        penalty += l1 * Math.abs(w) + l2 * w * w;
        grads[i] = grads[i]! + l1 * Math.sign(w) + 2 * l2 * w;
      }
    }
    return penalty;
  }

  /** Names the first layer whose output or gradient is not finite, then throws. */
  private diverged(epoch: number, batch: number, n: number, what: string): never {
    const { model } = this;
    const layers = model.analysis.layers;
    let found: number | undefined;
    let detail = '';
    if (what === 'the loss') {
      for (let i = 0; i < layers.length && found === undefined; i++) {
        if (!allFinite(model.acts[i + 1]!, n * model.sizes[i + 1]!)) found = i;
      }
      if (found !== undefined) detail = ` (first non-finite output at layer ${found} (${layers[found]!.type}))`;
    } else {
      for (const slot of model.slots) {
        if (slot.kind === 'param' && !allFinite(model.gradView(slot), slot.size)) {
          found = slot.layerIndex;
          detail = ` (gradient of "${slot.key}" at layer ${found} (${layers[found]!.type}))`;
          break;
        }
      }
    }
    // The failed step was not taken, so the weights are the last finite ones, unless an earlier step
    // overflowed the weights themselves; then fall back to those of the start of the epoch.
    let kept = 'the weights are the last finite ones';
    if (!allFinite(model.params, model.params.length) || !allFinite(model.buffers, model.buffers.length)) {
      model.params.set(this.epochStart.params);
      model.buffers.set(this.epochStart.buffers);
      kept = `the weights are those of the start of epoch ${epoch}`;
    }
    throw new DivergedError(
      `training diverged at epoch ${epoch}, batch ${batch}: ${what} became NaN or infinite${detail}; ${kept}`,
      { epoch, batch, ...(found !== undefined ? { layerIndex: found } : {}) },
    );
  }
}

/**
 * The identity order of n rows, on shared memory where there is any, so that a thread team's helpers can read and
 * copy the next batch's rows (BatchInput).
 */
function rowOrder(n: number): Int32Array {
  const order = typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(4 * n)) : new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

function checkData(name: string, set: TensorData, inputSize: number): void {
  if (set.rows < 1) throw new Error(`${name} data has no rows`);
  if (set.x.length !== set.rows * inputSize) {
    throw new Error(`${name} data: x has ${set.x.length} values, expected ${set.rows} rows of ${inputSize}`);
  }
  if (set.y.length % set.rows !== 0) throw new Error(`${name} data: y has ${set.y.length} values for ${set.rows} rows`);
}

/** Fisher–Yates with the session's generator. */
function shuffle(order: Int32Array, rng: Random): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}

/** PyTorch's clip_grad_norm_: scale by maxNorm/(norm + 1e-6) when that is below 1. */
function clipGradients(grads: FloatArray, norm: number, maxNorm: number): void {
  const coef = maxNorm / (norm + 1e-6);
  if (coef >= 1) return;
  for (let i = 0; i < grads.length; i++) grads[i] = grads[i]! * coef;
}

function allFinite(a: FloatArray, size: number): boolean {
  for (let i = 0; i < size; i++) if (!Number.isFinite(a[i]!)) return false;
  return true;
}
