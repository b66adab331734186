/**
 * The WebAssembly SIMD kernels, in AssemblyScript (compiled by scripts/build-wasm.mjs into ../wasm-bytes.ts; this
 * folder is not TypeScript for the core's tsconfig). Each kernel is generic in the element type T, so the float32
 * training path and the float64 gradient check run the same code: a v128 holds 4 f32 or 2 f64 lanes.
 * Pointers are byte addresses in the memory the module imports (shared, so growing it never detaches the typed
 * arrays the model keeps over it: ../wasm-kernels.ts). Built twice: plain SIMD, and with relaxed SIMD, where madd
 * becomes one fused multiply-add (the GEMM only: the element-wise kernels compute what their TypeScript twins do).
 */

/** c + a·b, fused where relaxed SIMD is enabled (a rounding difference of at most one ulp per step). */
// @ts-ignore: decorator
@inline function madd<T>(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return v128.relaxed_madd<T>(a, b, c);
  return v128.add<T>(c, v128.mul<T>(a, b));
}

/** The k-block: a 4-row tile of C reads kc rows of a B panel (kc × 32 bytes = 8 KB), which stay in L1 across every row tile. */
const KC: i32 = 256;
/** Up to this many rows of C, B's contiguous rows are read in place, not packed. */
const PACK_ROWS: i32 = 16;
/** The largest B (bytes) the NT dot-product kernel re-reads for every 4 rows of C: half a typical L2. */
const DOT_B_BYTES: i64 = 512 * 1024;

/** One packed panel of B for a lone caller (gemmF32/F64): kc rows of two vectors. A team's members each pass their own. */
const PANEL: usize = memory.data(KC * 32, 16);

/**
 * C (M, N) += A · B with A's element (i, k) at a + (i·rsA + k·csA) and B's element (k, j) at b + (k·rsB + j·csB):
 * A (M, K) row-major is rsA = K, csA = 1, A stored as (K, M) (the TN layout) rsA = 1, csA = M; B (K, N) row-major is
 * rsB = N, csB = 1, B stored as (N, K) (the NT layout) rsB = 1, csB = K. Vectors run along N; A's values are
 * broadcast; B is packed panel by panel, so its layout costs only the packing. Within one k-block each C entry sums
 * its products in k order. With B's rows contiguous and at most PACK_ROWS rows of C, the tiles read B in place: the
 * few row tiles that would reuse a panel do not repay packing it (a convolution's product has F or C·K·K rows).
 *
 * Member t of a team of `size` computes one block of C: rows [t·M/size, (t+1)·M/size) rounded to 4 (the tile's
 * height), or, where N is the larger, columns rounded to 8 (two f32 vectors), each over the whole K (a team's
 * product goes by chunks of such tiles instead: gemmChunks). The kernel (dot products or broadcast, packed or in
 * place) is chosen from the whole product and a block's edges fall on tile edges, so every value of C is computed
 * by the same instructions in the same order for any team size: the results are bit-identical. panel: this
 * member's packing panel (KC · 32 = 8 KB, 16-byte aligned).
 */
function gemmPart<T>(
  c: usize, a: usize, b: usize, M: i32, K: i32, N: i32, rsA: i32, csA: i32, rsB: i32, csB: i32, t: i32, size: i32, panel: usize,
): void {
  const rows = M >= N;
  const tiles = rows ? (M + 3) / 4 : (N + 7) / 8;
  gemmTiles<T>(c, a, b, M, K, N, rsA, csA, rsB, csB, rows, tiles * t / size, tiles * (t + 1) / size, panel);
}

/**
 * The block of C over tiles [u0, u1) of its rows (4 each) or columns (8 each): gemmPart's block, or a chunk's.
 * inPlace: B's rows are read where they lie even for more than PACK_ROWS rows of C (gemmChunks' row split by units).
 */
function gemmTiles<T>(
  c: usize, a: usize, b: usize, M: i32, K: i32, N: i32, rsA: i32, csA: i32, rsB: i32, csB: i32, rows: bool, u0: i32, u1: i32, panel: usize,
  inPlace: bool = false,
): void {
  // Dot products re-read all of B for every 4 rows of A: where B outgrows half an L2 and C has many rows (1024³),
  // the packed panels' k-blocks keep the traffic in cache instead.
  const dot = csA === 1 && rsB === 1 && K >= 4 * lanes<T>() && (M <= PACK_ROWS || <i64>N * K * sizeof<T>() <= DOT_B_BYTES);
  const direct = csB === 1 && (M <= PACK_ROWS || inPlace);
  let i0 = 0, i1 = M, j0 = 0, j1 = N;
  if (rows) {
    i0 = min(M, u0 * 4);
    i1 = min(M, u1 * 4);
  } else {
    j0 = min(N, u0 * 8);
    j1 = min(N, u1 * 8);
  }
  if (i0 >= i1 || j0 >= j1) return;
  const S = <i32>sizeof<T>();
  const cc = c + <usize>((i0 * N + j0) * S);
  const ac = a + <usize>(i0 * rsA * S);
  const bc = b + <usize>(j0 * csB * S);
  if (dot) gemmDot<T>(cc, ac, bc, i1 - i0, K, j1 - j0, N, rsA, csB);
  else gemmBroadcast<T>(cc, ac, bc, i1 - i0, K, j1 - j0, N, rsA, csA, rsB, csB, direct, panel);
}

/** The broadcast kernel over an M × N block of C whose rows lie ldc values apart (gemmPart chose it and `direct`). */
function gemmBroadcast<T>(
  c: usize, a: usize, b: usize, M: i32, K: i32, N: i32, ldc: i32, rsA: i32, csA: i32, rsB: i32, csB: i32, direct: bool, into: usize,
): void {
  const S = <i32>sizeof<T>();
  const sb = direct ? <usize>(rsB * S) : 32;
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
      let panel = bk + <usize>(j * csB * S);
      if (!direct) {
        pack<T>(into, panel, kc, 2, rsB, csB);
        panel = into;
      }
      let i = 0;
      for (; i < M4; i += 4) tile4x2<T>(c + <usize>((i * ldc + j) * S), ak + <usize>(i * rsA * S), panel, sb, kc, ldc, rsA, csA);
      for (; i < M; i++) tile1x2<T>(c + <usize>((i * ldc + j) * S), ak + <usize>(i * rsA * S), panel, sb, kc, ldc, csA);
    }
    for (; j < N1; j += V) {
      let panel = bk + <usize>(j * csB * S);
      if (!direct) {
        pack<T>(into, panel, kc, 1, rsB, csB);
        panel = into;
      }
      for (let i = 0; i < M; i++) tile1x1<T>(c + <usize>((i * ldc + j) * S), ak + <usize>(i * rsA * S), panel, sb, kc, ldc, csA);
    }
    for (; j < N; j++) {
      for (let i = 0; i < M; i++) {
        const pc = c + <usize>((i * ldc + j) * S);
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
 * The value of T at p in every lane: one load-and-broadcast instruction (x64: vbroadcastss from memory), where a
 * scalar load and a splat take a load and a shuffle, and the GEMM tiles' four shuffles a k step shared a port with
 * nothing else to issue them on.
 */
// @ts-ignore: decorator
@inline function loadSplat<T>(p: usize): v128 {
  return sizeof<T>() == 4 ? v128.load32_splat(p) : v128.load64_splat(p);
}

/** The sum of a vector's lanes, ((0 + 1) + (2 + 3)) for f32. */
// @ts-ignore: decorator
@inline function lanesSum<T>(s: v128): T {
  if (sizeof<T>() === 4) {
    return <T>((f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1)) + (f32x4.extract_lane(s, 2) + f32x4.extract_lane(s, 3)));
  }
  return <T>(f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1));
}

