import { describe, expect, it } from 'vitest';
import { Random } from '../../../../src-core/data/random';
import { PANEL_BYTES } from '../../../../src-core/nn/kernels/thread-team';
import { relaxedSimdKernelBytes, simdKernelBytes } from '../../../../src-core/nn/kernels/wasm-bytes';
import { instantiateKernels, wasmSupport, type KernelExports } from '../../../../src-core/nn/kernels/wasm-kernels';

/**
 * A team's chunks (claimChunk in src-core/nn/kernels/assembly/kernels.ts): each member takes its own run of chunks
 * first, then what is left of the others'. Whatever order the members come in, and if only one comes at all (the
 * leader computing the blocks of helpers that never woke), every chunk is computed once and C has the bits of one
 * thread's product. Called here on one thread, member by member, over one instance's memory.
 */

const support = wasmSupport();
const modules = [
  ...(support.simd ? [['wasm-simd', simdKernelBytes] as const] : []),
  ...(support.relaxedSimd ? [['wasm-relaxed-simd', relaxedSimdKernelBytes] as const] : []),
];

/** Bump allocation in an instance's memory. */
function heap(x: KernelExports): { alloc(bytes: number): number; f32(at: number, n: number): Float32Array; i32(at: number, n: number): Int32Array } {
  let top = (x.heapBase() + 15) & ~15;
  return {
    alloc(bytes) {
      const at = top;
      top += (bytes + 15) & ~15;
      const pages = Math.ceil(top / 65536) - x.memory.buffer.byteLength / 65536;
      if (pages > 0) x.memory.grow(pages);
      return at;
    },
    f32: (at, n) => new Float32Array(x.memory.buffer, at, n),
    i32: (at, n) => new Int32Array(x.memory.buffer, at, n),
  };
}

const rng = new Random(7);
const bits = (a: Float32Array): Uint32Array => new Uint32Array(a.slice().buffer);

type AdamArrays = readonly [params: number, grads: number, m: number, v: number];
/** Two sets of Adam's four arrays of n values in the heap, the second holding the first's random values. */
function twinAdamArrays(h: ReturnType<typeof heap>, n: number): [AdamArrays, AdamArrays] {
  const arrays = (): AdamArrays => [h.alloc(n * 4), h.alloc(n * 4), h.alloc(n * 4), h.alloc(n * 4)];
  const a = arrays();
  const b = arrays();
  for (let i = 0; i < 4; i++) {
    const values = Float32Array.from({ length: n }, () => rng.normal());
    h.f32(a[i]!, n).set(values);
    h.f32(b[i]!, n).set(values);
  }
  return [a, b];
}

