import { beforeAll, describe, expect, it } from 'vitest';
import type { LayerSpec, ModelSpec } from '../../../src-core/contract/model-spec';
import type { LossName } from '../../../src-core/contract/run-config';
import { gradCheck } from '../../../src-core/nn/grad-check';
import { testedBackends } from '../../support/kernel-backends';

/**
 * Every layer, loss and mode passes a float64 gradient check: analytic gradients of every parameter and
 * input value against central differences. 1e-6 relative is far below what a wrong term produces.
 * On every kernel backend (the WebAssembly kernels run in f64 here).
 */
const TOLERANCE = 1e-6;

function check(spec: ModelSpec, options: { loss?: LossName; training?: boolean } = {}): void {
  const result = gradCheck(spec, { rows: 4, ...options });
  expect(result.checked).toBeGreaterThan(0);
  expect(result.maxRelError, `worst: ${JSON.stringify(result.worst)}`).toBeLessThan(TOLERANCE);
}

const mlp = (middle: LayerSpec[]): ModelSpec => ({
  input: [4],
  layers: [{ type: 'dense', units: 5 }, ...middle, { type: 'dense', units: 3 }],
});

const image = (middle: LayerSpec[]): ModelSpec => ({
  input: [2, 6, 6],
  layers: [{ type: 'conv2d', filters: 3, kernel: 3, padding: 1 }, ...middle, { type: 'flatten' }, { type: 'dense', units: 2 }],
});

describe.each(testedBackends)('float64 gradient check on $name', (backend) => {
  beforeAll(() => {
    expect(backend.use()).toBe(backend.name);
  });

  it('dense, with and without bias', () => {
    check({ input: [4], layers: [{ type: 'dense', units: 3 }] });
    check({ input: [4], layers: [{ type: 'dense', units: 3, bias: false }, { type: 'tanh' }, { type: 'dense', units: 2 }] });
  });

  it('conv2d: padding, stride, no bias, several channels', () => {
    check(image([]));
    check({ input: [2, 7, 7], layers: [{ type: 'conv2d', filters: 4, kernel: 3, stride: 2, padding: 1 }, { type: 'tanh' }, { type: 'conv2d', filters: 2, kernel: 2, bias: false }, { type: 'flatten' }, { type: 'dense', units: 2 }] });
  });

  it('maxpool2d and avgpool2d, with the default and an explicit stride', () => {
    check(image([{ type: 'maxpool2d', size: 2 }]));
    check(image([{ type: 'maxpool2d', size: 3, stride: 1 }]));
    check(image([{ type: 'avgpool2d', size: 2 }]));
    check(image([{ type: 'avgpool2d', size: 3, stride: 2 }]));
  });

  it('flatten', () => {
    check({ input: [2, 3, 3], layers: [{ type: 'flatten' }, { type: 'dense', units: 2 }] });
  });

  it('dropout in training (fixed masks) and in eval', () => {
    check(mlp([{ type: 'dropout', rate: 0.5 }]), { training: true });
    check(mlp([{ type: 'dropout', rate: 0.5 }]), { training: false });
  });

  it('batchnorm 1-D and 2-D, in training (batch statistics) and in eval (running statistics)', () => {
    for (const training of [true, false]) {
      check(mlp([{ type: 'batchnorm' }]), { training });
      check(image([{ type: 'batchnorm', momentum: 0.3, eps: 1e-3 }]), { training });
    }
  });

  it.each(['relu', 'leaky_relu', 'elu', 'sigmoid', 'tanh', 'swish', 'gelu', 'linear'] as const)('%s', (type) => {
    check(mlp([{ type }]));
  });

  it('leaky_relu and elu with their own alpha', () => {
    check(mlp([{ type: 'leaky_relu', alpha: 0.2 }]));
    check(mlp([{ type: 'elu', alpha: 0.5 }]));
  });

  it('softmax on its own (under mse) and fused with cross_entropy', () => {
    check({ input: [4], layers: [{ type: 'dense', units: 3 }, { type: 'softmax' }] }, { loss: 'mse' });
    check({ input: [4], layers: [{ type: 'dense', units: 3 }, { type: 'softmax' }] }, { loss: 'cross_entropy' });
  });

  it.each(['mse', 'mae', 'huber'] as const)('%s loss', (loss) => {
    check(mlp([{ type: 'tanh' }]), { loss });
  });

  it('bce fused with a final sigmoid', () => {
    check({ input: [4], layers: [{ type: 'dense', units: 3 }, { type: 'sigmoid' }] }, { loss: 'bce' });
  });

  it('notices a wrong derivative: a coarse step leaves a visible error on a curved loss', () => {
    const coarse = gradCheck(mlp([{ type: 'tanh' }]), { eps: 0.5 });
    expect(coarse.maxRelError).toBeGreaterThan(1e-3);
  });
});