/**
 * C (M, N) += A (M, K) · B (N, K)ᵀ with the rows of both contiguous in k (A's lda apart, B's ldb apart): the NT
 * layout of a dense layer's forward pass and of a convolution's weight gradient. Each entry of C is a dot product
 * along k, vectors across k, so nothing is packed (gathering B's columns for the broadcast kernel cost as much as
 * the products in a convolution's backward pass); 4 rows of A × 2 rows of B share their loads.
 */
function gemmDot<T>(c: usize, a: usize, b: usize, M: i32, K: i32, N: i32, ldc: i32, lda: i32, ldb: i32): void {
  const S = <usize>sizeof<T>();
  const V = lanes<T>();
  const KV = K - (K % V);
  const rowA = <usize>lda * S;
  const rowB = <usize>ldb * S;
  const M4 = M - (M % 4);
  const N2 = N - (N % 2);
  for (let i = 0; i < M4; i += 4) {
    const a0 = a + <usize>i * rowA;
    const a1 = a0 + rowA, a2 = a1 + rowA, a3 = a2 + rowA;
    const c0 = c + <usize>(i * ldc) * S;
    const c1 = c0 + <usize>ldc * S, c2 = c1 + <usize>ldc * S, c3 = c2 + <usize>ldc * S;
    let j = 0;
    for (; j < N2; j += 2) {
      const b0 = b + <usize>j * rowB;
      const b1 = b0 + rowB;
      let s00 = v128.splat<T>(0), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00, s31 = s00;
      for (let k = 0; k < KV; k += V) {
        const at = <usize>k * S;
        const y0 = v128.load(b0 + at), y1 = v128.load(b1 + at);
        let x = v128.load(a0 + at);
        s00 = madd<T>(x, y0, s00); s01 = madd<T>(x, y1, s01);
        x = v128.load(a1 + at);
        s10 = madd<T>(x, y0, s10); s11 = madd<T>(x, y1, s11);
        x = v128.load(a2 + at);
        s20 = madd<T>(x, y0, s20); s21 = madd<T>(x, y1, s21);
        x = v128.load(a3 + at);
        s30 = madd<T>(x, y0, s30); s31 = madd<T>(x, y1, s31);
      }
      const jb = <usize>j * S;
      store<T>(c0 + jb, load<T>(c0 + jb) + dotTail<T>(lanesSum<T>(s00), a0, b0, KV, K));
      store<T>(c0 + jb + S, load<T>(c0 + jb + S) + dotTail<T>(lanesSum<T>(s01), a0, b1, KV, K));
      store<T>(c1 + jb, load<T>(c1 + jb) + dotTail<T>(lanesSum<T>(s10), a1, b0, KV, K));
      store<T>(c1 + jb + S, load<T>(c1 + jb + S) + dotTail<T>(lanesSum<T>(s11), a1, b1, KV, K));
      store<T>(c2 + jb, load<T>(c2 + jb) + dotTail<T>(lanesSum<T>(s20), a2, b0, KV, K));
      store<T>(c2 + jb + S, load<T>(c2 + jb + S) + dotTail<T>(lanesSum<T>(s21), a2, b1, KV, K));
      store<T>(c3 + jb, load<T>(c3 + jb) + dotTail<T>(lanesSum<T>(s30), a3, b0, KV, K));
      store<T>(c3 + jb + S, load<T>(c3 + jb + S) + dotTail<T>(lanesSum<T>(s31), a3, b1, KV, K));
    }
    for (; j < N; j++) {
      const bj = b + <usize>j * rowB;
      dot1<T>(c0 + <usize>j * S, a0, bj, KV, K);
      dot1<T>(c1 + <usize>j * S, a1, bj, KV, K);
      dot1<T>(c2 + <usize>j * S, a2, bj, KV, K);
      dot1<T>(c3 + <usize>j * S, a3, bj, KV, K);
    }
  }
  for (let i = M4; i < M; i++) {
    for (let j = 0; j < N; j++) dot1<T>(c + <usize>(i * ldc + j) * S, a + <usize>i * rowA, b + <usize>j * rowB, KV, K);
  }
}

/** s plus the products of a and b's values from k0 to K (past the last whole vector). */
// @ts-ignore: decorator
@inline function dotTail<T>(s: T, a: usize, b: usize, k0: i32, K: i32): T {
  const S = <usize>sizeof<T>();
  for (let k = k0; k < K; k++) s += load<T>(a + <usize>k * S) * load<T>(b + <usize>k * S);
  return s;
}

/** c += a · b over K values (kv of them in whole vectors), two running vectors. */
function dot1<T>(c: usize, a: usize, b: usize, kv: i32, K: i32): void {
  const S = <usize>sizeof<T>();
  const V = lanes<T>();
  let s0 = v128.splat<T>(0), s1 = s0;
  let k = 0;
  for (; k + 2 * V <= kv; k += 2 * V) {
    const at = <usize>k * S;
    s0 = madd<T>(v128.load(a + at), v128.load(b + at), s0);
    s1 = madd<T>(v128.load(a + at, 16), v128.load(b + at, 16), s1);
  }
  for (; k < kv; k += V) s0 = madd<T>(v128.load(a + <usize>k * S), v128.load(b + <usize>k * S), s0);
  store<T>(c, load<T>(c) + dotTail<T>(lanesSum<T>(v128.add<T>(s0, s1)), a, b, kv, K));
}

/**
 * Copies kc rows of `vectors` (1 or 2) vectors of B, starting at b, into `into` (a packing panel), 32 bytes a row: two vector loads a row
 * where B's rows are contiguous (csB = 1), else a gather (the NT layout: each panel column is a row of B).
 */
function pack<T>(into: usize, b: usize, kc: i32, vectors: i32, rsB: i32, csB: i32): void {
  const S = <usize>sizeof<T>();
  const width = vectors * (16 / <i32>S);
  let src = b;
  if (csB === 1) {
    for (let k = 0; k < kc; k++) {
      v128.store(into + <usize>(k * 32), v128.load(src));
      if (vectors === 2) v128.store(into + <usize>(k * 32), v128.load(src, 16), 16);
      src += <usize>rsB * S;
    }
    return;
  }
  for (let jj = 0; jj < width; jj++) {
    let from = b + <usize>(jj * csB) * S;
    let to = into + <usize>jj * S;
    for (let k = 0; k < kc; k++) {
      store<T>(to, load<T>(from));
      from += <usize>rsB * S;
      to += 32;
    }
  }
}

