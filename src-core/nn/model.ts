import { activationNames, type ActivationName } from '../contract/layer-names';
import type { ModelState } from '../contract/model-spec';
import type { Random } from '../data/random';
import type { FloatArray, FloatArrayConstructor } from './float-array';
import { initialize } from './init';
import { createKernels } from './kernels/gemm';
import type { Kernels } from './kernels/model-kernels';
import { bindLayer, type BoundLayer, type LayerBuffers } from './layers/bind-layer';
import type { SpecAnalysis, TensorInfo } from './spec-analysis';

/**
 * A sequential network over flat typed arrays, built once for a maximum batch size so nothing is
 * allocated while training. All parameters live in ONE buffer (`params`) with their gradients in a twin
 * (`grads`), and batchnorm's running statistics in `buffers`; a checkpoint is a copy of those.
 * acts[i] is layer i's input and acts[i + 1] its output, each (maxBatch, ...shape_i); dacts mirror them.
 */

/** Where one state_dict tensor lives: `params`/`grads` for kind 'param', `buffers` for kind 'buffer'. */
export interface TensorSlot extends TensorInfo {
  key: string; // "3.weight"
  layerIndex: number;
  offset: number;
}

export interface ModelBuildOptions {
  /** Float32Array for training; Float64Array for the gradient check. */
  dtype?: FloatArrayConstructor;
  /** The largest batch forward() will see; predict() works in chunks of it. */
  maxBatch: number;
  /** Drives dropout masks (and initialization, via initializeParams). */
  rng: Random;
  /** Also compute the gradient of the input (dacts[0]); only the gradient check needs it. */
  inputGrad?: boolean;
  /** The kernels, which also allocate every buffer (default: a fresh set of the thread's backend, kernels/gemm.ts). */
  kernels?: Kernels;
}

const activations: ReadonlySet<string> = new Set(activationNames);

export class SequentialModel {
  readonly analysis: SpecAnalysis;
  readonly dtype: FloatArrayConstructor;
  readonly maxBatch: number;
  /** The kernels the layers run on; every buffer below lives where they run (their own WebAssembly memory). */
  readonly kernels: Kernels;
  readonly params: FloatArray; // (P) every trainable parameter
  readonly grads: FloatArray; // (P) their gradients
  readonly buffers: FloatArray; // (B) running statistics
  readonly slots: TensorSlot[];
  /** Named views into params/buffers, keyed like the state_dict ("0.weight"): live, not copies. */
  readonly tensors: Readonly<Record<string, FloatArray>>;
  /** Named views into grads, for the parameters. */
  readonly gradTensors: Readonly<Record<string, FloatArray>>;
  readonly acts: FloatArray[]; // acts[i]: (maxBatch, ...layer i input shape); acts[L]: the output
  readonly dacts: FloatArray[]; // gradients of acts; dacts[0] only with inputGrad
  readonly sizes: number[]; // per-sample size of acts[i]
  /** Dropout and batchnorm behave differently when training; switched by train() and eval(). */
  training = true;
  /** The generator dropout draws its masks from; replaceable so a check can replay the same masks. */
  rng: Random;
  private readonly layers: BoundLayer[];

  constructor(analysis: SpecAnalysis, options: ModelBuildOptions) {
    this.analysis = analysis;
    this.dtype = options.dtype ?? Float32Array;
    this.maxBatch = options.maxBatch;
    this.kernels = options.kernels ?? createKernels();
    const alloc = (n: number): FloatArray => this.kernels.alloc(this.dtype, n);
    this.rng = options.rng;
    const inputGrad = options.inputGrad ?? false;
    const slots: TensorSlot[] = [];
    let paramSize = 0;
    let bufferSize = 0;
    for (const layer of analysis.layers) {
      for (const t of layer.tensors) {
        const offset = t.kind === 'param' ? paramSize : bufferSize;
        if (t.kind === 'param') paramSize += t.size;
        else bufferSize += t.size;
        slots.push({ ...t, key: `${layer.index}.${t.name}`, layerIndex: layer.index, offset });
      }
    }
    this.slots = slots;
    this.params = alloc(paramSize);
    this.grads = alloc(paramSize);
    this.buffers = alloc(bufferSize);
    const tensors: Record<string, FloatArray> = {};
    const gradTensors: Record<string, FloatArray> = {};
    for (const slot of slots) {
      tensors[slot.key] = this.view(slot);
      if (slot.kind === 'param') gradTensors[slot.key] = this.gradView(slot);
    }
    this.tensors = tensors;
    this.gradTensors = gradTensors;
    this.sizes = [analysis.inputShape, ...analysis.layers.map((l) => l.outputShape)].map((s) => s.reduce((a, b) => a * b, 1));
    this.acts = this.sizes.map((s) => alloc(s * this.maxBatch));
    this.dacts = this.sizes.map((s, i) => alloc(i === 0 && !inputGrad ? 0 : s * this.maxBatch));
    this.layers = analysis.layers.map((info) => {
      const layerTensors: LayerBuffers['tensors'] = {};
      for (const slot of slots) {
        if (slot.layerIndex === info.index) layerTensors[slot.name] = { value: tensors[slot.key]!, grad: gradTensors[slot.key] ?? null };
      }
      return bindLayer(info, {
        inp: this.acts[info.index]!,
        out: this.acts[info.index + 1]!,
        dinp: info.index === 0 && !inputGrad ? null : this.dacts[info.index]!,
        dout: this.dacts[info.index + 1]!,
        tensors: layerTensors,
        maxBatch: this.maxBatch,
        dtype: this.dtype,
        kernels: this.kernels,
        alloc,
        random: () => this.rng,
      });
    });
    this.resetState(null);
  }

