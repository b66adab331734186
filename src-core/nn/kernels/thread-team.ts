/**
 * Several threads for one run (docs/ARCHITECTURE.md, Threads). The run's own thread is the leader, member 0; the
 * team's other members are helpers, threads that the host (src-main/pool/thread-team.ts: worker_threads) keeps
 * waiting on shared control words. The core only says what they run (teamOps): a GEMM's block (the kernel module's
 * gemmPart, member t of `size`), a share of an element-wise loop (relu, a sum of partials), or Adam's or conv2d's chunks,
 * over the model's own shared WebAssembly memory, which every helper instantiates the same kernel module over. Each
 * member computes a disjoint block of C over the whole K, its own values, or whole chunks whose weight gradients go
 * into partials added in chunk order, so the result is bit-identical for any team size. The js backend ignores the
 * team.
 */
export interface ThreadTeam {
  /**
   * Members to use now, the leader included (1: the leader alone). It may change between jobs (a pool lends helpers
   * to another run and takes them back), so a caller reads it once per job and passes it to start.
   */
  readonly size: number;
  /**
   * Makes the helpers run over this memory with this compiled module (WebAssembly.Memory and WebAssembly.Module,
   * both shareable between threads) until the next attach; returns when every helper is ready. A helper that
   * fails throws here, naming the failure.
   */
  attach(memory: object, module: object): void;
  /**
   * Starts a job on helpers 1 .. size − 1 (size: what `size` said for this job): words[0] is the op (teamOps), the
   * rest its arguments (any numbers, size among them); returns at once. With `copy` (only where `copiesRows`),
   * member 1 first copies those rows into the memory, then computes its block: whoever computes member 1's block,
   * the leader's steal included, does the copy.
   */
  start(words: readonly number[], size: number, copy?: RowsCopy): void;
  /**
   * The barrier: returns when every helper's block of the job started last is done; throws a helper's error.
   * `steal(t)` computes member t's block on the leader: a team calls it for a helper that has not picked the job up
   * yet (asleep, or its core taken by another process), so a busy machine never makes the run slower than one thread.
   * The block is the same computation wherever it runs, so the results do not change.
   */
  join(steal?: (t: number) => void): void;
  /** The team can copy rows of a shared data set (start's copy) and read them ahead (readAhead). */
  readonly copiesRows?: boolean;
  /**
   * Has helpers 1 .. size − 1 read rows order[first .. first + count) of `rows` (a share each) into their cores'
   * caches, while the leader works on, so that the copy of them that follows finds them there instead of in memory.
   * Returns at once, and no join waits for it: a helper still reading takes the next job when done, the leader
   * meanwhile computing its blocks (join's steal). It changes no value.
   */
  readAhead?(rows: SharedRows, first: number, count: number, size: number): void;
  /** Split every product and Adam step however small (the thresholds below are for speed; tests split everything). */
  readonly splitAll?: boolean;
}

/** A data set's rows on shared memory (SharedArrayBuffers): row i to come is x[order[i] · length ..] (length values). */
export interface SharedRows {
  readonly x: Float32Array;
  readonly order: Int32Array;
  readonly length: number;
}

/** Rows order[first .. first + count) of `rows`, copied one after another into the team's memory from byte address `at`. */
export interface RowsCopy {
  rows: SharedRows;
  first: number;
  count: number;
  at: number;
}

/**
 * The jobs a helper runs: words[0] of start is the op, words[1 .. 1 + args] its arguments (the team's size among
 * them); a member calls the kernel module's export with those arguments and its own index t last.
 */