/**
 * A 4 × 2-vector tile of C over a panel b (kc rows, sb bytes apart: 32 when packed): per k, 2 loads of B, 4 broadcasts of A,
 * 8 multiply-adds; 8 accumulators in registers.
 */
// @ts-ignore: decorator
@inline function tile4x2<T>(c: usize, a: usize, b: usize, sb: usize, kc: i32, N: i32, rsA: i32, csA: i32): void {
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
    let x = loadSplat<T>(pa);
    s00 = madd<T>(x, y0, s00); s01 = madd<T>(x, y1, s01);
    x = loadSplat<T>(pa + rowA);
    s10 = madd<T>(x, y0, s10); s11 = madd<T>(x, y1, s11);
    x = loadSplat<T>(pa + 2 * rowA);
    s20 = madd<T>(x, y0, s20); s21 = madd<T>(x, y1, s21);
    x = loadSplat<T>(pa + 3 * rowA);
    s30 = madd<T>(x, y0, s30); s31 = madd<T>(x, y1, s31);
    pa += stepA;
    pb += sb;
  }
  v128.store(c0, s00); v128.store(c0, s01, 16);
  v128.store(c1, s10); v128.store(c1, s11, 16);
  v128.store(c2, s20); v128.store(c2, s21, 16);
  v128.store(c3, s30); v128.store(c3, s31, 16);
}

/** One row × 2 vectors of C over a panel (the rows left over below a multiple of 4). */
// @ts-ignore: decorator
@inline function tile1x2<T>(c: usize, a: usize, b: usize, sb: usize, kc: i32, N: i32, csA: i32): void {
  const S = <usize>sizeof<T>();
  let s0 = v128.load(c), s1 = v128.load(c, 16);
  let pa = a, pb = b;
  for (let k = 0; k < kc; k++) {
    const x = loadSplat<T>(pa);
    s0 = madd<T>(x, v128.load(pb), s0);
    s1 = madd<T>(x, v128.load(pb, 16), s1);
    pa += <usize>csA * S;
    pb += sb;
  }
  v128.store(c, s0); v128.store(c, s1, 16);
}

/** One row × one vector of C over a panel (the columns left over below a multiple of 2 vectors). */
// @ts-ignore: decorator
@inline function tile1x1<T>(c: usize, a: usize, b: usize, sb: usize, kc: i32, N: i32, csA: i32): void {
  const S = <usize>sizeof<T>();
  let s = v128.load(c);
  let pa = a, pb = b;
  for (let k = 0; k < kc; k++) {
    s = madd<T>(loadSplat<T>(pa), v128.load(pb), s);
    pa += <usize>csA * S;
    pb += sb;
  }
  v128.store(c, s);
}

/** Values of T at p: 4 f32 or 2 f64 a vector. */
// @ts-ignore: decorator
@inline function lanes<T>(): i32 {
  return 16 / <i32>sizeof<T>();
}

/** out = max(inp, 0), NaN to 0 (pmax(0, x) is 0 < x ? x : 0, what layers/activations.ts computes). */
function reluForward<T>(out: usize, inp: usize, n: i32): void {
  const S = <usize>sizeof<T>();
  const V = lanes<T>();
  const zero = v128.splat<T>(0);
  let i = 0;
  for (; i + V <= n; i += V) v128.store(out + <usize>i * S, v128.pmax<T>(zero, v128.load(inp + <usize>i * S)));
  for (; i < n; i++) {
    const v = load<T>(inp + <usize>i * S);
    store<T>(out + <usize>i * S, v > 0 ? v : 0);
  }
}

/** dinp += inp > 0 ? dout : 0. */
function reluBackward<T>(dinp: usize, dout: usize, inp: usize, n: i32): void {
  const S = <usize>sizeof<T>();
  const V = lanes<T>();
  const zero = v128.splat<T>(0);
  let i = 0;
  for (; i + V <= n; i += V) {
    const at = <usize>i * S;
    const mask = v128.gt<T>(v128.load(inp + at), zero);
    v128.store(dinp + at, v128.add<T>(v128.load(dinp + at), v128.and(v128.load(dout + at), mask)));
  }
  for (; i < n; i++) {
    const at = <usize>i * S;
    if (load<T>(inp + at) > 0) store<T>(dinp + at, load<T>(dinp + at) + load<T>(dout + at));
  }
}

/**
 * Σ a², in f64 over 8 running sums (the norm of the gradient: divergence check and clipping). Two float32 values at
 * a time are loaded into a vector's low half and widened (x64: movq, cvtps2pd), where a 16-byte load needed a
 * shuffle for its high half: the shuffles and widenings shared one port (24 → 16 µs for W1's 109 386 gradients). A
 * float32's square is exact in f64, so madd's fused and unfused forms give the same bits.
 */
function sumOfSquares<T>(a: usize, n: i32): f64 {
  let s0 = f64x2.splat(0), s1 = s0, s2 = s0, s3 = s0;
  let i = 0;
  if (sizeof<T>() === 4) {
    for (; i + 8 <= n; i += 8) {
      const p = a + <usize>i * 4;
      const x0 = f64x2.promote_low_f32x4(v128.load64_zero(p)), x1 = f64x2.promote_low_f32x4(v128.load64_zero(p, 8));
      const y0 = f64x2.promote_low_f32x4(v128.load64_zero(p, 16)), y1 = f64x2.promote_low_f32x4(v128.load64_zero(p, 24));
      s0 = madd<f64>(x0, x0, s0); s1 = madd<f64>(x1, x1, s1);
      s2 = madd<f64>(y0, y0, s2); s3 = madd<f64>(y1, y1, s3);
    }
  }
  const t = f64x2.add(f64x2.add(s0, s1), f64x2.add(s2, s3));
  let s = f64x2.extract_lane(t, 0) + f64x2.extract_lane(t, 1);
  for (; i < n; i++) {
    const v = <f64>load<T>(a + <usize>i * sizeof<T>());
    s += v * v;
  }
  return s;
}

/** The smallest normal float32 (2⁻¹²⁶). */
const MIN_NORMAL_F32: f32 = 1.1754943508222875e-38;

/**
 * One Adam (AdamW) step over float32 p, g, m, v, four values a vector: the operations of Adam.step in
 * ../../optimizers.ts in its float32 order (each rounded to float32, there by Math.fround), so both give the same bits.
 * A first moment below the smallest normal float32 is stored (and used) as 0, as ../../optimizers.ts does: see there.
 * clear (1): each gradient is set to 0 once read, so the next batch's backward pass starts from zero gradients without
 * a pass of its own over them (W1: 437 KB a batch, ~20 µs on the leader alone, here split with the step).
 */