describe.runIf(modules.length > 0)("a team's chunks: every member order gives one thread's bits", () => {
  // [name, M, K, N, rsA, csA, rsB, csB]: a dense layer's weight gradient (TN, split by its 128 units), its forward
  // product (NT, split by columns), and a tall product split by rows.
  const products = [
    ['TN 128 × 24 × 100 (by units)', 128, 24, 100, 1, 128, 100, 1],
    ['NT 20 × 30 × 72 (by columns)', 20, 30, 72, 30, 1, 1, 30],
    ['NN 90 × 17 × 40 (by rows)', 90, 17, 40, 17, 1, 40, 1],
  ] as const;
  // Member orders for a team of 3: the leader alone, a helper alone, all three in turn, and two of them.
  const orders = [[0], [1], [2, 0, 1], [1, 0]];

  for (const [name, bytes] of modules) {
    it.each(products)(`${name}: %s`, (_label, M, K, N, rsA, csA, rsB, csB) => {
      const x = instantiateKernels(bytes);
      const h = heap(x);
      const [a, b, c, next, panels] = [h.alloc(M * K * 4), h.alloc(K * N * 4), h.alloc(M * N * 4), h.alloc(16), h.alloc(3 * PANEL_BYTES)];
      h.f32(a, M * K).set(Float32Array.from({ length: M * K }, () => rng.normal()));
      h.f32(b, K * N).set(Float32Array.from({ length: K * N }, () => rng.normal()));
      x.gemmF32(c, a, b, M, K, N, rsA, csA, rsB, csB);
      const alone = bits(h.f32(c, M * N));
      for (const order of orders) {
        h.f32(c, M * N).fill(0);
        h.i32(next, 4).fill(0);
        for (const t of order) x.gemmPartF32(c, a, b, M, K, N, rsA, csA, rsB, csB, 3, panels, next, t);
        expect(bits(h.f32(c, M * N)), `members ${order.join(', ')}`).toEqual(alone);
      }
    });

    it(`${name}: a member's own run is the same block of units every job (its weights stay in its core's cache)`, () => {
      // A dense layer's weight gradient, 128 units: with run 0 taken by the other member, member 1 of 2 computes
      // exactly units 64–127, the rows whose weights its forward product's columns and its Adam run also hold.
      const [M, K, N] = [128, 8, 40];
      const x = instantiateKernels(bytes);
      const h = heap(x);
      const [a, b, c, next, panels] = [h.alloc(M * K * 4), h.alloc(K * N * 4), h.alloc(M * N * 4), h.alloc(16), h.alloc(2 * PANEL_BYTES)];
      h.f32(a, M * K).fill(1);
      h.f32(b, K * N).fill(1);
      h.i32(next, 4).set([1_000_000, 0]);
      x.gemmPartF32(c, a, b, M, K, N, 1, M, N, 1, 2, panels, next, 1);
      const rows = Array.from({ length: M }, (_, i) => h.f32(c + i * N * 4, N).every((v) => v === K));
      expect(rows.slice(0, 64).some(Boolean)).toBe(false);
      expect(rows.slice(64).every(Boolean)).toBe(true);
    });

    it(`${name}: Adam's chunks, whichever members take them`, () => {
      const x = instantiateKernels(bytes);
      const h = heap(x);
      const n = 5 * 2048 + 13; // six chunks, the last short
      const [one, team] = twinAdamArrays(h, n);
      const next = h.alloc(16);
      const k = [0.9, 0.999, 0.1, 0.001, 0.01, 1.02, 1e-8, 0, 1, 0] as const; // the last: keep the gradients
      x.adamStepF32(one[0], one[1], one[2], one[3], n, ...k);
      for (const order of [[1], [0, 1]]) {
        h.i32(next, 4).fill(0);
        for (const t of order) x.adamPartF32(team[0], team[1], team[2], team[3], n, ...k, next, 2, t);
        for (const [i, name] of ['params', 'grads', 'm', 'v'].entries()) {
          expect(bits(h.f32(team[i]!, n)), `${name}, members ${order.join(', ')}`).toEqual(bits(h.f32(one[i]!, n)));
        }
        // Step the single-thread copy once more, so the next order is compared after the same number of steps.
        x.adamStepF32(one[0], one[1], one[2], one[3], n, ...k);
      }
    });

    it(`${name}: Adam's step asked to clear the gradients zeroes each once read, and steps as it would keep them`, () => {
      const x = instantiateKernels(bytes);
      const h = heap(x);
      const n = 5 * 2048 + 13;
      const [kept, cleared] = twinAdamArrays(h, n);
      const next = h.alloc(16);
      const k = [0.9, 0.999, 0.1, 0.001, 0.01, 1.02, 1e-8, 0.01, 1] as const;
      x.adamStepF32(kept[0], kept[1], kept[2], kept[3], n, ...k, 0);
      h.i32(next, 4).fill(0);
      for (const t of [1, 0]) x.adamPartF32(cleared[0], cleared[1], cleared[2], cleared[3], n, ...k, 1, next, 2, t);
      expect(h.f32(cleared[1], n).every((g) => Object.is(g, 0))).toBe(true);
      expect(h.f32(kept[1], n).some((g) => g !== 0)).toBe(true);
      for (const [i, what] of [[0, 'params'], [2, 'm'], [3, 'v']] as const) {
        expect(bits(h.f32(cleared[i], n)), what).toEqual(bits(h.f32(kept[i], n)));
      }
      x.adamStepF32(kept[0], kept[1], kept[2], kept[3], 7, ...k, 1); // the single-thread export, and a tail shorter than a vector
      expect(h.f32(kept[1], 8).slice(0, 7).every((g) => Object.is(g, 0))).toBe(true);
      expect(h.f32(kept[1], 8)[7]).not.toBe(0);
    });
  }
});
