import { describe, expect, it } from 'vitest';
import { modelSpecSchema } from '../../../src-core/contract/model-spec';
import { trainConfigSchema } from '../../../src-core/contract/run-config';
import { batchSizeRefusal, estimateTrainingMemory, formatMemory, memoryRefusal } from '../../../src-core/nn/memory-estimate';
import { analyzeSpec } from '../../../src-core/nn/spec-analysis';

const GB = 1024 ** 3;

describe('size limits in the schemas', () => {
  it.each([1e9, 2 ** 53 - 1])('refuses %d dense units and rows in a batch, naming the limit', (n) => {
    const spec = modelSpecSchema.safeParse({ input: [2], layers: [{ type: 'dense', units: n }] });
    expect(spec.success).toBe(false);
    expect(spec.error!.issues[0]).toMatchObject({ path: ['layers', 0, 'units'], message: 'at most 65,536 units in a layer' });
    const train = trainConfigSchema.safeParse({ loss: 'mse', optimizer: { type: 'sgd' }, batchSize: n, epochs: 1 });
    expect(train.error!.issues[0]).toMatchObject({ path: ['batchSize'], message: 'at most 1,048,576 rows in a batch' });
  });

  it('refuses a weight or a network too large to allocate, naming the layer', () => {
    expect(() => analyzeSpec({ input: [16_000_000], layers: [{ type: 'dense', units: 65_536 }] })).toThrow(
      'layer 0 (dense): its weight would have 1,048,576,000,000 values (65,536 × 16,000,000); at most 1,073,741,824',
    );
    const wide = { input: [16_384], layers: Array.from({ length: 6 }, () => ({ type: 'dense' as const, units: 16_384 })) };
    expect(() => analyzeSpec(wide)).toThrow(/^the network would have 1,610,711,040 parameters; at most 1,073,741,824$/);
  });
});

describe('estimateTrainingMemory', () => {
  const spec = { input: [784], layers: [{ type: 'dense' as const, units: 128 }, { type: 'relu' as const }, { type: 'dense' as const, units: 10 }] };
  const analysis = analyzeSpec(spec);

  it('counts weights, gradients, a copy and the optimizer moments, and each batch buffer twice', () => {
    const params = 784 * 128 + 128 + 128 * 10 + 10; // 101,770
    const adam = estimateTrainingMemory(analysis, 64, 'adam');
    expect(adam.parameterBytes).toBe(params * (1 + 2 + 2) * 4);
    expect(adam.activationBytes).toBe((64 * 784 + 2 * 64 * (128 + 128 + 10)) * 4);
    expect(estimateTrainingMemory(analysis, 64, 'sgd').parameterBytes).toBe(params * 4 * 4);
    expect(adam.bytes).toBe(adam.parameterBytes + adam.activationBytes);
  });

  it("counts conv2d's unfolded columns and its gradient partials (one per chunk of samples)", () => {
    const conv = analyzeSpec({ input: [1, 28, 28], layers: [{ type: 'conv2d', filters: 8, kernel: 3 }] });
    const memory = estimateTrainingMemory(conv, 10, 'sgd');
    // 9 × 676 column values a sample: 5 samples fit a chunk of 2^15, so 10 samples take 2 chunks of 8 × 9 + 8 partials.
    expect(memory.activationBytes).toBe((10 * 784 + 2 * (10 * 8 * 26 * 26 + 10 * 9 * 26 * 26) + 2 * (8 * 9 + 8)) * 4);
  });

  it('counts the partials a model really allocates, up to their cap of 1 M values a layer', () => {
    const wide = analyzeSpec({ input: [64, 8, 8], layers: [{ type: 'conv2d', filters: 256, kernel: 3 }] });
    const plain = (2 * (256 * 36 + 576 * 36)) * 256 + 256 * 64 * 64; // outputs, columns (both twice) and input
    const partials = estimateTrainingMemory(wide, 256, 'sgd').activationBytes / 4 - plain;
    // 147,456 weights: 7 partials fit 1 M values, so the 256 samples go in 7 chunks of 37.
    expect(partials).toBe(7 * (256 * 576 + 256));
  });

  it('says what the network needs and what the machine has', () => {
    const big = analyzeSpec({ input: [3, 512, 512], layers: [{ type: 'conv2d', filters: 128, kernel: 3, padding: 1 }, { type: 'flatten' }, { type: 'dense', units: 2 }] });
    const memory = estimateTrainingMemory(big, 64, 'adam');
    expect(memoryRefusal(memory, 64, 24 * GB)).toBe(`this network needs ${formatMemory(memory.bytes)} for a batch of 64; the machine has 24 GB`);
    expect(formatMemory(memory.bytes)).toMatch(/^\d\d GB$/);
    expect(memoryRefusal(estimateTrainingMemory(analysis, 64, 'adam'), 64, 24 * GB)).toBeUndefined();
    expect([formatMemory(1.5 * GB), formatMemory(512 * 1024 ** 2)]).toEqual(['1.5 GB', '512 MB']);
  });

  it('refuses a batch whose layer output alone is too large to allocate', () => {
    expect(batchSizeRefusal(analysis, 1_048_576)).toBeUndefined();
    const wide = analyzeSpec({ input: [10], layers: [{ type: 'dense', units: 65_536 }] });
    expect(batchSizeRefusal(wide, 1_048_576)).toBe('a batch of 1,048,576 makes layer 0 (dense) hold 68,719,476,736 values at once; at most 1,073,741,824: use a smaller batch');
  });
});