function adamF32Step(
  p: usize, g: usize, m: usize, v: usize, n: i32,
  beta1: f32, beta2: f32, c1: f32, c2: f32, stepSize: f32, invBc2Sqrt: f32, eps: f32, coupledWd: f32, decay: f32, clear: i32,
): void {
  const b1 = f32x4.splat(beta1), b2 = f32x4.splat(beta2), k1 = f32x4.splat(c1), k2 = f32x4.splat(c2);
  const step = f32x4.splat(stepSize), inv = f32x4.splat(invBc2Sqrt), e = f32x4.splat(eps);
  const wd = f32x4.splat(coupledWd), dec = f32x4.splat(decay), tiny = f32x4.splat(MIN_NORMAL_F32);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i * 4;
    const pi = v128.load(p + at);
    const gi = f32x4.add(v128.load(g + at), f32x4.mul(wd, pi));
    if (clear) v128.store(g + at, f32x4.splat(0));
    const mi0 = f32x4.add(f32x4.mul(b1, v128.load(m + at)), f32x4.mul(k1, gi));
    const mi = v128.andnot(mi0, f32x4.lt(f32x4.abs(mi0), tiny)); // a subnormal moment is stored as 0 (see above)
    const vi = f32x4.add(f32x4.mul(b2, v128.load(v + at)), f32x4.mul(f32x4.mul(k2, gi), gi));
    v128.store(m + at, mi);
    v128.store(v + at, vi);
    const update = f32x4.mul(step, f32x4.div(mi, f32x4.add(f32x4.mul(f32x4.sqrt(vi), inv), e)));
    v128.store(p + at, f32x4.sub(f32x4.mul(pi, dec), update));
  }
  for (; i < n; i++) {
    const at = <usize>i * 4;
    const pi = load<f32>(p + at);
    const gi = load<f32>(g + at) + coupledWd * pi;
    if (clear) store<f32>(g + at, 0);
    const mi0 = beta1 * load<f32>(m + at) + c1 * gi;
    const mi = Mathf.abs(mi0) < MIN_NORMAL_F32 ? <f32>0 : mi0;
    const vi = beta2 * load<f32>(v + at) + c2 * gi * gi;
    store<f32>(m + at, mi);
    store<f32>(v + at, vi);
    store<f32>(p + at, pi * decay - stepSize * (mi / (Mathf.sqrt(vi) * invBc2Sqrt + eps)));
  }
}

/**
 * maxpool 2 × 2, stride 2, over nc planes of (h, w): the comparisons of layers/pooling.ts (a NaN wins), in the
 * same order; for f32, four windows at once (two rows of 8 values, split into even and odd columns).
 */
function maxpool2x2Forward<T>(out: usize, argmax: usize, inp: usize, p0: i32, p1: i32, h: i32, w: i32, oh: i32, ow: i32): void {
  const S = <usize>sizeof<T>();
  const rowBytes = <usize>w * S;
  const twos = i32x4(0, 2, 4, 6);
  const one = i32x4.splat(1);
  const wide = i32x4.splat(w);
  let o: usize = <usize>(p0 * oh * ow);
  for (let plane = p0; plane < p1; plane++) {
    const base = plane * h * w;
    for (let oy = 0; oy < oh; oy++) {
      let r0 = base + 2 * oy * w;
      let ox = 0;
      if (sizeof<T>() === 4) {
        for (; ox + 4 <= ow; ox += 4, o += 4, r0 += 8) {
          const p0 = inp + <usize>r0 * 4;
          const p1 = p0 + rowBytes;
          const a0 = v128.load(p0), a1 = v128.load(p0, 16);
          const b0 = v128.load(p1), b1 = v128.load(p1, 16);
          let at = i32x4.add(i32x4.splat(r0), twos);
          let best = i32x4.shuffle(a0, a1, 0, 2, 4, 6);
          let arg = at;
          // Each candidate in turn wins where it is greater or NaN.
          let v = i32x4.shuffle(a0, a1, 1, 3, 5, 7);
          let wins = v128.or(f32x4.gt(v, best), f32x4.ne(v, v));
          best = v128.bitselect(v, best, wins);
          arg = v128.bitselect(i32x4.add(at, one), arg, wins);
          at = i32x4.add(at, wide);
          v = i32x4.shuffle(b0, b1, 0, 2, 4, 6);
          wins = v128.or(f32x4.gt(v, best), f32x4.ne(v, v));
          best = v128.bitselect(v, best, wins);
          arg = v128.bitselect(at, arg, wins);
          v = i32x4.shuffle(b0, b1, 1, 3, 5, 7);
          wins = v128.or(f32x4.gt(v, best), f32x4.ne(v, v));
          best = v128.bitselect(v, best, wins);
          arg = v128.bitselect(i32x4.add(at, one), arg, wins);
          v128.store(out + o * 4, best);
          v128.store(argmax + o * 4, arg);
        }
      }
      for (; ox < ow; ox++, o++, r0 += 2) {
        const r1 = r0 + w;
        let best = load<T>(inp + <usize>r0 * S);
        let at = r0;
        let v = load<T>(inp + <usize>(r0 + 1) * S);
        if (v > best || v != v) { best = v; at = r0 + 1; }
        v = load<T>(inp + <usize>r1 * S);
        if (v > best || v != v) { best = v; at = r1; }
        v = load<T>(inp + <usize>(r1 + 1) * S);
        if (v > best || v != v) { best = v; at = r1 + 1; }
        store<T>(out + o * S, best);
        store<i32>(argmax + o * 4, at);
      }
    }
  }
}

/** dinp[argmax[o]] += dout[o]. */
function maxpoolBackward<T>(dinp: usize, dout: usize, argmax: usize, count: i32): void {
  const S = <usize>sizeof<T>();
  for (let o = 0; o < count; o++) {
    const at = dinp + <usize>load<i32>(argmax + <usize>o * 4) * S;
    store<T>(at, load<T>(at) + load<T>(dout + <usize>o * S));
  }
}

/** The first output column whose input column ox·stride − pad + kj is ≥ 0 (kernels/im2col.ts). */
// @ts-ignore: decorator
@inline function firstInside(kj: i32, stride: i32, pad: i32): i32 {
  return pad - kj <= 0 ? 0 : (pad - kj + stride - 1) / stride;
}
/** One past the last output column whose input column is < w (at least lo). */
// @ts-ignore: decorator
@inline function endInside(w: i32, kj: i32, stride: i32, pad: i32, ow: i32, lo: i32): i32 {
  const last = w - 1 + pad - kj;
  return max(lo, min(ow, last < 0 ? 0 : last / stride + 1));
}

/** n bytes of zeros at p, in vectors: memory.fill is a call into the engine, too dear for the few bytes of a row's edge. */
// @ts-ignore: decorator
@inline function zeroBytes(p: usize, n: usize): void {
  let i: usize = 0;
  for (; i + 16 <= n; i += 16) v128.store(p + i, i64x2.splat(0));
  for (; i < n; i += 4) store<i32>(p + i, 0);
}

/** n bytes (a multiple of 4) from src to dst, which do not overlap, in vectors. */
// @ts-ignore: decorator
@inline function copyRun(dst: usize, src: usize, n: usize): void {
  let i: usize = 0;
  for (; i + 16 <= n; i += 16) v128.store(dst + i, v128.load(src + i));
  for (; i < n; i += 4) store<i32>(dst + i, load<i32>(src + i));
}

