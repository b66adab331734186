import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../../src-core/contract/model-spec';
import { Random } from '../../../../src-core/data/random';
import type { FloatArray } from '../../../../src-core/nn/float-array';
import { createKernels } from '../../../../src-core/nn/kernels/gemm';
import { jsKernels, type Kernels } from '../../../../src-core/nn/kernels/model-kernels';
import { Adam } from '../../../../src-core/nn/optimizers';
import { SequentialSession } from '../../../../src-core/nn/sequential-session';
import { testedBackends } from '../../../support/kernel-backends';

/**
 * The element-wise kernels of each WebAssembly backend, run in place on arrays from the model's memory, give the
 * very bits of the TypeScript reference (the gradient's sum of squares to rounding: it adds in another order); and a
 * model keeps every buffer it trains with in that memory, so nothing is copied per batch.
 */

const rng = new Random(7);
const wasmBackends = testedBackends.filter((b) => b.name !== 'js');

/** An array of n values in k's memory, and a plain twin with the same values, for the reference. */
function pair(k: Kernels, ctor: Float32ArrayConstructor | Float64ArrayConstructor, n: number, value = () => rng.normal()): [FloatArray, FloatArray] {
  const a = k.alloc(ctor, n);
  for (let i = 0; i < n; i++) a[i] = value();
  return [a, ctor.from(a)];
}

const bits = (a: FloatArray): number[] => Array.from(a, (v) => (Number.isNaN(v) ? NaN : Object.is(v, -0) ? -0 : v));

