import { beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../../../src-core/data/random';
import { gemmNN, gemmNT, gemmTN, transpose } from '../../../../src-core/nn/kernels/gemm';
import { col2im, im2col } from '../../../../src-core/nn/kernels/im2col';
import { testedBackends } from '../../../support/kernel-backends';

/**
 * The kernels of every backend against the textbook triple loop, over shapes that hit every remainder and block
 * edge: in float64 to 1e-12, and in float32 (the training path) to float32's rounding.
 */

const rng = new Random(42);
const randomArray = (n: number) => Float64Array.from({ length: n }, () => rng.normal());

/** C (M, N) = A (M, K) · B (K, N), the definition. */
function naive(a: (i: number, k: number) => number, b: (k: number, j: number) => number, M: number, K: number, N: number): Float64Array {
  const c = new Float64Array(M * N);
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) for (let k = 0; k < K; k++) c[i * N + j] = c[i * N + j]! + a(i, k) * b(k, j);
  return c;
}

function expectClose(actual: Float64Array, expected: Float64Array, offset = 0): void {
  for (let i = 0; i < expected.length; i++) {
    const a = actual[offset + i]!;
    const b = expected[i]!;
    if (Math.abs(a - b) > 1e-12 * Math.max(1, Math.abs(b))) expect.fail(`entry ${i}: ${a} vs ${b}`);
  }
}

/** float32 against the float64 definition: the error bound of a K-term sum in float32, relative to Σ|a·b|. */
function expectCloseF32(actual: Float32Array, expected: Float64Array, magnitude: Float64Array, K: number): void {
  for (let i = 0; i < expected.length; i++) {
    const bound = 4 * (K + 2) * 2 ** -24 * (magnitude[i]! + Math.abs(expected[i]!)) + 1e-30;
    if (Math.abs(actual[i]! - expected[i]!) > bound) expect.fail(`entry ${i}: ${actual[i]} vs ${expected[i]} (bound ${bound})`);
  }
}

// (M, K, N): tiny, not multiples of 4 or 8, a K long enough that it is blocked in several pieces (JS blocks B's
// rows by 16384 / K, WebAssembly blocks k by 256), N past one 8-wide tile with every remainder, and a 1×1.
const shapes: Array<[number, number, number]> = [
  [1, 1, 1], [3, 5, 2], [4, 4, 4], [5, 7, 9], [8, 800, 45], [13, 3, 130], [64, 9, 7], [6, 600, 13], [9, 257, 20],
];

describe.each(testedBackends)('gemm kernels on $name', (backend) => {
  beforeAll(() => {
    expect(backend.use()).toBe(backend.name);
  });

  it.each(shapes)('gemmNT %i×%i×%i accumulates A·Bᵀ into C at an offset', (M, K, N) => {
    const a = randomArray(M * K + 3); // A at offset 3
    const b = randomArray(N * K + 5); // B at offset 5
    const start = randomArray(M * N + 2); // C at offset 2, already holding values
    const c = Float64Array.from(start);
    gemmNT(c, a, b, M, K, N, 2, 3, 5);
    const product = naive((i, k) => a[3 + i * K + k]!, (k, j) => b[5 + j * K + k]!, M, K, N);
    expectClose(c, product.map((v, i) => v + start[2 + i]!), 2);
    expect(c[0]).toBe(start[0]);
    expect(c[1]).toBe(start[1]);
  });

  it.each(shapes)('gemmNN %i×%i×%i', (M, K, N) => {
    const a = randomArray(M * K);
    const b = randomArray(K * N + 1);
    const c = new Float64Array(M * N);
    gemmNN(c, a, b, M, K, N, new Float64Array(K * N), 0, 0, 1);
    expectClose(c, naive((i, k) => a[i * K + k]!, (k, j) => b[1 + k * N + j]!, M, K, N));
  });

  it.each(shapes)('gemmTN %i×%i×%i', (M, K, N) => {
    const a = randomArray(K * M + 4);
    const b = randomArray(K * N);
    const c = new Float64Array(M * N);
    gemmTN(c, a, b, M, K, N, new Float64Array(M * K), new Float64Array(N * K), 0, 4, 0);
    expectClose(c, naive((i, k) => a[4 + k * M + i]!, (k, j) => b[k * N + j]!, M, K, N));
  });

  it.each(shapes)('float32: gemmNT, gemmNN and gemmTN %i×%i×%i', (M, K, N) => {
    const a = randomArray(M * K);
    const b = randomArray(K * N);
    const start = randomArray(M * N);
    const [a32, b32] = [Float32Array.from(a), Float32Array.from(b)];
    const bT = new Float32Array(K * N);
    transpose(bT, b32, K, N, 0, 0);
    const aT = new Float32Array(M * K);
    transpose(aT, a32, M, K, 0, 0);
    const product = naive((i, k) => a32[i * K + k]!, (k, j) => b32[k * N + j]!, M, K, N).map((v, i) => v + Math.fround(start[i]!));
    const magnitude = naive((i, k) => Math.abs(a32[i * K + k]!), (k, j) => Math.abs(b32[k * N + j]!), M, K, N);
    const run = (gemm: (c: Float32Array) => void): Float32Array => {
      const c = Float32Array.from(start);
      gemm(c);
      return c;
    };
    expectCloseF32(run((c) => gemmNT(c, a32, bT, M, K, N, 0, 0, 0)), product, magnitude, K);
    expectCloseF32(run((c) => gemmNN(c, a32, b32, M, K, N, new Float32Array(K * N), 0, 0, 0)), product, magnitude, K);
    expectCloseF32(run((c) => gemmTN(c, aT, b32, M, K, N, new Float32Array(M * K), new Float32Array(K * N), 0, 0, 0)), product, magnitude, K);
  });

  it('transpose across tile edges', () => {
    const src = randomArray(37 * 70);
    const dst = new Float64Array(37 * 70);
    transpose(dst, src, 37, 70, 0, 0);
    for (let r = 0; r < 37; r++) for (let c = 0; c < 70; c++) expect(dst[c * 37 + r]).toBe(src[r * 70 + c]);
  });
});