/** im2col of one sample, as in kernels/im2col.ts (byte addresses; rowStride in values); stride 1 copies whole runs. */
function im2col<T>(col: usize, img: usize, c: i32, h: i32, w: i32, k: i32, stride: i32, pad: i32, oh: i32, ow: i32, rowStride: i32): void {
  const S = <usize>sizeof<T>();
  for (let ch = 0; ch < c; ch++) {
    const plane = img + <usize>(ch * h * w) * S;
    for (let ki = 0; ki < k; ki++) {
      for (let kj = 0; kj < k; kj++) {
        const row = col + <usize>(((ch * k + ki) * k + kj) * rowStride) * S;
        const lo = firstInside(kj, stride, pad);
        const hi = endInside(w, kj, stride, pad, ow, lo);
        for (let oy = 0; oy < oh; oy++) {
          const y = oy * stride - pad + ki;
          const dst = row + <usize>(oy * ow) * S;
          if (y < 0 || y >= h) {
            zeroBytes(dst, <usize>ow * S);
            continue;
          }
          zeroBytes(dst, <usize>lo * S);
          let x = plane + <usize>(y * w + lo * stride - pad + kj) * S;
          if (stride === 1) copyRun(dst + <usize>lo * S, x, <usize>(hi - lo) * S);
          else for (let ox = lo; ox < hi; ox++, x += <usize>stride * S) store<T>(dst + <usize>ox * S, load<T>(x));
          zeroBytes(dst + <usize>hi * S, <usize>(ow - hi) * S);
        }
      }
    }
  }
}

/** col2im of one sample: ACCUMULATES each column entry into the image position it was read from. */
function col2im<T>(img: usize, col: usize, c: i32, h: i32, w: i32, k: i32, stride: i32, pad: i32, oh: i32, ow: i32, rowStride: i32): void {
  const S = <usize>sizeof<T>();
  const V = lanes<T>();
  for (let ch = 0; ch < c; ch++) {
    const plane = img + <usize>(ch * h * w) * S;
    for (let ki = 0; ki < k; ki++) {
      for (let kj = 0; kj < k; kj++) {
        const row = col + <usize>(((ch * k + ki) * k + kj) * rowStride) * S;
        const lo = firstInside(kj, stride, pad);
        const hi = endInside(w, kj, stride, pad, ow, lo);
        for (let oy = 0; oy < oh; oy++) {
          const y = oy * stride - pad + ki;
          if (y < 0 || y >= h) continue;
          let src = row + <usize>(oy * ow + lo) * S;
          let x = plane + <usize>(y * w + lo * stride - pad + kj) * S;
          let ox = lo;
          if (stride === 1) {
            for (; ox + V <= hi; ox += V, x += 16, src += 16) v128.store(x, v128.add<T>(v128.load(x), v128.load(src)));
          }
          for (; ox < hi; ox++, x += <usize>stride * S, src += S) store<T>(x, load<T>(x) + load<T>(src));
        }
      }
    }
  }
}

export function reluForwardF32(out: usize, inp: usize, n: i32): void { reluForward<f32>(out, inp, n); }
export function reluForwardF64(out: usize, inp: usize, n: i32): void { reluForward<f64>(out, inp, n); }
export function reluBackwardF32(dinp: usize, dout: usize, inp: usize, n: i32): void { reluBackward<f32>(dinp, dout, inp, n); }
export function reluBackwardF64(dinp: usize, dout: usize, inp: usize, n: i32): void { reluBackward<f64>(dinp, dout, inp, n); }
export function sumOfSquaresF32(a: usize, n: i32): f64 { return sumOfSquares<f32>(a, n); }
export function sumOfSquaresF64(a: usize, n: i32): f64 { return sumOfSquares<f64>(a, n); }
/**
 * Member t's chunks of a float32 sum of squares: chunk c holds SQUARES_CHUNK values from c · SQUARES_CHUNK, and
 * member t takes the t-th of `size` consecutive runs of chunks, each sum written to the float64 out[c]. Consecutive,
 * as a dense layer's weight gradient is split by units (gemmChunks): a member then mostly sums the gradients its own
 * core just wrote, where taking every size-th chunk read half of them from the other core's cache. Each chunk is
 * summed by the same instructions whoever takes it; the caller adds the partials in chunk order, so the total does
 * not depend on the team.
 */
export function sumOfSquaresPartF32(a: usize, n: i32, out: usize, size: i32, t: i32): void {
  const chunks = (n + SQUARES_CHUNK - 1) / SQUARES_CHUNK;
  for (let c = chunks * t / size, end = chunks * (t + 1) / size; c < end; c++) {
    const i0 = c * SQUARES_CHUNK;
    store<f64>(out + <usize>c * 8, sumOfSquares<f32>(a + <usize>i0 * 4, min(SQUARES_CHUNK, n - i0)));
  }
}
/** The values of one partial of sumOfSquaresPartF32 (src-core/nn/kernels/thread-team.ts's SQUARES_CHUNK matches it). */
const SQUARES_CHUNK: i32 = 16384;
export function adamStepF32(
  p: usize, g: usize, m: usize, v: usize, n: i32,
  beta1: f32, beta2: f32, c1: f32, c2: f32, stepSize: f32, invBc2Sqrt: f32, eps: f32, coupledWd: f32, decay: f32, clear: i32,
): void {
  adamF32Step(p, g, m, v, n, beta1, beta2, c1, c2, stepSize, invBc2Sqrt, eps, coupledWd, decay, clear);
}
export function maxpool2x2ForwardF32(out: usize, argmax: usize, inp: usize, nc: i32, h: i32, w: i32, oh: i32, ow: i32): void {
  maxpool2x2Forward<f32>(out, argmax, inp, 0, nc, h, w, oh, ow);
}
export function maxpool2x2ForwardF64(out: usize, argmax: usize, inp: usize, nc: i32, h: i32, w: i32, oh: i32, ow: i32): void {
  maxpool2x2Forward<f64>(out, argmax, inp, 0, nc, h, w, oh, ow);
}
export function maxpoolBackwardF32(dinp: usize, dout: usize, argmax: usize, count: i32): void { maxpoolBackward<f32>(dinp, dout, argmax, count); }
export function maxpoolBackwardF64(dinp: usize, dout: usize, argmax: usize, count: i32): void { maxpoolBackward<f64>(dinp, dout, argmax, count); }
export function im2colF32(col: usize, img: usize, c: i32, h: i32, w: i32, k: i32, stride: i32, pad: i32, oh: i32, ow: i32, rowStride: i32): void {
  im2col<f32>(col, img, c, h, w, k, stride, pad, oh, ow, rowStride);
}
export function im2colF64(col: usize, img: usize, c: i32, h: i32, w: i32, k: i32, stride: i32, pad: i32, oh: i32, ow: i32, rowStride: i32): void {
  im2col<f64>(col, img, c, h, w, k, stride, pad, oh, ow, rowStride);
}
export function col2imF32(img: usize, col: usize, c: i32, h: i32, w: i32, k: i32, stride: i32, pad: i32, oh: i32, ow: i32, rowStride: i32): void {
  col2im<f32>(img, col, c, h, w, k, stride, pad, oh, ow, rowStride);
}
export function col2imF64(img: usize, col: usize, c: i32, h: i32, w: i32, k: i32, stride: i32, pad: i32, oh: i32, ow: i32, rowStride: i32): void {
  col2im<f64>(img, col, c, h, w, k, stride, pad, oh, ow, rowStride);
}
/** n values of T from p set to value (a plain loop: TypedArray.fill on a shared memory takes atomic byte steps). */
function fill<T>(p: usize, n: i32, value: T): void {
  const S = <usize>sizeof<T>();
  if (value == 0 && (1 / value) > 0) {
    memory.fill(p, 0, <usize>n * S);
    return;
  }
  const x = v128.splat<T>(value);
  let i = 0;
  for (; i + lanes<T>() <= n; i += lanes<T>()) v128.store(p + <usize>i * S, x);
  for (; i < n; i++) store<T>(p + <usize>i * S, value);
}
export function fillF32(p: usize, n: i32, value: f32): void { fill<f32>(p, n, value); }
export function fillF64(p: usize, n: i32, value: f64): void { fill<f64>(p, n, value); }

