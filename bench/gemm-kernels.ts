/**
 * GEMM micro-benchmark: GFLOP/s of each kernel backend at the shapes W1 trains with and at 1024³, one thread, and
 * the share of the WebAssembly path spent copying operands in and out (the same kernel called on operands already
 * in its memory). Each figure is the best of 5 windows. Usage: npx tsx bench/gemm-kernels.ts [--seconds 1]
 * Relaxed SIMD on Node 20: node --experimental-wasm-relaxed-simd --import tsx bench/gemm-kernels.ts
 */
import { Random } from '../src-core/data/random';
import { gemmNN, gemmNT, gemmTN, useKernels, type KernelBackend } from '../src-core/nn/kernels/gemm';
import { relaxedSimdKernelBytes, simdKernelBytes } from '../src-core/nn/kernels/wasm-bytes';
import { instantiateKernels, wasmSupport } from '../src-core/nn/kernels/wasm-kernels';

const at = process.argv.indexOf('--seconds');
const seconds = at > 0 ? Number(process.argv[at + 1]) : 1;
type Layout = 'NT' | 'NN' | 'TN';
// W1 (784-128-64-10, batch 64): each dense layer's forward (NT), weight gradient (TN) and input gradient (NN).
const cases: Array<{ what: string; layout: Layout; M: number; K: number; N: number }> = [
  { what: 'W1 dense1 forward', layout: 'NT', M: 64, K: 784, N: 128 },
  { what: 'W1 dense1 dW', layout: 'TN', M: 128, K: 64, N: 784 },
  { what: 'W1 dense2 forward', layout: 'NT', M: 64, K: 128, N: 64 },
  { what: 'W1 dense2 dW', layout: 'TN', M: 64, K: 64, N: 128 },
  { what: 'W1 dense2 dinp', layout: 'NN', M: 64, K: 64, N: 128 },
  { what: '1024³', layout: 'NT', M: 1024, K: 1024, N: 1024 },
];

const rng = new Random(1);
const random = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal());

/** Calls per second of fn: the best of 5 windows of `seconds` / 5 after a warm-up (the machine is shared). */
function rate(fn: () => void): number {
  for (let i = 0; i < 3; i++) fn();
  let best = 0;
  for (let round = 0; round < 5; round++) {
    let calls = 0;
    const start = performance.now();
    let now = start;
    while (now - start < (seconds * 1000) / 5 || calls === 0) {
      fn();
      calls++;
      now = performance.now();
    }
    best = Math.max(best, calls / ((now - start) / 1000));
  }
  return best;
}

function gflops(layout: Layout, M: number, K: number, N: number): number {
  const a = random(M * K);
  const b = random(K * N);
  const c = new Float32Array(M * N);
  const s1 = new Float32Array(M * K);
  const s2 = new Float32Array(K * N);
  const run = {
    NT: () => gemmNT(c, a, b, M, K, N, 0, 0, 0),
    NN: () => gemmNN(c, a, b, M, K, N, s2, 0, 0, 0),
    TN: () => gemmTN(c, a, b, M, K, N, s1, s2, 0, 0, 0),
  }[layout];
  return (rate(run) * 2 * M * K * N) / 1e9;
}

/** The wasm kernel alone on operands already in its memory (what a design without copies would run). */
function kernelOnly(bytes: Uint8Array, layout: Layout, M: number, K: number, N: number): number {
  const x = instantiateKernels(bytes);
  const base = (x.heapBase() + 15) & ~15;
  const pA = base + M * N * 4;
  const pB = pA + M * K * 4;
  x.memory.grow(Math.ceil((pB + K * N * 4) / 65536));
  new Float32Array(x.memory.buffer, pA, M * K).set(random(M * K));
  new Float32Array(x.memory.buffer, pB, K * N).set(random(K * N));
  const [rsA, csA] = layout === 'TN' ? [1, M] : [K, 1];
  const [rsB, csB] = layout === 'NT' ? [1, K] : [N, 1];
  return (rate(() => x.gemmF32(base, pA, pB, M, K, N, rsA, csA, rsB, csB)) * 2 * M * K * N) / 1e9;
}

const support = wasmSupport();
const backends: Array<[KernelBackend, () => KernelBackend, Uint8Array | null]> = [
  ['js', () => useKernels('js'), null],
  ['wasm-simd', () => useKernels('wasm', { relaxedSimd: false }), simdKernelBytes],
  ...(support.relaxedSimd ? [['wasm-relaxed-simd', () => useKernels('wasm'), relaxedSimdKernelBytes] as [KernelBackend, () => KernelBackend, Uint8Array]] : []),
];
process.stdout.write(`GFLOP/s, one thread (${backends.map((b) => b[0]).join(', ')}; kernel alone = without the copies)\n`);
for (const { what, layout, M, K, N } of cases) {
  const cells: string[] = [];
  let js = 0;
  for (const [name, use, bytes] of backends) {
    if (use() !== name) throw new Error(`${name} is not available here`);
    const g = gflops(layout, M, K, N);
    if (name === 'js') js = g;
    let cell = `${name} ${g.toFixed(2)}`;
    if (name !== 'js') cell += ` (${(g / js).toFixed(1)}×; kernel alone ${kernelOnly(bytes!, layout, M, K, N).toFixed(2)})`;
    cells.push(cell);
  }
  process.stdout.write(`${what.padEnd(18)} ${layout} ${`${M}×${K}×${N}`.padEnd(15)} ${cells.join('  ')}\n`);
}
