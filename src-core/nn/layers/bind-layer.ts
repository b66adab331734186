import type { Random } from '../../data/random';
import type { FloatArray, FloatArrayConstructor } from '../float-array';
import type { TensorSlot } from '../model';
import type { LayerInfo } from '../spec-analysis';
import * as act from './activations';
import { batchnormBackward, batchnormForward, type BatchnormDims } from './batchnorm';
import { conv2dBackward, conv2dForward, type Conv2dDims } from './conv2d';
import { denseBackward, denseForward } from './dense';
import { dropoutBackward, dropoutForward } from './dropout';
import { flattenBackward, flattenForward } from './flatten';
import { avgpool2dBackward, avgpool2dForward, maxpool2dBackward, maxpool2dForward, type PoolDims } from './pooling';

/**
 * Binds one layer's forward/backward free functions to the model's buffers and allocates the layer's
 * caches for the maximum batch. The returned closures take only the batch size, so the training loop
 * allocates nothing.
 */
export interface BoundLayer {
  forward(n: number, training: boolean): void;
  /** Accumulates parameter gradients and, unless this is the first layer, dinp. */
  backward(n: number, training: boolean): void;
}

export interface LayerBuffers {
  inp: FloatArray; // (maxBatch, ...input shape)
  out: FloatArray; // (maxBatch, ...output shape)
  dinp: FloatArray | null; // null for the first layer: no one needs the input gradient
  dout: FloatArray;
  params: FloatArray;
  grads: FloatArray;
  buffers: FloatArray;
  slots: TensorSlot[];
  maxBatch: number;
  dtype: FloatArrayConstructor;
  /** The model's current generator (read at each forward, so a check can swap it). */
  random: () => Random;
}

const sizeOf = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