  get layerCount(): number {
    return this.layers.length;
  }
  get inputSize(): number {
    return this.sizes[0]!;
  }
  get outputSize(): number {
    return this.sizes[this.sizes.length - 1]!;
  }
  /** (maxBatch, ...inputShape): the caller writes a batch here before forward(). */
  get input(): FloatArray {
    return this.acts[0]!;
  }
  /** (maxBatch, outputWidth) after forward(). */
  get output(): FloatArray {
    return this.acts[this.acts.length - 1]!;
  }

  train(): void {
    this.training = true;
  }
  eval(): void {
    this.training = false;
  }

  /** Runs layers 0 … upTo−1 over the first n rows of `input`. */
  forward(n: number, upTo = this.layers.length): void {
    for (let i = 0; i < upTo; i++) this.layers[i]!.forward(n, this.training);
  }

  /** Runs the backward passes of layers from−1 … 0; the caller has seeded dacts[from]. */
  backward(n: number, from = this.layers.length): void {
    for (let i = from - 1; i >= 0; i--) this.layers[i]!.backward(n, this.training);
  }

  /** One layer's backward pass alone: reads dacts[index + 1], accumulates into dacts[index] and its gradients. */
  backwardLayer(index: number, n: number): void {
    this.layers[index]!.backward(n, this.training);
  }

  /**
   * Clears every parameter gradient and the activation gradients of the first n rows; the parameter gradients only
   * if `grads` (false: the optimizer's step left them 0, see Optimizer.step's clearGrads).
   */
  zeroGrad(n = this.maxBatch, grads = true): void {
    const k = this.kernels;
    if (grads) k.fill(this.grads, 0, this.grads.length, 0);
    for (let i = 0; i < this.dacts.length; i++) k.fill(this.dacts[i]!, 0, Math.min(this.dacts[i]!.length, n * this.sizes[i]!), 0);
  }

  /**
   * Fresh weights: each dense/conv2d weight by its `init` scheme (`auto` looks at the activation that
   * follows it), biases 0, batchnorm γ = 1, β = 0, running mean 0, running variance 1.
   */
  initializeParams(rng: Random): void {
    this.resetState(rng);
  }

  private resetState(rng: Random | null): void {
    this.params.fill(0);
    this.buffers.fill(0);
    for (const slot of this.slots) {
      const layer = this.analysis.layers[slot.layerIndex]!;
      const view = this.view(slot);
      if (layer.type === 'batchnorm') {
        if (slot.name === 'weight' || slot.name === 'running_var') view.fill(1);
        continue;
      }
      if (slot.name !== 'weight' || !rng) continue;
      const spec = layer.spec;
      const scheme = spec.type === 'dense' || spec.type === 'conv2d' ? (spec.init ?? 'auto') : 'auto';
      const [out, inp, kh = 1, kw = 1] = slot.shape as [number, number, number?, number?];
      initialize(view, scheme, { fanIn: inp * kh * kw, fanOut: out * kh * kw }, rng, this.activationAfter(slot.layerIndex));
    }
  }

