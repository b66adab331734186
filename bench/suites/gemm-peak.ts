/**
 * The GEMM kernel against the machine's peak (issue 14): GFLOP/s on one thread of each of the lab's kernel backends
 * (scalar JavaScript, WebAssembly SIMD, relaxed SIMD) at 1024³ and at W1's first dense layer, beside OpenBLAS's sgemm
 * at the same shapes through PyTorch, measured in the same run. Each figure is the best of 5 windows of 0.4 s.
 * Alone: `npx tsx bench/suites/gemm-peak.ts` (the lab's part runs in a child with relaxed SIMD enabled).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Random } from '../../src-core/data/random';
import { gemmNT, useKernels, type KernelBackend } from '../../src-core/nn/kernels/gemm';
import { wasmSupport } from '../../src-core/nn/kernels/wasm-kernels';
import { singleThreadEnv } from '../harness/child';
import { describeBlas, pytorchEnv, type BlasReport } from '../harness/pytorch-blas';

/** C = A·Bᵀ (the dense layer's forward layout), M × K times (N × K)ᵀ. */
const shapes = [
  { what: '1024³', M: 1024, K: 1024, N: 1024 },
  { what: 'W1 dense 1 forward (batch 64, 784 → 128)', M: 64, K: 784, N: 128 },
] as const;
const windowSeconds = 0.4;

type Rates = Record<string, number[]>;

/** Calls per second of fn: the best of 5 windows after a warm-up (the machine may be shared). */
function rate(fn: () => void): number {
  for (let i = 0; i < 3; i++) fn();
  let best = 0;
  for (let round = 0; round < 5; round++) {
    let calls = 0;
    const start = performance.now();
    let now = start;
    while (now - start < windowSeconds * 1000 || calls === 0) {
      fn();
      calls++;
      now = performance.now();
    }
    best = Math.max(best, calls / ((now - start) / 1000));
  }
  return best;
}

/** The lab's side, in this process: GFLOP/s of each available backend at each shape. */
function labRates(): Rates {
  const rng = new Random(1);
  const random = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal());
  const backends: Array<[KernelBackend, () => KernelBackend]> = [
    ['js', () => useKernels('js')],
    ['wasm-simd', () => useKernels('wasm', { relaxedSimd: false })],
    ...(wasmSupport().relaxedSimd ? [['wasm-relaxed-simd', () => useKernels('wasm')] as [KernelBackend, () => KernelBackend]] : []),
  ];
  const rates: Rates = {};
  for (const [name, use] of backends) {
    if (use() !== name) throw new Error(`${name} is not available here`);
    rates[name] = shapes.map(({ M, K, N }) => {
      const a = random(M * K);
      const b = random(K * N);
      const c = new Float32Array(M * N);
      return (rate(() => gemmNT(c, a, b, M, K, N, 0, 0, 0)) * 2 * M * K * N) / 1e9;
    });
  }
  return rates;
}

const pytorchSgemm = `
import json, sys, time
sys.path.insert(0, sys.argv[1])
import torch
from pytorch_bench import blas_report
torch.set_num_threads(1)
out = []
for m, k, n in json.loads(sys.argv[2]):
    a = torch.randn(m, k); b = torch.randn(n, k); bt = b.t()
    for _ in range(3): torch.mm(a, bt)
    best = 0.0
    for _ in range(5):
        calls = 0; start = time.perf_counter()
        while True:
            torch.mm(a, bt); calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= ${windowSeconds}: break
        best = max(best, calls / elapsed)
    out.append(best * 2 * m * k * n / 1e9)
print(json.dumps({"gflops": out, "blas": blas_report(), "torch": torch.__version__}))
`;

function pytorchRates(): { gflops: number[]; blas: BlasReport; torch: string } | { error: string } {
  const peers = fileURLToPath(new URL('../peers', import.meta.url));
  const result = spawnSync('/usr/bin/python3', ['-c', pytorchSgemm, peers, JSON.stringify(shapes.map((s) => [s.M, s.K, s.N]))], {
    encoding: 'utf8',
    env: pytorchEnv(singleThreadEnv()),
    timeout: 300_000,
  });
  if (result.status !== 0) return { error: (result.stderr || result.error?.message || `exit ${result.status}`).trim().split('\n').at(-1)! };
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { gflops: number[]; blas: BlasReport; torch: string };
}

/** The lab's rates from a child that has relaxed SIMD (Electron's V8 has it; Node 20 needs the flag). */
function labRatesInChild(): Rates {
  const result = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', 'tsx', fileURLToPath(import.meta.url), '--child'], {
    encoding: 'utf8',
    env: singleThreadEnv(),
    timeout: 600_000,
  });
  if (result.status !== 0) throw new Error(`the lab's GEMM child failed: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Rates;
}

export async function run(): Promise<{ title: string; markdown: string }> {
  const lab = labRatesInChild();
  const peak = pytorchRates();
  const header = `| backend | ${shapes.map((s) => `${s.what}: GFLOP/s`).join(' | ')} | 1024³: × scalar | 1024³: share of OpenBLAS |`;
  const rule = `|---|${shapes.map(() => '---:').join('|')}|---:|---:|`;
  const js = lab.js![0]!;
  const rows = Object.entries(lab).map(([name, g]) => {
    const share = 'gflops' in peak ? `${((g[0]! / peak.gflops[0]!) * 100).toFixed(0)} %` : '—';
    return `| lab ${name} | ${g.map((x) => x.toFixed(2)).join(' | ')} | ${(g[0]! / js).toFixed(1)}× | ${share} |`;
  });
  if ('gflops' in peak) rows.push(`| PyTorch ${peak.torch} sgemm (${describeBlas(peak.blas)}) | ${peak.gflops.map((x) => x.toFixed(2)).join(' | ')} | ${(peak.gflops[0]! / js).toFixed(1)}× | 100 % |`);
  const note = 'gflops' in peak ? '' : `\n\nPyTorch's sgemm was not measured: ${peak.error}.`;
  return {
    title: 'GEMM on one thread against OpenBLAS',
    markdown: `C = A·Bᵀ in float32, one thread each, the best of 5 windows of ${windowSeconds} s; the peak is OpenBLAS's sgemm through PyTorch in the same run.\n\n${header}\n${rule}\n${rows.join('\n')}${note}`,
  };
}

if (process.argv.includes('--child')) process.stdout.write(`${JSON.stringify(labRates())}\n`);
else if (process.argv[1] === fileURLToPath(import.meta.url)) console.log((await run()).markdown);
