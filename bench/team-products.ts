/**
 * W1's products and Adam step, one batch's worth in a loop, on one thread or a thread team: the median and best
 * time of each (after a warm-up), and how many blocks the leader stole from helpers that had not picked them up.
 * Usage: node --experimental-wasm-relaxed-simd --import tsx bench/team-products.ts [threads] [all]
 * (all: the team splits everything, as the tests' splitAll; else the thresholds of src-core/nn/kernels/thread-team.ts).
 */
import { createWasmKernels } from '../src-core/nn/kernels/wasm-kernels';
import type { ThreadTeam } from '../src-core/nn/kernels/thread-team';
import { createThreadTeam } from '../src-main/pool/thread-team';

const threads = Number(process.argv[2] ?? 1);
let stolen = 0;
const real = threads > 1 ? createThreadTeam(threads) : null;
const team: ThreadTeam | null = real && {
  get size() {
    return real.size;
  },
  splitAll: process.argv[3] === 'all',
  attach: (memory, module) => real.attach(memory, module),
  start: (words, size) => real.start(words, size),
  join: (steal) =>
    real.join(
      steal &&
        ((t) => {
          stolen++;
          steal(t);
        }),
    ),
};
const k = createWasmKernels(true)!.create(team);
const B = 64, I = 784, H = 128, H2 = 64;
const filled = (n: number): Float32Array => {
  const a = k.alloc(Float32Array, n);
  for (let i = 0; i < n; i++) a[i] = Math.sin(i) * 0.1;
  return a;
};
const X = filled(B * I), W1 = filled(H * I), Y1 = filled(B * H), dY1 = filled(B * H), dW1 = filled(H * I);
const W2 = filled(H2 * H), Y2 = filled(B * H2), dY2 = filled(B * H2), dW2 = filled(H2 * H), dX2 = filled(B * H);
const P = filled(109386), G = filled(109386), M = filled(109386), V = filled(109386);
for (let i = 0; i < V.length; i++) V[i] = Math.abs(V[i]!);
const none = k.alloc(Float32Array, 1);
const adam = { beta1: 0.9, beta2: 0.999, c1: 0.1, c2: 0.001, stepSize: 0.001, invBc2Sqrt: 1, eps: 1e-8, coupledWd: 0, decay: 1 };
real?.warm();
const ops: [string, () => void][] = [
  ['zero dW1', () => k.fill(dW1, 0, dW1.length, 0)],
  ['64 × 784 × 128 (NT)', () => k.gemmNT(Y1, X, W1, B, I, H, 0, 0, 0)],
  ['64 × 128 × 64 (NT)', () => k.gemmNT(Y2, Y1, W2, B, H, H2, 0, 0, 0)],
  ['64 × 64 × 128 (TN, dW2)', () => k.gemmTN(dW2, dY2, Y1, H2, B, H, none, none, 0, 0, 0)],
  ['64 × 64 × 128 (NN, dX2)', () => k.gemmNN(dX2, dY2, W2, B, H2, H, none, 0, 0, 0)],
  ['128 × 64 × 784 (TN, dW1)', () => k.gemmTN(dW1, dY1, X, H, B, I, none, none, 0, 0, 0)],
  ['Adam, 109 386 values', () => k.adamStep(P, G, M, V, adam)],
];
const times = ops.map(() => [] as number[]);
for (let round = 0; round < 3000; round++) {
  ops.forEach(([, op], i) => {
    const t = performance.now();
    op();
    times[i]!.push(performance.now() - t);
  });
}
let total = 0;
ops.forEach(([name], i) => {
  const sorted = times[i]!.slice(500).sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1]! * 1000;
  total += median;
  process.stdout.write(`${name.padEnd(26)} median ${median.toFixed(1).padStart(6)} µs  best ${(sorted[0]! * 1000).toFixed(1).padStart(6)} µs\n`);
});
process.stdout.write(`a batch's products and step: ${total.toFixed(0)} µs (medians); blocks stolen by the leader: ${stolen}\n`);
await real?.close();
