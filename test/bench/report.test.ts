import { describe, expect, it } from 'vitest';
import { renderReport, type BenchReport } from '../../bench/harness/report';
import type { EngineResult } from '../../bench/workloads';

const machine = {
  date: '2026-11-21T10:00:00.000Z',
  cpuModel: 'AMD EPYC',
  cores: 2,
  memoryGiB: 24,
  node: 'v20.20.2',
  commit: 'abc1234',
  dirtyPaths: ['src-renderer/App.svelte'],
  versions: { '@tensorflow/tfjs': '4.22.0', torch: '1.13.0' },
  loadAverageAtStart: [1, 1, 1],
};

describe('renderReport', () => {
  const report: BenchReport = {
    command: 'tsx bench/run.ts',
    quick: false,
    machine,
    loadAverageAtEnd: [2, 1, 1],
    totalSeconds: 100,
    results: [
      { engine: 'lab', workload: 'W2', status: 'ok', rows: 10_000, epochs: 1, seconds: 4, cpuSeconds: 4, finalLoss: 0.9, accuracy: 0.7, accuracyOn: 'test' },
      { engine: 'tfjs-cpu', workload: 'W2', status: 'ok', rows: 10_000, epochs: 1, seconds: 12, cpuSeconds: 8, finalLoss: 1, accuracy: 0.68, accuracyOn: 'test' },
      { engine: 'tfjs-wasm', workload: 'W2', status: 'failed', rows: 10_000, epochs: 1, note: "Kernel 'Conv2DBackpropFilter' not registered" },
      { engine: 'brainjs', workload: 'W2', status: 'cannot', rows: 10_000, epochs: 1, note: 'brain.js 1.6.1 has no convolution layers' },
    ],
    suites: [{ file: 'bench/suites/x.ts', title: 'CSV import', markdown: '| rows | s |\n|---|---|', seconds: 3 }],
  };
  const md = renderReport(report);

  it('states the commit, that the shared tree was dirty, and whether bench or core files were among the changes', () => {
    expect(md).toContain('**Commit:** abc1234, dirty (1 changed or untracked paths in the shared tree; under src-core/ or bench/: none)');
  });

  it('puts every engine in the workload table with the ratio read the right way round', () => {
    expect(md).toContain('| NN Lab core | 4.00 | 4.00 | 10,000 × 1 | 1 (reference) |');
    expect(md).toContain('| TF.js cpu | 12.00 | 8.00 | 10,000 × 1 | 3.00 | the lab is 3.0× faster | 2.00 | 1.0000 | 68.0 % (test) |');
  });

  /** The report with the lab's 2-thread row and PyTorch's one-thread row added to W2's, and any `more` rows. */
  const withTwoThreads = (...more: EngineResult[]): string =>
    renderReport({
      ...report,
      results: [
        ...report.results,
        { engine: 'lab-2t', workload: 'W2', status: 'ok', rows: 10_000, epochs: 1, seconds: 2.5, cpuSeconds: 4.8 },
        { engine: 'pytorch', workload: 'W2', status: 'ok', rows: 10_000, epochs: 1, seconds: 2 },
        ...more,
      ],
    });

  it("gives the lab's 1 → 2 thread speed-up and its 2 threads against PyTorch's one under the table, only with both lab rows", () => {
    expect(md).not.toContain('1 → 2 threads:**');
    const withTeam = withTwoThreads();
    expect(withTeam).toContain('| NN Lab core, 2 threads | 2.50 | 4.80 | 10,000 × 1 | 0.63 |');
    expect(withTeam).toContain("| 0.63 | 2 threads: 1.60× one thread's speed |");
    expect(withTeam).toContain("**1 → 2 threads:** 4.00 s → 2.50 s, a speed-up of 1.60×; 2 threads take 1.25× PyTorch's one-thread time.");
    expect(withTeam).not.toContain('PyTorch in the same run');
  });

  it("reads PyTorch's 2-thread row against its own one thread, and gives its speed-up beside the lab's", () => {
    const withBoth = withTwoThreads({
      engine: 'pytorch-2t', workload: 'W2', status: 'ok', rows: 10_000, epochs: 1, seconds: 1.6, note: 'torch 1.13.0, 2 threads, OpenBLAS on 1',
    });
    expect(withBoth).toContain("| PyTorch, 2 threads | 1.60 | – | 10,000 × 1 | 0.40 | 2 threads: 1.25× one thread's speed |");
    expect(withBoth).toContain(
      "a speed-up of 1.60×; 2 threads take 1.25× PyTorch's one-thread time. PyTorch in the same run: 2.00 s → 1.60 s, a speed-up of 1.25×.",
    );
  });

  it('keeps skipped and failed engines in the table with their reason', () => {
    expect(md).toContain("| TF.js wasm | failed |");
    expect(md).toContain("Kernel 'Conv2DBackpropFilter' not registered |");
    expect(md).toContain('| brain.js | cannot |');
    expect(md).toContain('brain.js 1.6.1 has no convolution layers');
  });

  it('appends each suite under its own title', () => {
    expect(md).toContain('## CSV import');
    expect(md).toContain('| rows | s |');
  });

  it("names PyTorch's BLAS and kernel in the machine section, only when PyTorch was in the run", () => {
    expect(md).not.toContain("PyTorch's BLAS");
    const blas = { implementation: 'openblas', version: '0.3.21', kernel: 'Cooperlake', threading: 'pthreads', library: '/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3' };
    const withTorch = renderReport({
      ...report,
      results: [...report.results, { engine: 'pytorch', workload: 'W2', status: 'ok', rows: 10_000, epochs: 1, seconds: 1, blas }],
    });
    const machineSection = withTorch.slice(0, withTorch.indexOf('**Method.**'));
    expect(machineSection).toContain(
      "- **PyTorch's BLAS:** OpenBLAS 0.3.21 (pthreads), kernel Cooperlake (/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3); OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for PyTorch only\n",
    );
  });
});