/** blocks runs of n values: run r from src + r·srcStride to dst + r·dstStride (strides in values; 0 repeats a run). */
function copyBlocks<T>(dst: usize, dstStride: i32, src: usize, srcStride: i32, blocks: i32, n: i32): void {
  const S = <usize>sizeof<T>();
  for (let r = 0; r < blocks; r++) {
    copyRun(dst + <usize>(r * dstStride) * S, src + <usize>(r * srcStride) * S, <usize>n * S);
  }
}
export function copyBlocksF32(dst: usize, dstStride: i32, src: usize, srcStride: i32, blocks: i32, n: i32): void {
  copyBlocks<f32>(dst, dstStride, src, srcStride, blocks, n);
}
export function copyBlocksF64(dst: usize, dstStride: i32, src: usize, srcStride: i32, blocks: i32, n: i32): void {
  copyBlocks<f64>(dst, dstStride, src, srcStride, blocks, n);
}

/** dst[r] += Σ of src's row r (rows of n values): a bias gradient. Vectors of partial sums, then their lanes. */
function addRowSums<T>(dst: usize, src: usize, rows: i32, n: i32): void {
  const S = <usize>sizeof<T>();
  const V = lanes<T>();
  for (let r = 0; r < rows; r++) {
    const row = src + <usize>(r * n) * S;
    let s0 = v128.splat<T>(0), s1 = s0;
    let k = 0;
    for (; k + 2 * V <= n; k += 2 * V) {
      s0 = v128.add<T>(s0, v128.load(row + <usize>k * S));
      s1 = v128.add<T>(s1, v128.load(row + <usize>k * S, 16));
    }
    let s = lanesSum<T>(v128.add<T>(s0, s1));
    for (; k < n; k++) s += load<T>(row + <usize>k * S);
    const at = dst + <usize>r * S;
    store<T>(at, load<T>(at) + s);
  }
}
export function addRowSumsF32(dst: usize, src: usize, rows: i32, n: i32): void { addRowSums<f32>(dst, src, rows, n); }
export function addRowSumsF64(dst: usize, src: usize, rows: i32, n: i32): void { addRowSums<f64>(dst, src, rows, n); }

/**
 * dst[j] += src[0·n + j] + src[1·n + j] + … (rows of n values; one rounding per addition, in row order): a dense
 * layer's bias gradient. Vectors across j, so each dst[j] is summed exactly as the TypeScript loop sums it.
 */
function addColumnSums<T>(dst: usize, src: usize, rows: i32, n: i32): void {
  const S = <usize>sizeof<T>();
  const V = lanes<T>();
  const row = <usize>n * S;
  let j = 0;
  for (; j + V <= n; j += V) {
    const at = <usize>j * S;
    let acc = v128.load(dst + at);
    for (let r = 0; r < rows; r++) acc = v128.add<T>(acc, v128.load(src + <usize>r * row + at));
    v128.store(dst + at, acc);
  }
  for (; j < n; j++) {
    const at = <usize>j * S;
    let acc = load<T>(dst + at);
    for (let r = 0; r < rows; r++) acc += load<T>(src + <usize>r * row + at);
    store<T>(dst + at, acc);
  }
}
export function addColumnSumsF32(dst: usize, src: usize, rows: i32, n: i32): void { addColumnSums<f32>(dst, src, rows, n); }
export function addColumnSumsF64(dst: usize, src: usize, rows: i32, n: i32): void { addColumnSums<f64>(dst, src, rows, n); }

/**
 * Adds Σ a[i]², Σ b[i]² and Σ (a[i] − b[i])² over n f32 values (b = 0: the first only), each in index order in f64,
 * to the three f64 sums at out: diagnostics.ts's loops, with the same bits (its norms and update ratio, read once an
 * epoch, when a JavaScript loop is still cold).
 */
export function squareSumsF32(a: usize, b: usize, n: i32, out: usize): void {
  let aa = load<f64>(out), bb = load<f64>(out, 8), dd = load<f64>(out, 16);
  for (let i = 0; i < n; i++) {
    const x = <f64>load<f32>(a + <usize>i * 4);
    aa += x * x;
    if (b) {
      const y = <f64>load<f32>(b + <usize>i * 4);
      const d = x - y;
      bb += y * y;
      dd += d * d;
    }
  }
  store<f64>(out, aa);
  store<f64>(out, bb, 8);
  store<f64>(out, dd, 16);
}

/**
 * The histogram of src/data/histogram.ts over n f32 values at p, into `out`: the finite values' min and max (f64;
 * 0 and 0 for none), then `bins` i32 counts. The same comparisons and the same f64 bin arithmetic, so the same
 * counts; in WebAssembly because the diagnostics read it once an epoch, when the JavaScript loop is still cold.
 */
export function histogramF32(p: usize, n: i32, bins: i32, out: usize): void {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = <f64>load<f32>(p + <usize>i * 4);
    if (v - v !== 0) continue; // NaN or ±Infinity
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(lo <= hi)) {
    lo = 0;
    hi = 0;
  }
  store<f64>(out, lo);
  store<f64>(out, hi, 8);
  const counts = out + 16;
  for (let b = 0; b < bins; b++) store<i32>(counts + <usize>b * 4, 0);
  const width = (hi - lo) / <f64>bins;
  for (let i = 0; i < n; i++) {
    const v = <f64>load<f32>(p + <usize>i * 4);
    if (v - v !== 0) continue;
    const bin = width > 0 ? <i32>Math.min(<f64>(bins - 1), Math.floor((v - lo) / width)) : 0;
    const at = counts + <usize>bin * 4;
    store<i32>(at, load<i32>(at) + 1);
  }
}

/** The first free byte after the module's static data: the caller's operands start here. */
export function heapBase(): usize {
  return __heap_base;
}

