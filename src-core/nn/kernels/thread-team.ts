/**
 * Several threads for one run (docs/ARCHITECTURE.md, Threads). The run's own thread is the leader, member 0; the
 * team's other members are helpers, threads that the host (src-main/pool/thread-team.ts: worker_threads) keeps
 * waiting on shared control words. The core only says what they run: a GEMM's block (the kernel module's
 * gemmPart, member t of `size`), over the model's own shared WebAssembly memory, which every helper instantiates the
 * same kernel module over. Each member computes a disjoint block of C over the whole K, so the result is
 * bit-identical for any team size. The js backend ignores the team.
 */
export interface ThreadTeam {
  /** Members, the leader included (1: the leader alone). */
  readonly size: number;
  /**
   * Makes the helpers run over this memory with this compiled module (WebAssembly.Memory and WebAssembly.Module,
   * both shareable between threads) until the next attach; returns when every helper is ready. A helper that
   * fails throws here, naming the failure.
   */
  attach(memory: object, module: object): void;
  /** Starts a job on every helper: words[0] is the op (teamOps), the rest its arguments; returns at once. */
  start(words: readonly number[]): void;
  /** The barrier: returns when every helper has finished the job started last; throws a helper's error. */
  join(): void;
}

/** The jobs a helper runs (words[0] of start). */
export const teamOps = {
  /** gemmPartF32/F64(c, a, b, M, K, N, rsA, csA, rsB, csB, t, size, panelBase + t · PANEL_BYTES): words[1..11]. */
  gemmF32: 1,
  gemmF64: 2,
} as const;

/** The bytes of one member's packing panel (KC · 32 in ./assembly/kernels.ts). */
export const PANEL_BYTES = 256 * 32;

/** Below this many multiply-adds a product stays on the leader: waking the helpers and the barrier cost more. */
export const TEAM_MIN_MULTIPLY_ADDS = 64 * 1024;

/** What a helper calls for a job, on its own instance's exports over the shared memory (member t of size). */
export function runTeamJob(
  exports: { gemmPartF32: GemmPart; gemmPartF64: GemmPart },
  words: ArrayLike<number>,
  t: number,
): void {
  const op = words[0];
  if (op !== teamOps.gemmF32 && op !== teamOps.gemmF64) throw new Error(`thread team: unknown job ${op}`);
  const part = op === teamOps.gemmF32 ? exports.gemmPartF32 : exports.gemmPartF64;
  const size = words[11]!;
  part(words[1]!, words[2]!, words[3]!, words[4]!, words[5]!, words[6]!, words[7]!, words[8]!, words[9]!, words[10]!, t, size, words[12]! + t * PANEL_BYTES);
}

type GemmPart = (
  c: number, a: number, b: number, M: number, K: number, N: number, rsA: number, csA: number, rsB: number, csB: number, t: number, size: number, panel: number,
) => void;

/** The number of words a job takes (op and arguments). */
export const TEAM_JOB_WORDS = 13;
