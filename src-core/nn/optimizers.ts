import type { OptimizerConfig } from '../contract/run-config';
import type { FloatArray, FloatArrayConstructor } from './float-array';
import { jsKernels, type AdamConstants, type Kernels, type Meanwhile } from './kernels/model-kernels';

/**
 * Optimizers with PyTorch's update rules and defaults, simplest first. Every parameter of the model
 * lives in one flat buffer with its gradient in a twin buffer, so each optimizer is one loop over it
 * and its state (momentum, moments) is a twin buffer kept beside the parameters.
 * `weight_decay` is coupled (added to the gradient) except in AdamW, where it is decoupled.
 */
export interface Optimizer {
  /**
   * p ← update(p, g) over params (P) and grads (P) with the current learning rate. meanwhile: the caller's work
   * that neither reads nor writes these arrays (the next batch's input), run once: where a thread team takes the
   * step, while its helpers start on it; else first. clearGrads: sets each gradient to 0 once read (in the same
   * pass, on the team's threads where a team takes the step), so the next batch's zeroGrad can skip them.
   */
  step(params: FloatArray, grads: FloatArray, lr: number, meanwhile?: Meanwhile, clearGrads?: boolean): void;
  /** The configured learning rate, PyTorch's default when not given. */
  readonly baseLr: number;
  /** Steps taken so far (Adam's t); restored with the moments when a run continues. */
  steps: number;
  /** The live state buffers, each (P), by PyTorch's state names (exp_avg, momentum_buffer, ...). */
  moments(): Record<string, FloatArray>;
}

/** SGD: buf = μ·buf + g (buf = g at the first step); p −= lr·(nesterov ? g + μ·buf : buf). Default lr 0.01. */
export class Sgd implements Optimizer {
  readonly baseLr: number;
  private readonly momentum: number;
  private readonly nesterov: boolean;
  private readonly weightDecay: number;
  private readonly buf: FloatArray; // (P) momentum buffer
  steps = 0;

  constructor(config: Extract<OptimizerConfig, { type: 'sgd' }>, size: number, ctor: FloatArrayConstructor) {
    this.baseLr = config.lr ?? 0.01;
    this.momentum = config.momentum ?? 0;
    this.nesterov = config.nesterov ?? false;
    this.weightDecay = config.weight_decay ?? 0;
    this.buf = new ctor(this.momentum > 0 ? size : 0);
  }

  step(params: FloatArray, grads: FloatArray, lr: number, meanwhile?: Meanwhile, clearGrads = false): void {
    meanwhile?.run();
    const { momentum: mu, weightDecay: wd, buf, nesterov } = this;
    const size = params.length;
    for (let i = 0; i < size; i++) {
      let g = grads[i]! + wd * params[i]!;
      if (clearGrads) grads[i] = 0;
      if (mu > 0) {
        const b = this.steps > 0 ? mu * buf[i]! + g : g;
        buf[i] = b;
        g = nesterov ? g + mu * b : b;
      }
      params[i] = params[i]! - lr * g;
    }
    this.steps++;
  }

  moments(): Record<string, FloatArray> {
    return this.momentum > 0 ? { momentum_buffer: this.buf } : {};
  }
}

/** Adagrad: sum += g²; p −= lr·g/(√sum + eps). Defaults lr 0.01, eps 1e-10. */
export class Adagrad implements Optimizer {
  readonly baseLr: number;
  private readonly eps: number;
  private readonly weightDecay: number;
  private readonly sum: FloatArray; // (P)
  steps = 0;

  constructor(config: Extract<OptimizerConfig, { type: 'adagrad' }>, size: number, ctor: FloatArrayConstructor) {
    this.baseLr = config.lr ?? 0.01;
    this.eps = config.eps ?? 1e-10;
    this.weightDecay = config.weight_decay ?? 0;
    this.sum = new ctor(size);
  }

  step(params: FloatArray, grads: FloatArray, lr: number, meanwhile?: Meanwhile, clearGrads = false): void {
    meanwhile?.run();
    const { eps, weightDecay: wd, sum } = this;
    const size = params.length;
    for (let i = 0; i < size; i++) {
      const g = grads[i]! + wd * params[i]!;
      if (clearGrads) grads[i] = 0;
      const s = sum[i]! + g * g;
      sum[i] = s;
      params[i] = params[i]! - (lr * g) / (Math.sqrt(s) + eps);
    }
    this.steps++;
  }

