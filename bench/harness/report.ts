import { engineTitles, workloads, type EngineResult, type WorkloadId } from '../workloads';
import type { MachineInfo } from './machine';
import { pytorchBlasLine } from './pytorch-blas';
import { compare } from './ratio';

/** Renders BENCHMARKS.md from the results: nothing in it is written by hand. */

export interface SuiteReport {
  file: string;
  title: string;
  markdown: string;
  seconds: number;
}

export interface BenchReport {
  command: string;
  quick: boolean;
  machine: MachineInfo;
  loadAverageAtEnd: number[];
  totalSeconds: number;
  results: EngineResult[];
  suites: SuiteReport[];
}

const fixed = (n: number | undefined, digits: number): string => (n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits));
const count = (n: number): string => n.toLocaleString('en-US');
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function workloadTable(id: WorkloadId, results: EngineResult[]): string {
  const w = workloads[id];
  const lab = results.find((r) => r.engine === 'lab' && r.status === 'ok' && r.seconds !== undefined);
  const lines = [
    `### ${w.title}`,
    '',
    w.description,
    '',
    '| engine | seconds (wall) | CPU seconds | images × epochs | peer time ÷ lab time (wall) | in words | peer ÷ lab (CPU) | final loss | accuracy | peak RSS (MiB) | notes |',
    '|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---|',
  ];
  for (const r of results) {
    const name = engineTitles[r.engine];
    if (r.status !== 'ok' || r.seconds === undefined) {
      const status = r.status === 'ok' ? 'failed' : r.status;
      lines.push(`| ${name} | ${status} | – | – | – | – | – | – | – | – | ${cell(r.note ?? '')} |`);
      continue;
    }
    let ratio = '–';
    let cpuRatio = '–';
    let words = lab ? '' : 'no lab time to compare with';
    if (r.engine === 'lab') {
      ratio = '1 (reference)';
      cpuRatio = '1';
      words = '';
    } else if (lab?.seconds !== undefined) {
      const labRows = lab.rows * lab.epochs;
      const c = compare({ seconds: r.seconds, rows: r.rows * r.epochs }, { seconds: lab.seconds, rows: labRows });
      ratio = `${c.ratio.toFixed(2)}${c.perRow ? ' (per image)' : ''}`;
      // The 2-thread rows are read against their own 1-thread rows, not as a peer beating or losing to the lab.
      const oneThread = r.engine === 'lab-2t' ? lab : r.engine === 'pytorch-2t' ? okRow(results, 'pytorch') : undefined;
      words = oneThread ? `2 threads: ${(oneThread.seconds! / r.seconds).toFixed(2)}× one thread's speed` : c.words;
      if (r.cpuSeconds !== undefined && lab.cpuSeconds !== undefined) {
        cpuRatio = compare({ seconds: r.cpuSeconds, rows: r.rows * r.epochs }, { seconds: lab.cpuSeconds, rows: labRows }).ratio.toFixed(2);
      }
    }
    const accuracy = r.accuracy === undefined ? '–' : `${(r.accuracy * 100).toFixed(1)} % (${r.accuracyOn ?? '?'})`;
    lines.push(
      `| ${name} | ${fixed(r.seconds, 2)} | ${fixed(r.cpuSeconds, 2)} | ${count(r.rows)} × ${r.epochs} | ${ratio} | ${words} | ${cpuRatio} | ${fixed(r.finalLoss, 4)} | ${accuracy} | ${fixed(r.peakRssMiB, 0)} | ${cell(r.note ?? '')} |`,
    );
  }
  const scaling = threadScaling(results);
  if (scaling) lines.push('', scaling);
  return lines.join('\n');
}

/** One engine's finished row of a workload's results, or undefined. */
const okRow = (results: EngineResult[], engine: EngineResult['engine']): EngineResult | undefined =>
  results.find((r) => r.engine === engine && r.status === 'ok' && r.seconds !== undefined);

/**
 * The lab's 1 → 2 thread scaling on one workload, its 2 threads against PyTorch's one, and PyTorch's own 1 → 2 thread
 * scaling when both PyTorch rows ran; undefined without both lab rows.
 */