export const teamOps: Record<number, { exportName: string; args: number }> = {
  /** gemmPartF32/F64(c, a, b, M, K, N, rsA, csA, rsB, csB, size, panels, next, t): chunks of C, `size` run counters at next. */
  1: { exportName: 'gemmPartF32', args: 13 },
  2: { exportName: 'gemmPartF64', args: 13 },
  /** adamPartF32(p, g, m, v, n, beta1, beta2, c1, c2, stepSize, invBc2Sqrt, eps, coupledWd, decay, clear, next, size, t): chunks, `size` run counters at next. */
  3: { exportName: 'adamPartF32', args: 17 },
  /** reluForwardPartF32(out, inp, n, size, t) and reluBackwardPartF32(dinp, dout, inp, n, size, t). */
  4: { exportName: 'reluForwardPartF32', args: 4 },
  5: { exportName: 'reluBackwardPartF32', args: 5 },
  /** conv2dForwardPartF32(desc, size, t) and conv2dBackwardPartF32(desc, size, t): whole chunks, a descriptor in memory. */
  6: { exportName: 'conv2dForwardPartF32', args: 2 },
  7: { exportName: 'conv2dBackwardPartF32', args: 2 },
  /** sumPartsPartF32(dst, parts, count, n, size, t). */
  8: { exportName: 'sumPartsPartF32', args: 5 },
  /** maxpool2x2ForwardPartF32(out, argmax, inp, nc, h, w, oh, ow, size, t): planes. */
  9: { exportName: 'maxpool2x2ForwardPartF32', args: 9 },
  /** sumOfSquaresPartF32(a, n, out, size, t): chunks of SQUARES_CHUNK values, member t the t-th of `size` consecutive runs. */
  10: { exportName: 'sumOfSquaresPartF32', args: 4 },
};
export const TEAM_GEMM_F32 = 1;
export const TEAM_GEMM_F64 = 2;
export const TEAM_ADAM_F32 = 3;
export const TEAM_RELU_FORWARD_F32 = 4;
export const TEAM_RELU_BACKWARD_F32 = 5;
export const TEAM_CONV2D_FORWARD_F32 = 6;
export const TEAM_CONV2D_BACKWARD_F32 = 7;
export const TEAM_SUM_PARTS_F32 = 8;
export const TEAM_MAXPOOL_FORWARD_F32 = 9;
export const TEAM_SQUARES_F32 = 10;

/**
 * The values of one partial of a float32 sum of squares over a team (./assembly/kernels.ts matches it): a sum of more
 * goes by chunks, each summed alone and the partials added in chunk order, on one thread too, so the bits do not
 * depend on the team. A gradient's sum (every batch) splits from TEAM_MIN_ELEMENTWISE_VALUES (W1's 109 K: 7 chunks).
 */
export const SQUARES_CHUNK = 16384;

/** The most words a job takes (op and arguments). */
export const TEAM_JOB_WORDS = 18;

/** The bytes of one member's packing panel (KC · 32 in ./assembly/kernels.ts). */
export const PANEL_BYTES = 256 * 32;

/**
 * Below this many multiply-adds a product stays on the leader: it takes under ~12 µs on one thread. Handing a
 * block to a spinning helper costs 1–3 µs (a sleeping one ~100 µs, but then the leader computes the block itself:
 * join's steal). W1's 64 × 128 × 64 (0.5 M, ~20 µs; ~11 µs on two threads) splits, its 64 × 64 × 10 and W3's
 * products stay. W2's convolution products, chunked to 32 K column values (conv2d.ts), all stay: the team takes a
 * convolution's chunks instead, when the whole pass has this many multiply-adds.
 */
export const TEAM_MIN_MULTIPLY_ADDS = 256 * 1024;

/**
 * Below this many values a batch's rows are not read ahead by a helper (readAhead): W1's 64 × 784 (200 KB, ~50 µs
 * to copy from memory) are; W3's 32 × 2 are copied in well under a µs, and waking the helper for them every batch
 * kept it spinning through a run whose products never split (W3 on two threads: 0.29 → 0.32 s, twice the CPU).
 */
export const TEAM_MIN_READ_AHEAD_VALUES = 16 * 1024;

/** Below this many parameters an Adam step stays on the leader (W1's 109 386 split: ~120 µs on one thread). */
export const TEAM_MIN_ADAM_VALUES = 64 * 1024;

/**
 * Below this many values relu (forward or backward) and 2 × 2 max pooling (its input) stay on the leader: 64 K take ~15–25 µs on one thread. W1's
 * (64 × 128) stay; the CNNs' after their first convolution (W2: 64 × 8 × 26 × 26) split.
 */
export const TEAM_MIN_ELEMENTWISE_VALUES = 64 * 1024;