  moments(): Record<string, FloatArray> {
    return { sum: this.sum };
  }
}

/** RMSprop: sq = α·sq + (1−α)·g²; with momentum buf = μ·buf + g/(√sq + eps), p −= lr·buf. Defaults lr 0.01, α 0.99, eps 1e-8. */
export class RmsProp implements Optimizer {
  readonly baseLr: number;
  private readonly alpha: number;
  private readonly eps: number;
  private readonly momentum: number;
  private readonly weightDecay: number;
  private readonly sq: FloatArray; // (P) running mean of g²
  private readonly buf: FloatArray; // (P) momentum buffer
  steps = 0;

  constructor(config: Extract<OptimizerConfig, { type: 'rmsprop' }>, size: number, ctor: FloatArrayConstructor) {
    this.baseLr = config.lr ?? 0.01;
    this.alpha = config.alpha ?? 0.99;
    this.eps = config.eps ?? 1e-8;
    this.momentum = config.momentum ?? 0;
    this.weightDecay = config.weight_decay ?? 0;
    this.sq = new ctor(size);
    this.buf = new ctor(this.momentum > 0 ? size : 0);
  }

  step(params: FloatArray, grads: FloatArray, lr: number, meanwhile?: Meanwhile, clearGrads = false): void {
    meanwhile?.run();
    const { alpha, eps, momentum: mu, weightDecay: wd, sq, buf } = this;
    const size = params.length;
    for (let i = 0; i < size; i++) {
      const g = grads[i]! + wd * params[i]!;
      if (clearGrads) grads[i] = 0;
      const s = alpha * sq[i]! + (1 - alpha) * g * g;
      sq[i] = s;
      const update = g / (Math.sqrt(s) + eps);
      if (mu > 0) {
        const b = mu * buf[i]! + update;
        buf[i] = b;
        params[i] = params[i]! - lr * b;
      } else {
        params[i] = params[i]! - lr * update;
      }
    }
    this.steps++;
  }

  moments(): Record<string, FloatArray> {
    return this.momentum > 0 ? { square_avg: this.sq, momentum_buffer: this.buf } : { square_avg: this.sq };
  }
}

/**
 * Adam: m = β1·m + (1−β1)·g, v = β2·v + (1−β2)·g², p −= (lr/(1−β1ᵗ))·m/(√v/√(1−β2ᵗ) + eps).
 * AdamW first decays p ← p·(1 − lr·wd) and leaves g alone. Defaults lr 1e-3, betas (0.9, 0.999),
 * eps 1e-8, weight_decay 0 (Adam) or 0.01 (AdamW).
 */
export class Adam implements Optimizer {
  readonly baseLr: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;
  private readonly weightDecay: number;
  private readonly decoupled: boolean;
  private readonly m: FloatArray; // (P) first moment
  private readonly v: FloatArray; // (P) second moment
  steps = 0;

  private readonly kernels: Kernels;

  constructor(config: Extract<OptimizerConfig, { type: 'adam' | 'adamw' }>, size: number, ctor: FloatArrayConstructor, kernels: Kernels = jsKernels) {
    this.kernels = kernels;
    this.decoupled = config.type === 'adamw';
    this.baseLr = config.lr ?? 1e-3;
    this.beta1 = config.betas?.[0] ?? 0.9;
    this.beta2 = config.betas?.[1] ?? 0.999;
    this.eps = config.eps ?? 1e-8;
    this.weightDecay = config.weight_decay ?? (this.decoupled ? 0.01 : 0);
    this.m = kernels.alloc(ctor, size);
    this.v = kernels.alloc(ctor, size);
  }

  step(params: FloatArray, grads: FloatArray, lr: number, meanwhile?: Meanwhile, clearGrads = false): void {
    const { beta1, beta2, eps, m, v } = this;
    const t = ++this.steps;
    const stepSize = lr / (1 - beta1 ** t);
    const bc2Sqrt = Math.sqrt(1 - beta2 ** t);
    const coupledWd = this.decoupled ? 0 : this.weightDecay;
    const decay = this.decoupled ? 1 - lr * this.weightDecay : 1;
    // Hoisted out of the loop: 1 − β1, 1 − β2 and 1/√(1−β2ᵗ), so each value costs one division, not two.
    const c1 = 1 - beta1;
    const c2 = 1 - beta2;
    const invBc2Sqrt = 1 / bc2Sqrt;
    const k = { beta1, beta2, c1, c2, stepSize, invBc2Sqrt, eps, coupledWd, decay };
    if (this.kernels.adamStep(params, grads, m, v, k, meanwhile, clearGrads)) return;
    meanwhile?.run();
    if (params instanceof Float32Array) adamStepF32(params, grads, m, v, k, clearGrads);
    else adamStepF64(params, grads, m, v, k, clearGrads);
  }