export function threadScaling(results: EngineResult[]): string | undefined {
  const one = okRow(results, 'lab');
  const two = okRow(results, 'lab-2t');
  if (!one || !two || one.rows * one.epochs !== two.rows * two.epochs) return undefined;
  const sameWork = (r: EngineResult | undefined): r is EngineResult => r !== undefined && r.rows * r.epochs === two.rows * two.epochs;
  const torch = okRow(results, 'pytorch');
  const torchTwo = okRow(results, 'pytorch-2t');
  const versusTorch = sameWork(torch) ? `; 2 threads take ${(two.seconds! / torch.seconds!).toFixed(2)}× PyTorch's one-thread time` : '';
  const torchScaling =
    sameWork(torch) && sameWork(torchTwo)
      ? ` PyTorch in the same run: ${fixed(torch.seconds, 2)} s → ${fixed(torchTwo.seconds, 2)} s, a speed-up of ${(torch.seconds! / torchTwo.seconds!).toFixed(2)}×.`
      : '';
  return `**1 → 2 threads:** ${fixed(one.seconds, 2)} s → ${fixed(two.seconds, 2)} s, a speed-up of ${(one.seconds! / two.seconds!).toFixed(2)}×${versusTorch}.${torchScaling}`;
}

export function renderReport(report: BenchReport): string {
  const m = report.machine;
  const ownDirty = m.dirtyPaths.filter((p) => p.startsWith('bench/') || p.startsWith('src-core/') || p === 'BENCHMARKS.md');
  const dirty =
    m.dirtyPaths.length === 0
      ? 'clean tree'
      : `dirty (${m.dirtyPaths.length} changed or untracked paths in the shared tree; under src-core/ or bench/: ${ownDirty.length === 0 ? 'none' : ownDirty.join(', ')})`;
  const ids = [...new Set(report.results.map((r) => r.workload))];
  const parts = [
    '# Benchmarks',
    '',
    '<!-- Generated by bench/run.ts: do not edit by hand; rerun the bench instead. -->',
    '',
    `- **Date:** ${m.date}`,
    `- **Machine:** ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB; load average ${m.loadAverageAtStart.map((l) => l.toFixed(2)).join(' / ')} at start, ${report.loadAverageAtEnd.map((l) => l.toFixed(2)).join(' / ')} at end (1 / 5 / 15 min)`,
    `- **Node:** ${m.node}; **peers:** ${Object.entries(m.versions).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    ...(report.results.some((r) => r.engine === 'pytorch') ? [`- **PyTorch's BLAS:** ${pytorchBlasLine(report.results)}`] : []),
    `- **Commit:** ${m.commit}, ${dirty}`,
    `- **Command:** \`${report.command}\`${report.quick ? ' (**quick**: fewer images, see each table)' : ''}; whole run ${report.totalSeconds.toFixed(0)} s`,
    '',
    '**Method.** Each (engine, workload) pair runs in its own child process, one thread (TF.js wasm `setThreadsCount(1)`,',
    'PyTorch `torch.set_num_threads(1)`, `OMP_NUM_THREADS=1` and friends). PyTorch runs on OpenBLAS with the kernel',
    'OpenBLAS picks for this CPU (`OPENBLAS_CORETYPE` and `OPENBLAS_L2_SIZE` unset for it); a run on the reference BLAS',
    'is marked failed. The seconds are wall time of the training loop',
    'only: loading the cached data, building the model, and the final evaluation are outside the clock; the per-batch',
    'gathering of a shuffled batch is inside it for every engine. JS engines run under tsx, which transpiles every module',
    'when it is imported, before the clock starts. "peer time ÷ lab time" above 1 means the lab is faster. "final loss" is',
    'the mean training loss of the last epoch in the engine\'s own loss; accuracy is on the 10,000 test images (Fashion-MNIST)',
    'or on the training points (two moons). Peak RSS is the child\'s whole process, data set included. The machine is',
    'shared with other work, so a high load average means noisier, slower wall figures; CPU seconds (user + system of the',
    'child over the same stretch) suffer less from it, and "peer ÷ lab (CPU)" is the steadier comparison then.',
    'The two exceptions to one thread: "NN Lab core, 2 threads" is the lab with a thread team of two (every large product',
    'split between the run\'s thread and one helper, bit-identical weights); "PyTorch, 2 threads" is `torch.set_num_threads(2)`',
    'with OpenMP on two threads and OpenBLAS on one (with OpenBLAS on two as well, its threads cost W1\'s small products more',
    'than they give on two cores). Their CPU seconds count both threads, and the line under a table gives both 1 → 2 thread',
    'speed-ups (wall) of those single samples. On a machine shared with other work they are the figures most hurt by',
    'load: the second thread competes for a core. The suite "Thread scaling on W1"',
    'below gives W1\'s speed-up by medians of fresh processes, for the cold first epoch and for the compiled second.',
    '',
    ...ids.flatMap((id) => [workloadTable(id, report.results.filter((r) => r.workload === id)), '']),
    ...report.suites.flatMap((s) => [`## ${s.title}`, '', `_Suite \`${s.file}\`, ${s.seconds.toFixed(0)} s._`, '', s.markdown.trim(), '']),
  ];
  return parts.join('\n');
}