export function gemmF32(c: usize, a: usize, b: usize, M: i32, K: i32, N: i32, rsA: i32, csA: i32, rsB: i32, csB: i32): void {
  gemmPart<f32>(c, a, b, M, K, N, rsA, csA, rsB, csB, 0, 1, PANEL);
}
export function gemmF64(c: usize, a: usize, b: usize, M: i32, K: i32, N: i32, rsA: i32, csA: i32, rsB: i32, csB: i32): void {
  gemmPart<f64>(c, a, b, M, K, N, rsA, csA, rsB, csB, 0, 1, PANEL);
}
/**
 * A team member's share of a job (../thread-team.ts): each takes the job's arguments, the team's size, then the member
 * t, so a helper calls every one alike. The GEMM's packing panels lie `panels` on, PANEL_BYTES (KC · 32) each.
 */
export function gemmPartF32(
  c: usize, a: usize, b: usize, M: i32, K: i32, N: i32, rsA: i32, csA: i32, rsB: i32, csB: i32, size: i32, panels: usize, next: usize, t: i32,
): void {
  gemmChunks<f32>(c, a, b, M, K, N, rsA, csA, rsB, csB, next, panels + <usize>(t * KC * 32), size, t);
}
export function gemmPartF64(
  c: usize, a: usize, b: usize, M: i32, K: i32, N: i32, rsA: i32, csA: i32, rsB: i32, csB: i32, size: i32, panels: usize, next: usize, t: i32,
): void {
  gemmChunks<f64>(c, a, b, M, K, N, rsA, csA, rsB, csB, next, panels + <usize>(t * KC * 32), size, t);
}

/** The chunks a team's product is taken in (at most; fewer where it has fewer tiles). */
const GEMM_CHUNKS: i32 = 32;

/** The fewest rows of C for which a team's TN product splits by rows (gemmChunks). */
const UNIT_ROWS: i32 = 64;

/**
 * The next chunk of run r, or -1 when the run has none left. A team's job (a product, an Adam step) is cut into
 * `chunks` chunks and those into `size` runs of consecutive chunks, run r with its own counter at next + 4·r (0 when
 * the job starts). Member t takes run t's chunks first, then what is left of the other runs (claimChunk of t + 1,
 * t + 2, … mod size). So each member computes the same values batch after batch, whose weights, gradients and
 * moments then stay in its own core's cache (W1 on 2 threads: a 560 µs batch against 600 with one counter for
 * all), and a member that starts late (a helper woken late, a core taken by another process) holds up nobody.
 */
function claimChunk(next: usize, chunks: i32, size: i32, r: i32): i32 {
  const j = chunks * r / size + atomic.add<i32>(next + <usize>(r * 4), 1);
  return j < chunks * (r + 1) / size ? j : -1;
}

/**
 * A team's product by chunks (claimChunk): C's rows (or columns, where N is the larger) in GEMM_CHUNKS runs of whole
 * tiles. The kernel is chosen from the whole product and chunk edges fall on tile edges, so each value has the same
 * instructions whoever computes it.
 * One exception splits by rows though N is larger: a TN product whose B rows are contiguous, with at least
 * UNIT_ROWS rows (a dense layer's weight gradient dZᵀ · X, one row a unit). Its rows are then the layer's units, as
 * in the forward pass's column split and in Adam's runs, so a member keeps its own units' weights, gradients and
 * moments; it reads B in place (packing would copy all of B into every row chunk), which computes the same values as
 * packing: the same products in the same order (W1's 128 × 64 × 784: 170 µs on 2 threads against 185 by columns).
 */
function gemmChunks<T>(
  c: usize, a: usize, b: usize, M: i32, K: i32, N: i32, rsA: i32, csA: i32, rsB: i32, csB: i32, next: usize, panel: usize, size: i32, t: i32,
): void {
  const units = rsA === 1 && csB === 1 && M >= UNIT_ROWS;
  const rows = M >= N || units;
  const tiles = rows ? (M + 3) / 4 : (N + 7) / 8;
  const chunks = min(tiles, GEMM_CHUNKS);
  for (let k = 0; k < size; k++) {
    const r = (t + k) % size;
    for (let j = claimChunk(next, chunks, size, r); j >= 0; j = claimChunk(next, chunks, size, r)) {
      gemmTiles<T>(c, a, b, M, K, N, rsA, csA, rsB, csB, rows, tiles * j / chunks, tiles * (j + 1) / chunks, panel, units);
    }
  }
}
/** The values an Adam chunk holds (a multiple of 4, so a chunk's values run the same vector loop as in one whole step). */
const ADAM_CHUNK: i32 = 2048;

/**
 * The Adam chunks member t takes (claimChunk: its own run first, then what the others left). Each value's update is
 * its own and a chunk starts on a multiple of 4, so the bits are adamStepF32's whichever member takes which chunk.
 * Chunks, not fixed shares: the leader copies the next batch's input first (../wasm-kernels.ts, adamStep), and the
 * helpers take its run's chunks meanwhile.
 */
export function adamPartF32(
  p: usize, g: usize, m: usize, v: usize, n: i32,
  beta1: f32, beta2: f32, c1: f32, c2: f32, stepSize: f32, invBc2Sqrt: f32, eps: f32, coupledWd: f32, decay: f32, clear: i32,
  next: usize, size: i32, t: i32,
): void {
  const chunks = (n + ADAM_CHUNK - 1) / ADAM_CHUNK;
  for (let k = 0; k < size; k++) {
    const r = (t + k) % size;
    for (let j = claimChunk(next, chunks, size, r); j >= 0; j = claimChunk(next, chunks, size, r)) {
      const at = <usize>(j * ADAM_CHUNK) * 4;
      adamF32Step(p + at, g + at, m + at, v + at, min(ADAM_CHUNK, n - j * ADAM_CHUNK), beta1, beta2, c1, c2, stepSize, invBc2Sqrt, eps, coupledWd, decay, clear);
    }
  }
}

/** Where member t's share of n values starts for a team of `size`: index ranges rounded to 4 (one f32 vector). */
function partStart(n: i32, size: i32, t: i32): i32 {
  return min(n, (n + 3) / 4 * t / size * 4);
}
/** Member t's share of reluForwardF32's values (each output its own: the same bits for any team size). */
export function reluForwardPartF32(out: usize, inp: usize, n: i32, size: i32, t: i32): void {
  const i0 = partStart(n, size, t);
  const i1 = partStart(n, size, t + 1);
  if (i0 < i1) reluForward<f32>(out + <usize>i0 * 4, inp + <usize>i0 * 4, i1 - i0);
}
/** Member t's share of reluBackwardF32's values. */
export function reluBackwardPartF32(dinp: usize, dout: usize, inp: usize, n: i32, size: i32, t: i32): void {
  const i0 = partStart(n, size, t);
  const i1 = partStart(n, size, t + 1);
  if (i0 < i1) reluBackward<f32>(dinp + <usize>i0 * 4, dout + <usize>i0 * 4, inp + <usize>i0 * 4, i1 - i0);
}