  moments(): Record<string, FloatArray> {
    return { exp_avg: this.m, exp_avg_sq: this.v };
  }
}

/** Adam's step on float64 buffers (the gradient check's models): the update of Adam's doc, in float64. */
function adamStepF64(params: FloatArray, grads: FloatArray, m: FloatArray, v: FloatArray, k: AdamConstants, clearGrads: boolean): void {
  const { beta1, beta2, c1, c2, stepSize, invBc2Sqrt, eps, coupledWd, decay } = k;
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    const g = grads[i]! + coupledWd * p;
    if (clearGrads) grads[i] = 0;
    const mi = beta1 * m[i]! + c1 * g;
    const vi = beta2 * v[i]! + c2 * g * g;
    m[i] = mi;
    v[i] = vi;
    params[i] = p * decay - stepSize * (mi / (Math.sqrt(vi) * invBc2Sqrt + eps));
  }
}

/** The smallest normal float32, 2⁻¹²⁶. */
const MIN_NORMAL_F32 = 2 ** -126;

/**
 * Adam's step on float32 buffers in float32 arithmetic (every operation rounded by Math.fround, which for + − × ÷ and
 * √ of float32 values is exactly the float32 result): what PyTorch computes, and what the WebAssembly kernel computes
 * four values at a time, bit for bit. The constants are rounded to float32 first, as the kernel receives them.
 *
 * One departure from PyTorch: a first moment below the smallest normal float32 is stored, and used, as 0. A weight
 * whose gradient stops (an input pixel that is almost always 0) sees its moment shrink by β1 each step into the
 * subnormal range, where each x86 vector operation on it costs a microcode assist of ~100 cycles: after one W1
 * epoch 3 000 of its 109 386 first moments were subnormal (5 000 after two), and the second epoch ran 921 ms instead
 * of 807 ms on one thread. Such a moment moved its weight by less than stepSize · 2⁻¹²⁶ / eps (~1e-33 at the
 * defaults), below the resolution of any weight that is not itself that small.
 * The update is stepSize · (m / denominator), PyTorch's order (addcdiv); (stepSize · m) / denominator made a subnormal
 * product, and an assist, for every first moment between 2⁻¹²⁶ and 2⁻¹²⁶ / stepSize.
 */
function adamStepF32(params: Float32Array, grads: FloatArray, m: FloatArray, v: FloatArray, k: AdamConstants, clearGrads: boolean): void {
  const f = Math.fround;
  const beta1 = f(k.beta1), beta2 = f(k.beta2), c1 = f(k.c1), c2 = f(k.c2), stepSize = f(k.stepSize);
  const invBc2Sqrt = f(k.invBc2Sqrt), eps = f(k.eps), coupledWd = f(k.coupledWd), decay = f(k.decay);
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    const g = f(grads[i]! + f(coupledWd * p));
    if (clearGrads) grads[i] = 0;
    const m0 = f(f(beta1 * m[i]!) + f(c1 * g));
    const mi = Math.abs(m0) < MIN_NORMAL_F32 ? 0 : m0;
    const vi = f(f(beta2 * v[i]!) + f(f(c2 * g) * g));
    m[i] = mi;
    v[i] = vi;
    params[i] = f(f(p * decay) - f(stepSize * f(mi / f(f(f(Math.sqrt(vi)) * invBc2Sqrt) + eps))));
  }
}

/** kernels: the model's (Adam keeps its moments where they run, and steps there). */
export function createOptimizer(config: OptimizerConfig, size: number, ctor: FloatArrayConstructor, kernels: Kernels = jsKernels): Optimizer {
  switch (config.type) {
    case 'sgd':
      return new Sgd(config, size, ctor);
    case 'adagrad':
      return new Adagrad(config, size, ctor);
    case 'rmsprop':
      return new RmsProp(config, size, ctor);
    case 'adam':
    case 'adamw':
      return new Adam(config, size, ctor, kernels);
  }
}
