import { beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../../../src-core/data/random';
import { conv2dBackward, conv2dChunkSamples, conv2dChunkValues, conv2dForward, conv2dPartValues, type Conv2dDims } from '../../../../src-core/nn/layers/conv2d';
import { testedBackends } from '../../../support/kernel-backends';

const rng = new Random(7);
const randomArray = (n: number) => Float64Array.from({ length: n }, () => rng.normal());

/** The convolution by its definition, in float64: out, dW, db and dinp for an output gradient dout. */
function reference(inp: Float64Array, w: Float64Array, bias: Float64Array, dout: Float64Array, d: Conv2dDims) {
  const { N, C, H, W, F, K, stride, pad, OH, OW } = d;
  const out = new Float64Array(N * F * OH * OW);
  const dw = new Float64Array(w.length);
  const db = new Float64Array(F);
  const dinp = new Float64Array(inp.length);
  for (let n = 0; n < N; n++)
    for (let f = 0; f < F; f++)
      for (let oy = 0; oy < OH; oy++)
        for (let ox = 0; ox < OW; ox++) {
          const o = ((n * F + f) * OH + oy) * OW + ox;
          let s = bias[f]!;
          db[f] = db[f]! + dout[o]!;
          for (let c = 0; c < C; c++)
            for (let ki = 0; ki < K; ki++)
              for (let kj = 0; kj < K; kj++) {
                const y = oy * stride - pad + ki;
                const x = ox * stride - pad + kj;
                if (y < 0 || y >= H || x < 0 || x >= W) continue;
                const i = ((n * C + c) * H + y) * W + x;
                const wi = ((f * C + c) * K + ki) * K + kj;
                s += w[wi]! * inp[i]!;
                dw[wi] = dw[wi]! + dout[o]! * inp[i]!;
                dinp[i] = dinp[i]! + dout[o]! * w[wi]!;
              }
          out[o] = s;
        }
  return { out, dw, db, dinp };
}

const expectClose = (actual: Float64Array, expected: Float64Array) => {
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i]!, 10);
};

describe.each(testedBackends)('conv2d in chunks of samples on $name', (backend) => {
  beforeAll(() => {
    expect(backend.use()).toBe(backend.name);
  });

  // 5 samples in chunks of 5 (one product), 2 (2 + 2 + 1: a short last chunk) and 1 (one product per sample).
  it.each([5, 2, 1])('chunks of %i samples give the definition\'s output and gradients', (S) => {
    const d: Conv2dDims = { N: 5, C: 2, H: 6, W: 5, F: 3, K: 3, stride: 2, pad: 1, OH: 3, OW: 3, S };
    const { N, C, H, W, F, K, OH, OW } = d;
    const P = OH * OW;
    const inp = randomArray(N * C * H * W);
    const w = randomArray(F * C * K * K);
    const bias = randomArray(F);
    const dout = randomArray(N * F * P);
    const ws = {
      cols: new Float64Array(N * C * K * K * P),
      y: new Float64Array(F * S * P),
      dcol: new Float64Array(C * K * K * S * P),
      weightT: new Float64Array(C * K * K * F),
      yT: new Float64Array(S * P * F),
      partW: new Float64Array(Math.ceil(N / S) * F * C * K * K),
      partB: new Float64Array(Math.ceil(N / S) * F),
    };
    const out = new Float64Array(N * F * P);
    const dw = new Float64Array(w.length);
    const db = new Float64Array(F);
    const dinp = new Float64Array(inp.length);
    conv2dForward(out, inp, w, bias, ws, d);
    conv2dBackward(dinp, dw, db, dout, w, ws, d);
    const want = reference(inp, w, bias, dout, d);
    expectClose(out, want.out);
    expectClose(dw, want.dw);
    expectClose(db, want.db);
    expectClose(dinp, want.dinp);
  });
});

describe('conv2d chunk size', () => {
  it('takes the whole batch when its columns fit, else as many samples as fit, at least one', () => {
    expect(conv2dChunkSamples(4, 1, 3, 28, 28)).toBe(4); // 4 × 9 × 784 values fit
    expect(conv2dChunkSamples(64, 8, 3, 14, 14)).toBe(Math.floor(conv2dChunkValues / (72 * 196))); // 2 of 64
    expect(conv2dChunkSamples(64, 64, 7, 224, 224)).toBe(1); // one sample is over the budget: still one
    // The weight gradient's partials, one per chunk, stay within conv2dPartValues: 64 filters over 64 × 3 × 3
    // (36 864 values a partial, 28 chunks at most) take 3 samples a chunk, not 1; 512 over 512 × 3 × 3 (2.4 M
    // values, over the budget alone) the whole batch in one chunk.
    expect(conv2dChunkSamples(64, 64, 3, 28, 28, 64)).toBe(Math.ceil(64 / Math.floor(conv2dPartValues / (64 * 576))));
    expect(conv2dChunkSamples(64, 512, 3, 3, 3, 512)).toBe(64);
    expect(conv2dChunkSamples(64, 8, 3, 14, 14, 16)).toBe(Math.floor(conv2dChunkValues / (72 * 196))); // partials small: by columns
  });
});