describe.each(wasmBackends)('kernels of $name on the model memory', (backend) => {
  const kernels = (): Kernels => {
    expect(backend.use()).toBe(backend.name);
    const k = createKernels();
    expect(k.backend).toBe(backend.name);
    return k;
  };

  it.each([Float32Array, Float64Array])('relu forward and backward as the reference (%o), NaN and −0 included', (ctor) => {
    const k = kernels();
    const n = 37; // a remainder past every vector width
    const special = [NaN, -0, 0, Infinity, -Infinity];
    const [inp, inpRef] = pair(k, ctor, n, () => (rng.next() < 0.2 ? special[rng.int(special.length)]! : rng.normal()));
    const [out, outRef] = pair(k, ctor, n);
    k.reluForward(out, inp, n);
    jsKernels.reluForward(outRef, inpRef, n);
    expect(bits(out)).toEqual(bits(outRef));
    const [dout, doutRef] = pair(k, ctor, n);
    const [dinp, dinpRef] = pair(k, ctor, n);
    k.reluBackward(dinp, dout, inp, n);
    jsKernels.reluBackward(dinpRef, doutRef, inpRef, n);
    expect(bits(dinp)).toEqual(bits(dinpRef));
  });

  it.each([
    ['adam', { type: 'adam', lr: 0.01, weight_decay: 0.1 }],
    ['adamw', { type: 'adamw', lr: 0.01 }],
  ] as const)('%s steps give the bits of the TypeScript loop', (_name, config) => {
    const k = kernels();
    const n = 103;
    const inMemory = new Adam(config, n, Float32Array, k);
    const reference = new Adam(config, n, Float32Array, jsKernels);
    const [params, paramsRef] = pair(k, Float32Array, n);
    const [grads, gradsRef] = pair(k, Float32Array, n);
    for (let step = 0; step < 5; step++) {
      for (let i = 0; i < n; i++) grads[i] = gradsRef[i] = rng.normal();
      inMemory.step(params, grads, 0.01);
      reference.step(paramsRef, gradsRef, 0.01);
    }
    expect(bits(params)).toEqual(bits(paramsRef));
    expect(bits(inMemory.moments()['exp_avg_sq']!)).toEqual(bits(reference.moments()['exp_avg_sq']!));
  });

  it('a first moment that decays below the smallest normal float32 becomes 0, never subnormal, on both backends', () => {
    // A weight whose gradient stops (an input pixel that is nearly always 0) sees its moment shrink by β1 a step:
    // subnormal values cost x86 ~100 cycles an operation, so both Adams store them as 0 (optimizers.ts, adamStepF32).
    const k = kernels();
    const n = 103;
    const config = { type: 'adam', lr: 0.01 } as const;
    const inMemory = new Adam(config, n, Float32Array, k);
    const reference = new Adam(config, n, Float32Array, jsKernels);
    const [params, paramsRef] = pair(k, Float32Array, n);
    const [grads, gradsRef] = pair(k, Float32Array, n);
    for (let i = 0; i < n; i++) grads[i] = gradsRef[i] = i === 0 ? NaN : rng.normal() * 10 ** -(20 + rng.int(18));
    const subnormal = (a: FloatArray): number => a.filter((x) => x !== 0 && Math.abs(x) < 2 ** -126).length;
    let sawTiny = 0;
    for (let step = 0; step < 400; step++) {
      inMemory.step(params, grads, 0.01);
      reference.step(paramsRef, gradsRef, 0.01);
      expect(subnormal(inMemory.moments()['exp_avg']!)).toBe(0);
      expect(subnormal(reference.moments()['exp_avg']!)).toBe(0);
      sawTiny = Math.max(sawTiny, inMemory.moments()['exp_avg']!.filter((x) => x !== 0 && Math.abs(x) < 2 ** -120).length);
      if (step === 0) {
        grads.fill(0);
        gradsRef.fill(0);
      }
    }
    expect(sawTiny).toBeGreaterThan(0); // moments did pass near the edge on their way to 0
    expect(inMemory.moments()['exp_avg']!.slice(1).every((x) => x === 0)).toBe(true);
    expect(Number.isNaN(inMemory.moments()['exp_avg']![0]) && Number.isNaN(reference.moments()['exp_avg']![0])).toBe(true); // NaN stays NaN
    expect(bits(params.subarray(1))).toEqual(bits(paramsRef.subarray(1)));
  });

  it("moves a weight by stepSize · (m / denominator), PyTorch's order, so a tiny moment makes no subnormal product", () => {
    // (stepSize · m) / denominator, the order before, made stepSize · m subnormal for m between 2⁻¹²⁶ and 2⁻¹²⁶ / stepSize:
    // a microcode assist each on x86, and the product's lost bits showed in the update.
    const k = kernels();
    const n = 9;
    const lr = 0.001;
    for (const adam of [new Adam({ type: 'adam', lr }, n, Float32Array, k), new Adam({ type: 'adam', lr }, n, Float32Array, jsKernels)]) {
      const params = k.alloc(Float32Array, n).fill(0.5);
      const grads = k.alloc(Float32Array, n);
      for (let i = 0; i < n; i++) grads[i] = 2 ** -(117 + i); // first moments 0.1 · g ≈ 2⁻¹²⁰ …: stepSize · m subnormal
      adam.step(params, grads, lr);
      const f = Math.fround;
      const { exp_avg: m, exp_avg_sq: v } = adam.moments();
      for (let i = 0; i < n; i++) {
        const denominator = f(f(f(Math.sqrt(v![i]!)) * f(1 / Math.sqrt(1 - 0.999))) + f(1e-8));
        expect(params[i], `weight ${i}`).toBe(f(0.5 - f(f(lr / (1 - 0.9)) * f(m![i]! / denominator))));
      }
    }
  });

  it.each([Float32Array, Float64Array])('2 × 2 max pooling and its backward as the reference (%o), ties and NaN included', (ctor) => {
    const k = kernels();
    const [NC, H, W, OH, OW] = [3, 5, 11, 2, 5]; // odd sizes: the last row and column are dropped; 4 windows a vector and 1 left
    const [inp, inpRef] = pair(k, ctor, NC * H * W, () => (rng.next() < 0.05 ? NaN : rng.int(3)));
    const out = k.alloc(ctor, NC * OH * OW);
    const argmax = k.alloc(Int32Array, NC * OH * OW);
    const outRef = new ctor(NC * OH * OW);
    const argmaxRef = new Int32Array(NC * OH * OW);
    k.maxpool2x2Forward(out, argmax, inp, NC, H, W, OH, OW);
    jsKernels.maxpool2x2Forward(outRef, argmaxRef, inpRef, NC, H, W, OH, OW);
    expect(bits(out)).toEqual(bits(outRef));
    expect(Array.from(argmax)).toEqual(Array.from(argmaxRef));
    const [dout, doutRef] = pair(k, ctor, NC * OH * OW);
    const [dinp, dinpRef] = pair(k, ctor, NC * H * W);
    k.maxpoolBackward(dinp, dout, argmax, NC * OH * OW);
    jsKernels.maxpoolBackward(dinpRef, doutRef, argmaxRef, NC * OH * OW);
    expect(bits(dinp)).toEqual(bits(dinpRef));
  });

  it.each([
    [1, 1],
    [2, 0],
    [1, 2],
    [3, 1],
  ])('im2col and col2im with stride %i, padding %i as the reference', (stride, pad) => {
    const k = kernels();
    const [C, H, W, K] = [2, 6, 9, 3];
    const OH = Math.floor((H + 2 * pad - K) / stride) + 1;
    const OW = Math.floor((W + 2 * pad - K) / stride) + 1;
    const rowStride = 2 * OH * OW; // two samples side by side: the second one's columns
    const [img, imgRef] = pair(k, Float32Array, C * H * W);
    const [col, colRef] = pair(k, Float32Array, C * K * K * rowStride);
    k.im2col(col, OH * OW, img, 0, C, H, W, K, stride, pad, OH, OW, rowStride);
    jsKernels.im2col(colRef, OH * OW, imgRef, 0, C, H, W, K, stride, pad, OH, OW, rowStride);
    expect(bits(col)).toEqual(bits(colRef));
    k.col2im(img, 0, col, OH * OW, C, H, W, K, stride, pad, OH, OW, rowStride);
    jsKernels.col2im(imgRef, 0, colRef, OH * OW, C, H, W, K, stride, pad, OH, OW, rowStride);
    expect(bits(img)).toEqual(bits(imgRef));
  });

  it('fills, copies blocks, sums rows and squares as the reference', () => {
    const k = kernels();
    const [a, aRef] = pair(k, Float32Array, 50);
    k.fill(a, 3, 41, 0);
    jsKernels.fill(aRef, 3, 41, 0);
    k.fill(a, 7, 13, -0.5);
    jsKernels.fill(aRef, 7, 13, -0.5);
    expect(bits(a)).toEqual(bits(aRef));
    const [b, bRef] = pair(k, Float32Array, 50);
    k.copyBlocks(b, 5, 11, a, 1, 9, 4, 7); // runs of 7 values, 9 apart in a, 11 apart in b
    jsKernels.copyBlocks(bRef, 5, 11, aRef, 1, 9, 4, 7);
    expect(bits(b)).toEqual(bits(bRef));
    k.copyBlocks(b, 0, 10, a, 2, 0, 5, 10); // one run repeated: a bias over a batch
    jsKernels.copyBlocks(bRef, 0, 10, aRef, 2, 0, 5, 10);
    expect(bits(b)).toEqual(bits(bRef));
    const [sums, sumsRef] = pair(k, Float64Array, 3);
    const [rows, rowsRef] = pair(k, Float64Array, 3 * 13);
    k.addRowSums(sums, rows, 3, 13);
    jsKernels.addRowSums(sumsRef, rowsRef, 3, 13);
    sums.forEach((v, i) => expect(v).toBeCloseTo(sumsRef[i]!, 12));
    // Column sums (a dense bias gradient) add each row in order, as the reference loop: the same bits, f32 and f64.
    for (const ctor of [Float32Array, Float64Array]) {
      const [cols, colsRef] = pair(k, ctor, 13);
      const [grid, gridRef] = pair(k, ctor, 7 * 13);
      k.addColumnSums(cols, grid, 7, 13);
      jsKernels.addColumnSums(colsRef, gridRef, 7, 13);
      expect(bits(cols)).toEqual(bits(colsRef));
    }
    const [c, cRef] = pair(k, Float64Array, 1001);
    expect(k.sumOfSquares(c)).toBeCloseTo(jsKernels.sumOfSquares(cRef), 10);
    const [d, dRef] = pair(k, Float32Array, 1001);
    expect(k.sumOfSquares(d)).toBeCloseTo(jsKernels.sumOfSquares(dRef), 10);
  });

  it("sums a float32 gradient's squares in f64 over 8 running sums, in one fixed order: the same bits as ever", () => {
    const k = kernels();
    // Value j of every 8 goes to running sum j; the sums meet as ((0 + 2) + (4 + 6)) + ((1 + 3) + (5 + 7)); the tail
    // after the last full 8 is added one by one. A float32's square is exact in f64, so only the adds round.
    const reference = (a: Float32Array): number => {
      const sums = new Float64Array(8);
      let i = 0;
      for (; i + 8 <= a.length; i += 8) for (let j = 0; j < 8; j++) sums[j] = sums[j]! + a[i + j]! * a[i + j]!;
      let s = sums[0]! + sums[2]! + (sums[4]! + sums[6]!) + (sums[1]! + sums[3]! + (sums[5]! + sums[7]!));
      for (; i < a.length; i++) s += a[i]! * a[i]!;
      return s;
    };
    for (const n of [7, 8, 1001, 16384]) {
      const a = k.alloc(Float32Array, n);
      // Magnitudes from 1e-6 to 1e6: a sum in any other order rounds differently.
      for (let i = 0; i < n; i++) a[i] = (rng.next() * 2 - 1) * 10 ** (rng.int(13) - 6);
      expect(k.sumOfSquares(a), `${n} values`).toBe(reference(Float32Array.from(a)));
    }
  });

  it("bins a histogram as data/histogram.ts does: the same range and counts, non-finite values skipped", () => {
    const k = kernels();
    // Repeated past 4 096 values: shorter arrays take the JavaScript loop on every backend.
    const repeat = (run: number[]): number[] => Array.from({ length: 5000 }, (_, i) => run[i % run.length]!);
    const cases: number[][] = [
      Array.from({ length: 5001 }, () => rng.normal()),
      repeat([3, NaN, -1, Infinity, 2, -Infinity, 3, 0.5]),
      repeat([7]), // a zero-width range: every value in the first bin
      repeat([NaN, Infinity]), // no finite value: {min: 0, max: 0}
      [],
      repeat([1e-40, 2e-40, -1e-38, 3e38]), // subnormals and a huge range
    ];
    for (const values of cases) {
      const [a] = pair(k, Float32Array, values.length);
      a.set(values);
      expect(k.histogram(a), `${values.slice(0, 8).join(', ')}`).toEqual(jsKernels.histogram(Float32Array.from(values)));
    }
  });

  it('adds sums of squares (a norm, an update ratio) in index order: the same bits as the reference loop', () => {
    const k = kernels();
    const [a, aRef] = pair(k, Float32Array, 5001); // past 4 096 values: shorter take the JavaScript loop
    const [b, bRef] = pair(k, Float32Array, 5001);
    for (const other of [null, b]) {
      const sums: [number, number, number] = [0.5, 0.25, 0.125]; // they add to what is there
      const ref: [number, number, number] = [0.5, 0.25, 0.125];
      k.squareSums(a, other, 3, 4997, sums);
      jsKernels.squareSums(aRef, other ? bRef : null, 3, 4997, ref);
      expect(sums).toEqual(ref);
    }
  });

  it('keeps arrays made before the memory grew valid: the kernels still read and write them in place', () => {
    const k = kernels();
    const [early, earlyRef] = pair(k, Float32Array, 16);
    const big = k.alloc(Float32Array, 1 << 22); // 16 MB: the memory grows
    expect(big.length).toBe(1 << 22);
    const out = k.alloc(Float32Array, 16);
    k.reluForward(out, early, 16);
    jsKernels.reluForward(earlyRef, earlyRef, 16);
    expect(bits(out)).toEqual(bits(earlyRef));
    k.fill(early, 0, 16, 2);
    expect(Array.from(early)).toEqual(new Array(16).fill(2));
  });

  it('a model trains with every buffer in its memory, the optimizer moments too: no copy per batch', () => {
    expect(backend.use()).toBe(backend.name);
    const rows = 24;
    const x = Float32Array.from({ length: rows * 16 }, () => rng.next());
    const y = Float32Array.from({ length: rows }, () => rng.int(3));
    const spec: ModelSpec = {
      input: [1, 4, 4],
      layers: [{ type: 'conv2d', filters: 2, kernel: 3, padding: 1 }, { type: 'relu' }, { type: 'maxpool2d', size: 2 }, { type: 'flatten' }, { type: 'dense', units: 3 }, { type: 'softmax' }],
    };
    const session = new SequentialSession({
      spec,
      train: { loss: 'cross_entropy', optimizer: { type: 'adam' }, batchSize: 8, epochs: 1 },
      data: { inputShape: [1, 4, 4], task: 'classification', classCount: 3, train: { x, y, rows } },
      seed: 1,
    });
    const { model } = session;
    expect(model.kernels.backend).toBe(backend.name);
    const moments = (session as unknown as { optimizer: Adam }).optimizer.moments();
    for (const buffer of [model.params, model.grads, ...model.acts, ...model.dacts, ...Object.values(moments)]) {
      expect(buffer.buffer).toBeInstanceOf(SharedArrayBuffer);
    }
    session.runEpoch();
    expect(Number.isFinite(model.params[0]!)).toBe(true);
  });
});