/**
 * conv2d's chunk loop over a team (../../layers/conv2d.ts): the batch's chunks of S samples are fixed by the batch,
 * and each member takes the next chunk not yet taken (ConvJob.next) and computes it wholly (its columns, its
 * product, its copies) in its own chunk workspaces (member t's), until none is left. A descriptor at `desc` (ConvJob, written by ../wasm-kernels.ts in this field order) names
 * the operands and dimensions; every product is gemmF32's (one member, the whole chunk), so a chunk's values are
 * the same whichever member computes it.
 */
@unmanaged class ConvJob {
  out: i32; // forward: out (N, F, P); backward: dout
  inp: i32; // forward: inp (N, C, H, W); backward: dinp (0: none)
  weight: i32;
  bias: i32; // forward: bias (0: none); backward: the bias gradient's partials (chunks × F; 0: none)
  cols: i32; // the kept columns, chunk j's (CKK, S·P) block at j·S·CKK·P
  y0: i32; // member 0's (F, S·P) chunk output / output gradient
  ys: i32; // members 1 …'s, one after another
  dcol0: i32; // member 0's (CKK, S·P) column gradient (backward)
  dcols: i32;
  parts: i32; // backward: the weight gradient's partials (chunks × F·CKK)
  N: i32; C: i32; H: i32; W: i32; F: i32; K: i32; stride: i32; pad: i32; OH: i32; OW: i32; S: i32;
  panels: i32;
  next: i32; // the next chunk no member has taken yet (0 when the job starts)
}

/** The next chunk for the calling member, taken atomically: a member whose core is busy elsewhere holds up one chunk at most. */
@inline function takeChunk(d: ConvJob): i32 {
  return atomic.add<i32>(changetype<usize>(d) + offsetof<ConvJob>('next'), 1);
}

/** Member t's workspace: member 0's at `first`, the others' `bytes` apart from `rest`. */
@inline function memberSpace(first: i32, rest: i32, bytes: i32, t: i32): usize {
  return t === 0 ? <usize>first : <usize>rest + <usize>((t - 1) * bytes);
}

export function conv2dForwardPartF32(desc: usize, size: i32, t: i32): void {
  const d = changetype<ConvJob>(desc);
  const N = d.N, C = d.C, H = d.H, W = d.W, F = d.F, K = d.K, S = d.S;
  const P = d.OH * d.OW, CKK = C * K * K;
  const y = memberSpace(d.y0, d.ys, F * S * P * 4, t);
  const panel = <usize>d.panels + <usize>(t * KC * 32);
  for (let n0 = takeChunk(d) * S; n0 < N; n0 = takeChunk(d) * S) {
    const s = min(S, N - n0);
    const SP = s * P;
    const col = <usize>d.cols + <usize>n0 * CKK * P * 4;
    for (let i = 0; i < s; i++) {
      im2col<f32>(col + <usize>(i * P) * 4, <usize>d.inp + <usize>((n0 + i) * C * H * W) * 4, C, H, W, K, d.stride, d.pad, d.OH, d.OW, SP);
    }
    for (let f = 0; f < F; f++) fill<f32>(y + <usize>(f * SP) * 4, SP, d.bias ? load<f32>(<usize>d.bias + <usize>f * 4) : 0);
    gemmPart<f32>(y, d.weight, col, F, CKK, SP, CKK, 1, SP, 1, 0, 1, panel);
    for (let i = 0; i < s; i++) copyBlocks<f32>(<usize>d.out + <usize>((n0 + i) * F * P) * 4, P, y + <usize>(i * P) * 4, SP, F, P);
  }
}

/** Chunk j's weight gradient into its own partial (and its bias gradient's), its input gradient into dinp (its own samples). */
export function conv2dBackwardPartF32(desc: usize, size: i32, t: i32): void {
  const d = changetype<ConvJob>(desc);
  const N = d.N, C = d.C, H = d.H, W = d.W, F = d.F, K = d.K, S = d.S;
  const P = d.OH * d.OW, CKK = C * K * K;
  const dy = memberSpace(d.y0, d.ys, F * S * P * 4, t);
  const dcol = memberSpace(d.dcol0, d.dcols, CKK * S * P * 4, t);
  const panel = <usize>d.panels + <usize>(t * KC * 32);
  for (let j = takeChunk(d), n0 = j * S; n0 < N; j = takeChunk(d), n0 = j * S) {
    const s = min(S, N - n0);
    const SP = s * P;
    const col = <usize>d.cols + <usize>n0 * CKK * P * 4;
    for (let i = 0; i < s; i++) copyBlocks<f32>(dy + <usize>(i * P) * 4, SP, <usize>d.out + <usize>((n0 + i) * F * P) * 4, P, F, P);
    const part = <usize>d.parts + <usize>(j * F * CKK) * 4;
    fill<f32>(part, F * CKK, 0);
    gemmPart<f32>(part, dy, col, F, SP, CKK, SP, 1, 1, SP, 0, 1, panel);
    if (d.bias) {
      const bp = <usize>d.bias + <usize>(j * F) * 4;
      fill<f32>(bp, F, 0);
      addRowSums<f32>(bp, dy, F, SP);
    }
    if (d.inp) {
      fill<f32>(dcol, CKK * SP, 0);
      gemmPart<f32>(dcol, d.weight, dy, CKK, F, SP, 1, CKK, SP, 1, 0, 1, panel);
      for (let i = 0; i < s; i++) {
        col2im<f32>(<usize>d.inp + <usize>((n0 + i) * C * H * W) * 4, dcol + <usize>(i * P) * 4, C, H, W, K, d.stride, d.pad, d.OH, d.OW, SP);
      }
    }
  }
}

/** Member t's share of dst[i] += parts[0·n + i] + parts[1·n + i] + … (in that order, one rounding per addition). */
export function sumPartsPartF32(dst: usize, parts: usize, count: i32, n: i32, size: i32, t: i32): void {
  const i0 = partStart(n, size, t);
  const i1 = partStart(n, size, t + 1);
  const stride = <usize>n * 4;
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const at = <usize>i * 4;
    let acc = v128.load(dst + at);
    for (let j = 0; j < count; j++) acc = f32x4.add(acc, v128.load(parts + <usize>j * stride + at));
    v128.store(dst + at, acc);
  }
  for (; i < i1; i++) {
    const at = <usize>i * 4;
    let acc = load<f32>(dst + at);
    for (let j = 0; j < count; j++) acc += load<f32>(parts + <usize>j * stride + at);
    store<f32>(dst + at, acc);
  }
}
/** Member t's planes of maxpool2x2ForwardF32 (each output and its argmax its own; a row's loop is the same wherever it starts). */
export function maxpool2x2ForwardPartF32(out: usize, argmax: usize, inp: usize, nc: i32, h: i32, w: i32, oh: i32, ow: i32, size: i32, t: i32): void {
  maxpool2x2Forward<f32>(out, argmax, inp, nc * t / size, nc * (t + 1) / size, h, w, oh, ow);
}
