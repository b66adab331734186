/**
 * The benchmark harness (issue 3): trains each workload in the lab's core and in the peers, one child process per
 * (engine, workload), then runs every suite in bench/suites/, and writes BENCHMARKS.md + bench/results/latest.json.
 * PyTorch runs on OpenBLAS with its own kernel choice (harness/pytorch-blas.ts).
 * Usage: see harness/args.ts or `tsx bench/run.ts --help`.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { prepareFashion, prepareTwoMoons } from './datasets/prepare';
import { benchDir, cacheDir, repoDir, resultsDir } from './datasets/paths';
import { ArgsError, parseArgs, usage, type BenchArgs } from './harness/args';
import { resultLine, runChild, singleThreadEnv, tail } from './harness/child';
import { machineInfo } from './harness/machine';
import { checkPytorchBlas, ensureOpenBlas, pytorchEnv } from './harness/pytorch-blas';
import { renderReport, type BenchReport, type SuiteReport } from './harness/report';
import { engineTitles, isPytorch, workloads, type EngineId, type EngineResult, type Workload } from './workloads';
import { wasmSupport } from '../src-core/nn/kernels/wasm-kernels';

const childTimeoutMs = 45 * 60_000;
const log = (line: string): void => void process.stdout.write(`[bench] ${line}\n`);

/** brain.js trains one sample at a time: a full epoch of W1 takes it over ten minutes, so it is timed on fewer images. */
const brainjsW1Rows = 3_000;

function rowsFor(engine: EngineId, workload: Workload, quick: boolean): { rows: number; note?: string } {
  const rows = quick ? workload.quickRows : workload.rows;
  if (engine === 'brainjs' && workload.id === 'W1' && rows > brainjsW1Rows) {
    return { rows: brainjsW1Rows, note: `timed on the first ${brainjsW1Rows.toLocaleString('en-US')} images (its per-sample training makes ${rows.toLocaleString('en-US')} take ~${Math.round(rows / brainjsW1Rows)}× as long); ratio per image` };
  }
  return { rows };
}

/** The lab runs the kernels Electron runs: relaxed SIMD, behind a flag on Node 20 (its note names the backend). */
function labFlags(engine: EngineId): string[] {
  return (engine === 'lab' || engine === 'lab-2t') && !wasmSupport().relaxedSimd ? ['--experimental-wasm-relaxed-simd'] : [];
}

/** `pytorchSkip`: why PyTorch cannot run here (no torch, no OpenBLAS), or undefined. */
async function runEngine(engine: EngineId, workload: Workload, args: BenchArgs, pytorchSkip: string | undefined): Promise<EngineResult> {
  const { rows, note: rowsNote } = rowsFor(engine, workload, args.quick);
  const base: EngineResult = { engine, workload: workload.id, status: 'ok', rows, epochs: workload.epochs };
  const torch = isPytorch(engine);
  if (torch && pytorchSkip !== undefined) return { ...base, status: 'skipped', note: pytorchSkip };
  const common = ['--workload', workload.id, '--rows', String(rows), '--epochs', String(workload.epochs)];
  const threads = engine === 'pytorch-2t' ? ['--threads', '2', '--blas-threads', '1'] : [];
  const [command, argv] = torch
    ? ['/usr/bin/python3', [join(benchDir, 'peers', 'pytorch_bench.py'), ...common, '--cache', cacheDir, ...threads]]
    : [process.execPath, [...labFlags(engine), '--import', 'tsx', join(benchDir, 'engines', 'engine-main.ts'), '--engine', engine, ...common]];
  const env = torch ? pytorchEnv(singleThreadEnv()) : singleThreadEnv();
  const out = await runChild(command, argv, { cwd: repoDir, env, timeoutMs: childTimeoutMs });
  const reported = resultLine(out.stdout) as EngineResult | undefined;
  const parsed = reported && { ...reported, engine }; // the peer script names itself "pytorch" on any thread count
  if (out.timedOut) return { ...base, status: 'failed', note: `timed out after ${childTimeoutMs / 60_000} min` };
  if (!parsed) return { ...base, status: 'failed', note: `exit ${out.code}: ${tail(out.stderr)}` };
  const notes = [rowsNote, parsed.note].filter(Boolean);
  return checkPytorchBlas({ ...parsed, ...(notes.length ? { note: notes.join('; ') } : {}) });
}