export function bindLayer(info: LayerInfo, b: LayerBuffers): BoundLayer {
  const { inp, out, dinp, dout, params, grads } = b;
  const inSize = sizeOf(info.inputShape);
  const outSize = sizeOf(info.outputShape);
  const slot = (name: TensorSlot['name']): TensorSlot | undefined => b.slots.find((s) => s.name === name);
  const spec = info.spec;

  switch (spec.type) {
    case 'dense': {
      const weight = slot('weight')!;
      const bias = slot('bias');
      const I = inSize;
      const O = outSize;
      const scratchA = new b.dtype(O * b.maxBatch); // (O, N) doutᵀ
      const scratchB = new b.dtype(I * Math.max(b.maxBatch, O)); // (I, N) inpᵀ, or (I, O) Wᵀ
      return {
        forward: (n) => denseForward(out, inp, params, bias ? params : null, n, I, O, weight.offset, bias?.offset ?? 0),
        backward: (n) =>
          denseBackward(dinp, grads, bias ? grads : null, dout, inp, params, n, I, O, weight.offset, bias?.offset ?? 0, scratchA, scratchB),
      };
    }
    case 'conv2d': {
      const weight = slot('weight')!;
      const bias = slot('bias');
      const [C, H, W] = info.inputShape as [number, number, number];
      const [F, OH, OW] = info.outputShape as [number, number, number];
      const K = spec.kernel;
      const cols = new b.dtype(b.maxBatch * C * K * K * OH * OW); // (N, C·K·K, OH·OW)
      const dcol = new b.dtype(C * K * K * OH * OW); // (C·K·K, OH·OW)
      const colT = new b.dtype(OH * OW * C * K * K); // (OH·OW, C·K·K)
      const weightT = new b.dtype(C * K * K * F); // (C·K·K, F)
      const doutT = new b.dtype(OH * OW * F); // (OH·OW, F)
      const d: Conv2dDims = { N: 0, C, H, W, F, K, stride: spec.stride ?? 1, pad: spec.padding ?? 0, OH, OW };
      return {
        forward: (n) => {
          d.N = n;
          conv2dForward(out, cols, inp, params, bias ? params : null, colT, d, weight.offset, bias?.offset ?? 0);
        },
        backward: (n) => {
          d.N = n;
          conv2dBackward(dinp, grads, bias ? grads : null, dcol, dout, cols, params, weightT, doutT, d, weight.offset, bias?.offset ?? 0);
        },
      };
    }
    case 'maxpool2d':
    case 'avgpool2d': {
      const [C, H, W] = info.inputShape as [number, number, number];
      const [, OH, OW] = info.outputShape as [number, number, number];
      const d: PoolDims = { NC: 0, H, W, size: spec.size, stride: spec.stride ?? spec.size, OH, OW };
      if (spec.type === 'avgpool2d') {
        return {
          forward: (n) => {
            d.NC = n * C;
            avgpool2dForward(out, inp, d);
          },
          backward: (n) => {
            d.NC = n * C;
            if (dinp) avgpool2dBackward(dinp, dout, d);
          },
        };
      }
      const argmax = new Int32Array(b.maxBatch * outSize); // (N, C, OH, OW) flat input index
      return {
        forward: (n) => {
          d.NC = n * C;
          maxpool2dForward(out, argmax, inp, d);
        },
        backward: (n) => {
          if (dinp) maxpool2dBackward(dinp, dout, argmax, n * outSize);
        },
      };
    }
    case 'flatten':
      return {
        forward: (n) => flattenForward(out, inp, n * inSize),
        backward: (n) => dinp && flattenBackward(dinp, dout, n * inSize),
      };
    case 'dropout': {
      const mask = new b.dtype(b.maxBatch * inSize); // (N, ...) 0 or 1/(1−p)
      return {
        forward: (n, training) => dropoutForward(out, mask, inp, n * inSize, spec.rate, training, b.random()),
        backward: (n, training) => dinp && dropoutBackward(dinp, dout, mask, n * inSize, spec.rate, training),
      };
    }
    case 'batchnorm': {
      const weight = slot('weight')!; // bias follows it directly: [γ (C), β (C)]
      const runningMean = slot('running_mean')!; // running_var follows it: [mean (C), var (C)]
      const C = info.inputShape[0]!;
      const S = inSize / C;
      const xhat = new b.dtype(b.maxBatch * inSize); // (N, C, S)
      const invStd = new b.dtype(C); // (C)
      const d: BatchnormDims = { N: 0, C, S, momentum: spec.momentum ?? 0.1, eps: spec.eps ?? 1e-5 };
      return {
        forward: (n, training) => {
          d.N = n;
          batchnormForward(out, xhat, invStd, inp, params, params, weight.offset, b.buffers, b.buffers, runningMean.offset, d, training);
        },
        backward: (n, training) => {
          d.N = n;
          batchnormBackward(dinp, grads, weight.offset, dout, xhat, invStd, params, d, training);
        },
      };
    }
    case 'relu':
      return {
        forward: (n) => act.reluForward(out, inp, n * inSize),
        backward: (n) => dinp && act.reluBackward(dinp, dout, inp, n * inSize),
      };
    case 'leaky_relu': {
      const alpha = spec.alpha ?? 0.01;
      return {
        forward: (n) => act.leakyReluForward(out, inp, n * inSize, alpha),
        backward: (n) => dinp && act.leakyReluBackward(dinp, dout, inp, n * inSize, alpha),
      };
    }
    case 'elu': {
      const alpha = spec.alpha ?? 1;
      return {
        forward: (n) => act.eluForward(out, inp, n * inSize, alpha),
        backward: (n) => dinp && act.eluBackward(dinp, dout, inp, out, n * inSize, alpha),
      };
    }
    case 'sigmoid':
      return {
        forward: (n) => act.sigmoidForward(out, inp, n * inSize),
        backward: (n) => dinp && act.sigmoidBackward(dinp, dout, out, n * inSize),
      };
    case 'tanh':
      return {
        forward: (n) => act.tanhForward(out, inp, n * inSize),
        backward: (n) => dinp && act.tanhBackward(dinp, dout, out, n * inSize),
      };
    case 'swish':
      return {
        forward: (n) => act.swishForward(out, inp, n * inSize),
        backward: (n) => dinp && act.swishBackward(dinp, dout, inp, n * inSize),
      };
    case 'gelu':
      return {
        forward: (n) => act.geluForward(out, inp, n * inSize),
        backward: (n) => dinp && act.geluBackward(dinp, dout, inp, n * inSize),
      };
    case 'softmax':
      return {
        forward: (n) => act.softmaxForward(out, inp, n, inSize),
        backward: (n) => dinp && act.softmaxBackward(dinp, dout, out, n, inSize),
      };
    case 'linear':
      return {
        forward: (n) => act.linearForward(out, inp, n * inSize),
        backward: (n) => dinp && act.linearBackward(dinp, dout, n * inSize),
      };
  }
}
