import { describe, expect, it } from 'vitest';
import { Random } from '../../../src-core/data/random';
import { softmaxForward } from '../../../src-core/nn/layers/activations';
import { crossEntropyWithLogitsLoss, softmaxCrossEntropy } from '../../../src-core/nn/losses';

describe('softmax fused with cross_entropy', () => {
  it('gives the bits of softmaxForward then crossEntropyWithLogitsLoss: the output, the loss and the gradient', () => {
    const random = new Random(7);
    for (const [N, W] of [[64, 10], [3, 1], [5, 37]] as const) {
      const logits = Float32Array.from({ length: N * W }, () => (random.next() - 0.5) * 40);
      const target = Float32Array.from({ length: N }, () => Math.floor(random.next() * W));
      const seed = Float32Array.from({ length: N * W }, () => random.next());
      const out = new Float32Array(N * W);
      const grad = seed.slice();
      const loss = softmaxCrossEntropy(out, grad, logits, target, N, W);
      const outBefore = new Float32Array(N * W);
      softmaxForward(outBefore, logits, N, W);
      const gradBefore = seed.slice();
      const lossBefore = crossEntropyWithLogitsLoss(gradBefore, logits, target, N, W);
      expect(loss).toBe(lossBefore);
      expect(out).toEqual(outBefore);
      expect(grad).toEqual(gradBefore);
    }
  });
});
