/**
 * The WebAssembly SIMD kernels, in AssemblyScript (compiled by scripts/build-wasm.mjs into ../wasm-bytes.ts; this
 * folder is not TypeScript for the core's tsconfig). Each kernel is generic in the element type T, so the float32
 * training path and the float64 gradient check run the same code: a v128 holds 4 f32 or 2 f64 lanes.
 * Pointers are byte addresses in this module's memory; the caller (../wasm-kernels.ts) copies operands in and out.
 * Built twice: plain SIMD, and with relaxed SIMD, where madd becomes one fused multiply-add.
 */

/** c + a·b, fused where relaxed SIMD is enabled (a rounding difference of at most one ulp per step). */
// @ts-ignore: decorator
@inline function madd<T>(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return v128.relaxed_madd<T>(a, b, c);
  return v128.add<T>(c, v128.mul<T>(a, b));
}

/** The k-block: a 4-row tile of C reads kc rows of a B panel (kc × 32 bytes = 8 KB), which stay in L1 across every row tile. */
const KC: i32 = 256;
/** One packed panel of B: kc rows of two vectors, contiguous (rows of B itself lie N apart, often 4 KB: one cache set). */
const PANEL: usize = memory.data(KC * 32, 16);

/**
 * C (M, N) += A · B with A's element (i, k) at a + (i·rsA + k·csA) and B's element (k, j) at b + (k·rsB + j·csB):
 * A (M, K) row-major is rsA = K, csA = 1, A stored as (K, M) (the TN layout) rsA = 1, csA = M; B (K, N) row-major is
 * rsB = N, csB = 1, B stored as (N, K) (the NT layout) rsB = 1, csB = K. Vectors run along N; A's values are
 * broadcast; B is packed panel by panel, so its layout costs only the packing. Within one k-block each C entry sums
 * its products in k order.
 */
function gemm<T>(c: usize, a: usize, b: usize, M: i32, K: i32, N: i32, rsA: i32, csA: i32, rsB: i32, csB: i32): void {
  const S = <i32>sizeof<T>();
  const V = 16 / S;
  const N2 = N - (N % (2 * V));
  const N1 = N - (N % V);
  const M4 = M - (M % 4);
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = min(K - k0, KC);
    const bk = b + <usize>(k0 * rsB * S);
    const ak = a + <usize>(k0 * csA * S);
    let j = 0;
    for (; j < N2; j += 2 * V) {
      pack<T>(bk + <usize>(j * csB * S), kc, 2, rsB, csB);
      let i = 0;
      for (; i < M4; i += 4) tile4x2<T>(c + <usize>((i * N + j) * S), ak + <usize>(i * rsA * S), PANEL, kc, N, rsA, csA);
      for (; i < M; i++) tile1x2<T>(c + <usize>((i * N + j) * S), ak + <usize>(i * rsA * S), PANEL, kc, N, csA);
    }
    for (; j < N1; j += V) {
      pack<T>(bk + <usize>(j * csB * S), kc, 1, rsB, csB);
      for (let i = 0; i < M; i++) tile1x1<T>(c + <usize>((i * N + j) * S), ak + <usize>(i * rsA * S), PANEL, kc, N, csA);
    }
    for (; j < N; j++) {
      for (let i = 0; i < M; i++) {
        const pc = c + <usize>((i * N + j) * S);
        let s = load<T>(pc);
        let pa = ak + <usize>(i * rsA * S);
        let pb = bk + <usize>(j * csB * S);
        for (let k = 0; k < kc; k++) {
          s += load<T>(pa) * load<T>(pb);
          pa += <usize>(csA * S);
          pb += <usize>(rsB * S);
        }
        store<T>(pc, s);
      }
    }
  }
}

/**
 * Copies kc rows of `vectors` (1 or 2) vectors of B, starting at b, into PANEL, 32 bytes a row: two vector loads a row
 * where B's rows are contiguous (csB = 1), else a gather (the NT layout: each panel column is a row of B).
 */
function pack<T>(b: usize, kc: i32, vectors: i32, rsB: i32, csB: i32): void {
  const S = <usize>sizeof<T>();
  const width = vectors * (16 / <i32>S);
  let src = b;
  if (csB === 1) {
    for (let k = 0; k < kc; k++) {
      v128.store(PANEL + <usize>(k * 32), v128.load(src));
      if (vectors === 2) v128.store(PANEL + <usize>(k * 32), v128.load(src, 16), 16);
      src += <usize>rsB * S;
    }
    return;
  }
  for (let jj = 0; jj < width; jj++) {
    let from = b + <usize>(jj * csB) * S;
    let to = PANEL + <usize>jj * S;
    for (let k = 0; k < kc; k++) {
      store<T>(to, load<T>(from));
      from += <usize>rsB * S;
      to += 32;
    }
  }
}