describe('im2col', () => {
  it('lays out each window as a column, with zeros for padding', () => {
    // One 3×3 channel holding 1…9, kernel 2, stride 1, padding 1: a 4×4 output.
    const img = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const col = new Float64Array(4 * 16);
    im2col(col, 0, img, 0, 1, 3, 3, 2, 1, 1, 4, 4);
    // Row (ki=1, kj=1) reads the bottom-right tap of each window: image pixel (oy, ox), zero past the edge.
    expect(Array.from(col.subarray(3 * 16, 4 * 16))).toEqual([1, 2, 3, 0, 4, 5, 6, 0, 7, 8, 9, 0, 0, 0, 0, 0]);
    // Row (0, 0): the top-left tap, pixel (oy − 1, ox − 1).
    expect(Array.from(col.subarray(0, 16))).toEqual([0, 0, 0, 0, 0, 1, 2, 3, 0, 4, 5, 6, 0, 7, 8, 9]);
  });

  it.each([[1, 0], [1, 2], [2, 1], [3, 2], [2, 3]])('matches the definition at stride %i, padding %i', (stride, pad) => {
    const [C, H, W, K] = [2, 7, 6, 3];
    const OH = Math.floor((H + 2 * pad - K) / stride) + 1;
    const OW = Math.floor((W + 2 * pad - K) / stride) + 1;
    const x = randomArray(C * H * W);
    const col = randomArray(C * K * K * OH * OW + 3); // filled with noise: every entry must be written
    im2col(col, 3, x, 0, C, H, W, K, stride, pad, OH, OW);
    for (let c = 0; c < C; c++) for (let ki = 0; ki < K; ki++) for (let kj = 0; kj < K; kj++) {
      for (let oy = 0; oy < OH; oy++) for (let ox = 0; ox < OW; ox++) {
        const [y, xx] = [oy * stride - pad + ki, ox * stride - pad + kj];
        const expected = y >= 0 && y < H && xx >= 0 && xx < W ? x[(c * H + y) * W + xx]! : 0;
        expect(col[3 + (((c * K + ki) * K + kj) * OH + oy) * OW + ox]).toBe(expected);
      }
    }
  });

  it('col2im is the adjoint of im2col: <col, im2col(x)> = <col2im(col), x>', () => {
    const [C, H, W, K, stride, pad] = [2, 7, 6, 3, 2, 1];
    const OH = Math.floor((H + 2 * pad - K) / stride) + 1;
    const OW = Math.floor((W + 2 * pad - K) / stride) + 1;
    const x = randomArray(C * H * W);
    const col = randomArray(C * K * K * OH * OW);
    const unrolled = new Float64Array(col.length);
    im2col(unrolled, 0, x, 0, C, H, W, K, stride, pad, OH, OW);
    const folded = new Float64Array(x.length);
    col2im(folded, 0, col, 0, C, H, W, K, stride, pad, OH, OW);
    const left = col.reduce((s, v, i) => s + v * unrolled[i]!, 0);
    const right = x.reduce((s, v, i) => s + v * folded[i]!, 0);
    expect(left).toBeCloseTo(right, 10);
  });
});
