import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import { Random } from '../../../src-core/data/random';
import { SequentialModel } from '../../../src-core/nn/model';
import { analyzeSpec } from '../../../src-core/nn/spec-analysis';

/** Layers that behave differently while training: each mode held against what PyTorch does. */

function build(spec: ModelSpec, rows: number, seed = 1): SequentialModel {
  const rng = new Random(seed);
  const model = new SequentialModel(analyzeSpec(spec), { maxBatch: rows, rng, dtype: Float64Array });
  model.initializeParams(rng);
  return model;
}

function fillNormal(a: Float32Array | Float64Array, size: number, seed: number, shift = 0): void {
  const rng = new Random(seed);
  for (let i = 0; i < size; i++) a[i] = rng.normal() * 2 + shift;
}

describe('dropout: inverted, identity in eval', () => {
  const rows = 200;
  const features = 50;
  const rate = 0.3;
  const model = build({ input: [features], layers: [{ type: 'dropout', rate }] }, rows);
  fillNormal(model.input, rows * features, 5, 3);

  it('zeroes about rate of the values while training and scales the rest by 1/(1−p)', () => {
    model.train();
    model.forward(rows);
    let zeros = 0;
    for (let i = 0; i < rows * features; i++) {
      const out = model.output[i]!;
      if (out === 0) zeros++;
      else expect(out).toBeCloseTo(model.input[i]! / (1 - rate), 12);
    }
    expect(zeros / (rows * features)).toBeGreaterThan(rate - 0.03);
    expect(zeros / (rows * features)).toBeLessThan(rate + 0.03);
  });

  it('passes every value through unchanged in eval', () => {
    model.eval();
    model.forward(rows);
    for (let i = 0; i < rows * features; i++) expect(model.output[i]).toBe(model.input[i]);
  });

  it('draws a new mask each training step', () => {
    model.train();
    model.forward(rows);
    const first = Float64Array.from(model.output.subarray(0, rows * features));
    model.forward(rows);
    expect(Array.from(model.output.subarray(0, rows * features))).not.toEqual(Array.from(first));
  });
});

describe('model buffers', () => {
  it('keeps every parameter in one allocation with named views into it', () => {
    const model = build({ input: [3], layers: [{ type: 'dense', units: 2 }, { type: 'batchnorm' }, { type: 'dense', units: 1, bias: false }] }, 4);
    expect(Object.keys(model.tensors)).toEqual(['0.weight', '0.bias', '1.weight', '1.bias', '1.running_mean', '1.running_var', '2.weight']);
    expect(model.params.length).toBe(6 + 2 + 2 + 2 + 2);
    for (const key of ['0.weight', '0.bias', '1.weight', '1.bias', '2.weight']) expect(model.tensors[key]!.buffer).toBe(model.params.buffer);
    expect(model.tensors['1.running_var']!.buffer).toBe(model.buffers.buffer);
    model.tensors['2.weight']![1] = 42;
    expect(model.params[13]).toBe(42);
    expect(model.state()['2.weight']!.data[1]).toBe(42);
  });
});

describe('batchnorm: batch statistics in training, running statistics in eval', () => {
  const rows = 16;
  const spec: ModelSpec = { input: [3], layers: [{ type: 'batchnorm', momentum: 0.1, eps: 1e-5 }] };

  it('normalises each feature with the biased batch variance and updates running stats PyTorch-style', () => {
    const model = build(spec, rows);
    fillNormal(model.input, rows * 3, 9, 4);
    model.train();
    model.forward(rows);
    const [mean, runningVar] = [model.slots.find((s) => s.name === 'running_mean')!, model.slots.find((s) => s.name === 'running_var')!];
    for (let f = 0; f < 3; f++) {
      const xs = Array.from({ length: rows }, (_, n) => model.input[n * 3 + f]!);
      const m = xs.reduce((a, b) => a + b, 0) / rows;
      const biased = xs.reduce((a, b) => a + (b - m) ** 2, 0) / rows;
      const unbiased = (biased * rows) / (rows - 1);
      const ys = Array.from({ length: rows }, (_, n) => model.output[n * 3 + f]!);
      const ym = ys.reduce((a, b) => a + b, 0) / rows;
      const yv = ys.reduce((a, b) => a + (b - ym) ** 2, 0) / rows;
      expect(ym).toBeCloseTo(0, 10);
      expect(yv).toBeCloseTo(biased / (biased + 1e-5), 10);
      expect(model.view(mean)[f]).toBeCloseTo(0.1 * m, 12);
      expect(model.view(runningVar)[f]).toBeCloseTo(0.9 + 0.1 * unbiased, 12);
    }
  });

  it('uses the running statistics, not the batch, in eval, and leaves them alone', () => {
    const model = build(spec, rows);
    fillNormal(model.input, rows * 3, 9, 4);
    model.train();
    for (let i = 0; i < 5; i++) model.forward(rows);
    const stateBefore = model.state();
    model.eval();
    model.forward(rows);
    expect(model.state()).toEqual(stateBefore);
    const rm = stateBefore['0.running_mean']!.data;
    const rv = stateBefore['0.running_var']!.data;
    for (let n = 0; n < rows; n++) {
      for (let f = 0; f < 3; f++) {
        const expected = (model.input[n * 3 + f]! - rm[f]!) / Math.sqrt(rv[f]! + 1e-5);
        expect(model.output[n * 3 + f]).toBeCloseTo(expected, 10);
      }
    }
    // The running mean has only moved part of the way to the batch mean (≈ 4), so eval output is far from centred.
    const evalMean = Array.from(model.output.subarray(0, rows * 3)).reduce((a, b) => a + b, 0) / (rows * 3);
    expect(evalMean).toBeGreaterThan(1);
  });

  it('normalises per channel over N·H·W after conv2d', () => {
    const model = build({ input: [2, 3, 3], layers: [{ type: 'batchnorm' }] }, 4);
    fillNormal(model.input, 4 * 18, 3, -2);
    model.train();
    model.forward(4);
    for (let c = 0; c < 2; c++) {
      const ys: number[] = [];
      for (let n = 0; n < 4; n++) for (let i = 0; i < 9; i++) ys.push(model.output[(n * 2 + c) * 9 + i]!);
      expect(ys.reduce((a, b) => a + b, 0) / ys.length).toBeCloseTo(0, 10);
    }
  });

  it('predict() runs in eval mode and restores the training flag', () => {
    const model = build(spec, rows);
    fillNormal(model.input, rows * 3, 9, 4);
    const x = Float32Array.from(model.input.subarray(0, rows * 3));
    model.train();
    const predicted = model.predict(x, rows);
    expect(model.training).toBe(true);
    // With fresh running stats (mean 0, var 1) eval is nearly the identity.
    for (let i = 0; i < rows * 3; i++) expect(predicted[i]).toBeCloseTo(x[i]! / Math.sqrt(1 + 1e-5), 5);
  });
});
