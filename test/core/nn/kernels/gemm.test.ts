import { describe, expect, it } from 'vitest';
import { Random } from '../../../../src-core/data/random';
import { gemmNN, gemmNT, gemmTN, transpose } from '../../../../src-core/nn/kernels/gemm';
import { col2im, im2col } from '../../../../src-core/nn/kernels/im2col';

/** The kernels against the textbook triple loop, in float64, over shapes that hit every remainder and block edge. */

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

// (M, K, N): tiny, not multiples of 4, a K long enough that B is cache-blocked in several pieces, and a 1×1.
const shapes: Array<[number, number, number]> = [[1, 1, 1], [3, 5, 2], [4, 4, 4], [5, 7, 9], [8, 800, 45], [13, 3, 130], [64, 9, 7]];

describe('gemm kernels', () => {
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