  /** The first activation after a layer, before the next dense or conv2d. */
  private activationAfter(index: number): ActivationName | undefined {
    for (const layer of this.analysis.layers.slice(index + 1)) {
      if (activations.has(layer.type)) return layer.type as ActivationName;
      if (layer.type === 'dense' || layer.type === 'conv2d') return undefined;
    }
    return undefined;
  }

  /** The live view of one tensor (params or buffers). */
  view(slot: TensorSlot): FloatArray {
    const store = slot.kind === 'param' ? this.params : this.buffers;
    return store.subarray(slot.offset, slot.offset + slot.size);
  }

  /** The gradient view of one parameter. */
  gradView(slot: TensorSlot): FloatArray {
    return this.grads.subarray(slot.offset, slot.offset + slot.size);
  }

  /** A copy of every parameter and buffer, keyed like PyTorch's state_dict. */
  state(): ModelState {
    return this.stateOf(this.params, this.buffers);
  }

  /** As `state()`, from a checkpoint of `params` and `buffers` (same layout). */
  stateOf(params: FloatArray, buffers: FloatArray): ModelState {
    const state: ModelState = {};
    for (const slot of this.slots) {
      const from = slot.kind === 'param' ? params : buffers;
      state[slot.key] = { shape: [...slot.shape], data: Array.from(from.subarray(slot.offset, slot.offset + slot.size)) };
    }
    return state;
  }

  /** Loads weights; every tensor of the model must be present with its exact shape. */
  loadState(state: ModelState): void {
    for (const slot of this.slots) {
      const t = state[slot.key];
      if (!t) throw new Error(`weights: "${slot.key}" is missing (expected shape [${slot.shape.join(', ')}])`);
      if (t.shape.length !== slot.shape.length || t.shape.some((d, i) => d !== slot.shape[i]) || t.data.length !== slot.size) {
        throw new Error(`weights: "${slot.key}" has shape [${t.shape.join(', ')}], expected [${slot.shape.join(', ')}]`);
      }
      this.view(slot).set(t.data);
    }
    const known = new Set(this.slots.map((s) => s.key));
    const extra = Object.keys(state).find((k) => !known.has(k));
    if (extra !== undefined) throw new Error(`weights: "${extra}" does not belong to this model`);
  }

  /** Outputs in eval mode for `rows` samples of x (rows, ...inputShape), in chunks of maxBatch. */
  predict(x: ArrayLike<number>, rows: number): Float32Array {
    const inSize = this.inputSize;
    const outSize = this.outputSize;
    if (x.length < rows * inSize) throw new Error(`predict: x has ${x.length} values, expected ${rows} rows of ${inSize}`);
    const result = new Float32Array(rows * outSize);
    const wasTraining = this.training;
    this.eval();
    const input = this.input;
    const output = this.output;
    for (let start = 0; start < rows; start += this.maxBatch) {
      const n = Math.min(this.maxBatch, rows - start);
      for (let i = 0; i < n * inSize; i++) input[i] = x[start * inSize + i]!;
      this.forward(n);
      for (let i = 0; i < n * outSize; i++) result[start * outSize + i] = output[i]!;
    }
    this.training = wasTraining;
    return result;
  }

  /**
   * The outputs of the given layers in eval mode for `rows` samples of x, from one forward pass per chunk
   * (only as far as the deepest one): one (rows, ...layer output shape) array per requested layer index.
   */
  captureActivations(x: ArrayLike<number>, rows: number, layers: readonly number[]): Float32Array[] {
    const inSize = this.inputSize;
    if (x.length < rows * inSize) throw new Error(`activations: x has ${x.length} values, expected ${rows} rows of ${inSize}`);
    const bad = layers.find((l) => !Number.isInteger(l) || l < 0 || l >= this.layers.length);
    if (bad !== undefined) throw new RangeError(`activations: layer ${bad} is outside 0..${this.layers.length - 1}`);
    const upTo = Math.max(0, ...layers) + 1;
    const results = layers.map((l) => new Float32Array(rows * this.sizes[l + 1]!));
    const wasTraining = this.training;
    this.eval();
    const input = this.input;
    for (let start = 0; start < rows; start += this.maxBatch) {
      const n = Math.min(this.maxBatch, rows - start);
      for (let i = 0; i < n * inSize; i++) input[i] = x[start * inSize + i]!;
      this.forward(n, upTo);
      layers.forEach((l, k) => {
        const size = this.sizes[l + 1]!;
        results[k]!.set(this.acts[l + 1]!.subarray(0, n * size), start * size);
      });
    }
    this.training = wasTraining;
    return results;
  }
}