function suiteFiles(args: BenchArgs): string[] {
  const dir = join(benchDir, 'suites');
  const all = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ts')).sort() : [];
  if (args.suites === undefined) return all.map((f) => join(dir, f));
  return args.suites.map((name) => {
    const file = name.endsWith('.ts') ? name : `${name}.ts`;
    if (!all.includes(file)) throw new ArgsError(`--suite: no suite "${name}" in bench/suites/ (there are: ${all.map((f) => f.slice(0, -3)).join(', ') || 'none'})`);
    return join(dir, file);
  });
}

async function runSuite(file: string, args: BenchArgs): Promise<SuiteReport> {
  const name = relative(repoDir, file);
  const env = singleThreadEnv({
    ...(args.quick ? { BENCH_QUICK: '1' } : {}),
    ...(args.suiteBudget !== undefined ? { BENCH_SUITE_BUDGET_S: String(args.suiteBudget) } : {}),
  });
  const started = performance.now();
  const out = await runChild(process.execPath, ['--import', 'tsx', join(benchDir, 'harness', 'suite-main.ts'), file], {
    cwd: repoDir,
    env,
    timeoutMs: childTimeoutMs,
    echo: true,
  });
  const seconds = (performance.now() - started) / 1000;
  const parsed = resultLine(out.stdout) as { title: string; markdown: string } | undefined;
  if (parsed) return { file: name, ...parsed, seconds };
  const why = out.timedOut ? `timed out after ${childTimeoutMs / 60_000} min` : `exit ${out.code}: ${tail(out.stderr)}`;
  return { file: name, title: `${name} (failed)`, markdown: `The suite did not finish: ${why}`, seconds };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const suites = suiteFiles(args);
  const started = performance.now();
  const machine = machineInfo();
  const torchOk = !machine.versions.torch!.startsWith('not');
  const pytorchSkip = !args.engines.some(isPytorch)
    ? undefined
    : !torchOk
      ? '/usr/bin/python3 cannot import torch (apt-get install python3-torch)'
      : ensureOpenBlas(log);
  log(`commit ${machine.commit}, ${machine.cores} cores, load ${machine.loadAverageAtStart.map((l) => l.toFixed(1)).join(' ')}`);
  if (args.only.some((id) => workloads[id].dataset === 'fashion-mnist') || suites.length > 0) prepareFashion(log);
  prepareTwoMoons();

  const results: EngineResult[] = [];
  for (const id of args.only) {
    const workload = workloads[id];
    for (const engine of args.engines) {
      log(`${id} ${engineTitles[engine]} ...`);
      const result = await runEngine(engine, workload, args, pytorchSkip);
      results.push(result);
      const what = result.status === 'ok' ? `${result.seconds?.toFixed(2)} s, loss ${result.finalLoss?.toFixed(4)}, accuracy ${result.accuracy?.toFixed(4)}` : `${result.status}: ${result.note ?? ''}`;
      log(`${id} ${engineTitles[engine]}: ${what}`);
    }
  }
  const suiteReports: SuiteReport[] = [];
  for (const file of suites) {
    log(`suite ${relative(repoDir, file)} ...`);
    const suite = await runSuite(file, args);
    suiteReports.push(suite);
    log(`suite ${suite.title}: ${suite.seconds.toFixed(0)} s`);
  }

  const report: BenchReport = {
    command: `tsx bench/run.ts ${process.argv.slice(2).join(' ')}`.trim(),
    quick: args.quick,
    machine,
    loadAverageAtEnd: loadavg(),
    totalSeconds: (performance.now() - started) / 1000,
    results,
    suites: suiteReports,
  };
  mkdirSync(resultsDir, { recursive: true });
  const markdown = renderReport(report);
  const [mdFile, jsonFile] = args.full ? [join(repoDir, 'BENCHMARKS.md'), join(resultsDir, 'latest.json')] : [join(resultsDir, 'partial.md'), join(resultsDir, 'partial.json')];
  writeFileSync(mdFile, markdown);
  writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote ${relative(repoDir, mdFile)} and ${relative(repoDir, jsonFile)}`);
}

main().catch((error: unknown) => {
  if (error instanceof ArgsError) {
    process.stderr.write(`bench: ${error.message}\n\n${usage}\n`);
    process.exit(2);
  }
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