/**
 * A 4 × 2-vector tile of C over a packed panel b (kc rows of 32 bytes): per k, 2 loads of B, 4 broadcasts of A,
 * 8 multiply-adds; 8 accumulators in registers.
 */
// @ts-ignore: decorator
@inline function tile4x2<T>(c: usize, a: usize, b: usize, kc: i32, N: i32, rsA: i32, csA: i32): void {
  const S = <usize>sizeof<T>();
  const rowC = <usize>N * S;
  const rowA = <usize>rsA * S;
  const stepA = <usize>csA * S;
  const c0 = c, c1 = c0 + rowC, c2 = c1 + rowC, c3 = c2 + rowC;
  let s00 = v128.load(c0), s01 = v128.load(c0, 16);
  let s10 = v128.load(c1), s11 = v128.load(c1, 16);
  let s20 = v128.load(c2), s21 = v128.load(c2, 16);
  let s30 = v128.load(c3), s31 = v128.load(c3, 16);
  let pa = a, pb = b;
  for (let k = 0; k < kc; k++) {
    const y0 = v128.load(pb), y1 = v128.load(pb, 16);
    let x = v128.splat<T>(load<T>(pa));
    s00 = madd<T>(x, y0, s00); s01 = madd<T>(x, y1, s01);
    x = v128.splat<T>(load<T>(pa + rowA));
    s10 = madd<T>(x, y0, s10); s11 = madd<T>(x, y1, s11);
    x = v128.splat<T>(load<T>(pa + 2 * rowA));
    s20 = madd<T>(x, y0, s20); s21 = madd<T>(x, y1, s21);
    x = v128.splat<T>(load<T>(pa + 3 * rowA));
    s30 = madd<T>(x, y0, s30); s31 = madd<T>(x, y1, s31);
    pa += stepA;
    pb += 32;
  }
  v128.store(c0, s00); v128.store(c0, s01, 16);
  v128.store(c1, s10); v128.store(c1, s11, 16);
  v128.store(c2, s20); v128.store(c2, s21, 16);
  v128.store(c3, s30); v128.store(c3, s31, 16);
}

/** One row × 2 vectors of C over a packed panel (the rows left over below a multiple of 4). */
// @ts-ignore: decorator
@inline function tile1x2<T>(c: usize, a: usize, b: usize, kc: i32, N: i32, csA: i32): void {
  const S = <usize>sizeof<T>();
  let s0 = v128.load(c), s1 = v128.load(c, 16);
  let pa = a, pb = b;
  for (let k = 0; k < kc; k++) {
    const x = v128.splat<T>(load<T>(pa));
    s0 = madd<T>(x, v128.load(pb), s0);
    s1 = madd<T>(x, v128.load(pb, 16), s1);
    pa += <usize>csA * S;
    pb += 32;
  }
  v128.store(c, s0); v128.store(c, s1, 16);
}

/** One row × one vector of C over a packed panel (the columns left over below a multiple of 2 vectors). */
// @ts-ignore: decorator
@inline function tile1x1<T>(c: usize, a: usize, b: usize, kc: i32, N: i32, csA: i32): void {
  const S = <usize>sizeof<T>();
  let s = v128.load(c);
  let pa = a, pb = b;
  for (let k = 0; k < kc; k++) {
    s = madd<T>(v128.splat<T>(load<T>(pa)), v128.load(pb), s);
    pa += <usize>csA * S;
    pb += 32;
  }
  v128.store(c, s);
}

/** The first free byte after the module's static data: the caller's operands start here. */
export function heapBase(): usize {
  return __heap_base;
}

export function gemmF32(c: usize, a: usize, b: usize, M: i32, K: i32, N: i32, rsA: i32, csA: i32, rsB: i32, csB: i32): void {
  gemm<f32>(c, a, b, M, K, N, rsA, csA, rsB, csB);
}
export function gemmF64(c: usize, a: usize, b: usize, M: i32, K: i32, N: i32, rsA: i32, csA: i32, rsB: i32, csB: i32): void {
  gemm<f64>(c, a, b, M, K, N, rsA, csA, rsB, csB);
}
