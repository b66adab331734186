import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { LossName } from '../../../src-core/contract/run-config';
import { analyzeSpec, SpecError } from '../../../src-core/nn/spec-analysis';

function refusal(spec: ModelSpec, loss?: LossName): SpecError {
  try {
    analyzeSpec(spec, loss ? { loss } : {});
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    return e as SpecError;
  }
  throw new Error('the spec was accepted');
}

describe('analyzeSpec: shapes and parameter counts', () => {
  it('infers the W2 convnet, layer by layer, with PyTorch parameter counts', () => {
    const a = analyzeSpec({
      input: [1, 28, 28],
      layers: [
        { type: 'conv2d', filters: 8, kernel: 3 },
        { type: 'relu' },
        { type: 'maxpool2d', size: 2 },
        { type: 'conv2d', filters: 16, kernel: 3 },
        { type: 'relu' },
        { type: 'maxpool2d', size: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 10 },
        { type: 'softmax' },
      ],
    }, { loss: 'cross_entropy' });
    expect(a.layers.map((l) => l.outputShape)).toEqual([
      [8, 26, 26], [8, 26, 26], [8, 13, 13], [16, 11, 11], [16, 11, 11], [16, 5, 5], [400], [10], [10],
    ]);
    expect(a.layers.map((l) => l.params)).toEqual([80, 0, 0, 1168, 0, 0, 0, 4010, 0]);
    expect(a.totalParams).toBe(80 + 1168 + 4010);
    expect(a.layers[0]!.tensors.map((t) => [t.name, t.shape])).toEqual([['weight', [8, 1, 3, 3]], ['bias', [8]]]);
  });

  it('counts stride, padding, no-bias and batchnorm (running stats are not parameters)', () => {
    const a = analyzeSpec({
      input: [3, 7, 7],
      layers: [{ type: 'conv2d', filters: 4, kernel: 3, stride: 2, padding: 1, bias: false }, { type: 'batchnorm' }, { type: 'avgpool2d', size: 2, stride: 1 }],
    });
    expect(a.layers[0]!.outputShape).toEqual([4, 4, 4]);
    expect(a.layers[0]!.params).toBe(4 * 3 * 9);
    expect(a.layers[1]!.params).toBe(8);
    expect(a.layers[1]!.tensors.map((t) => t.name)).toEqual(['weight', 'bias', 'running_mean', 'running_var']);
    expect(a.layers[2]!.outputShape).toEqual([4, 3, 3]);
  });

  it('the MLP of W1: 784-128-64-10 has 109,386 parameters', () => {
    const a = analyzeSpec({ input: [784], layers: [{ type: 'dense', units: 128 }, { type: 'relu' }, { type: 'dense', units: 64 }, { type: 'relu' }, { type: 'dense', units: 10 }] });
    expect(a.totalParams).toBe(109_386);
  });
});

describe('analyzeSpec: refused specs name the layer and why', () => {
  it('a kernel larger than its input', () => {
    const e = refusal({ input: [1, 8, 8], layers: [{ type: 'conv2d', filters: 2, kernel: 3 }, { type: 'maxpool2d', size: 2 }, { type: 'relu' }, { type: 'conv2d', filters: 2, kernel: 5 }] });
    expect(e.message).toBe('layer 3 (conv2d): kernel 5 is larger than its 3×3 input');
    expect(e.layerIndex).toBe(3);
  });

  it('a conv after flatten', () => {
    expect(refusal({ input: [1, 8, 8], layers: [{ type: 'flatten' }, { type: 'conv2d', filters: 2, kernel: 3 }] }).message).toMatch(
      /^layer 1 \(conv2d\): needs a \[C, H, W\] input but gets \[64\]/,
    );
  });

  it('dense on an image without flatten', () => {
    expect(refusal({ input: [1, 4, 4], layers: [{ type: 'dense', units: 3 }] }).message).toBe(
      'layer 0 (dense): needs a 1-D input but gets 1×4×4; put a flatten layer before it',
    );
  });

  it('a pooling window larger than its input', () => {
    expect(refusal({ input: [1, 3, 3], layers: [{ type: 'maxpool2d', size: 4 }] }).message).toBe('layer 0 (maxpool2d): window 4 is larger than its 3×3 input');
  });

  it('softmax over one output', () => {
    expect(refusal({ input: [4], layers: [{ type: 'dense', units: 1 }, { type: 'softmax' }] }, 'mse').message).toMatch(/^layer 1 \(softmax\): over a single output/);
  });

  it('cross_entropy without a final softmax, bce without a final sigmoid', () => {
    expect(refusal({ input: [4], layers: [{ type: 'dense', units: 3 }] }, 'cross_entropy').message).toBe(
      'layer 0 (dense): cross_entropy needs the network to end with softmax',
    );
    expect(refusal({ input: [4], layers: [{ type: 'dense', units: 1 }, { type: 'tanh' }] }, 'bce').message).toBe(
      'layer 1 (tanh): bce needs the network to end with sigmoid',
    );
  });

  it('an image-shaped output', () => {
    expect(refusal({ input: [1, 4, 4], layers: [{ type: 'conv2d', filters: 1, kernel: 3 }] }, 'mse').message).toMatch(/^layer 0 \(conv2d\): the network's output is 1×2×2/);
  });

  it('an input that is neither [features] nor [C, H, W], and an empty network', () => {
    expect(refusal({ input: [4, 4], layers: [{ type: 'flatten' }] }).message).toMatch(/must be \[features\] or \[C, H, W\]/);
    expect(refusal({ input: [4], layers: [] }).message).toMatch(/at least one layer/);
  });

  it('a perceptron with anything but one dense layer', () => {
    expect(refusal({ kind: 'perceptron', input: [2], layers: [{ type: 'dense', units: 1 }, { type: 'sigmoid' }] }).message).toMatch(
      /^layer 1 \(sigmoid\): a perceptron has exactly one dense layer/,
    );
  });
});
