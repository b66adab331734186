/**
 * Measures the Fashion-MNIST training CSV import end to end (not a suite): first the service path
 * (`datasets.import`, then `datasets.update-columns` with pixel1 excluded) with wall and process CPU time,
 * peak RSS above the idle process and the main thread's longest event-loop stall; then each phase
 * in-process (read, hash, parse, typing, doctor, store) with its wall and CPU time.
 *
 *   npx tsx bench/import-end-to-end.ts [path/to/fashion-mnist_train.csv]
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { inferColumns } from '../src-core/data/columns/infer-columns';
import { parseCsv } from '../src-core/data/csv/parse-csv';
import { plannedInputShape } from '../src-core/data/datasets/imported-training';
import { diagnoseDataset } from '../src-core/data/doctor/diagnose-dataset';
import { createLab } from '../src-main/app/create-lab';
import { readCsvBytes } from '../src-main/data/read-csv-bytes';
import { DatasetStore } from '../src-main/store/dataset-store';
import { openStore } from '../src-main/store/lab-store';
import { callRequest } from '../test/support/call-request';

const csv = resolve(process.argv[2] ?? fileURLToPath(new URL('./data/fashion-mnist_train.csv', import.meta.url)));
if (!existsSync(csv)) {
  console.error(`${csv}: no such file; write it with 'node /work/shared/datasets/fashion-mnist-csv.mjs <dir>'`);
  process.exit(1);
}

const mb = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(0)} MB`;
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** Wall and CPU (user + system, every thread of the process) of an async step, and the longest main-thread stall. */
async function measure<T>(label: string, step: () => Promise<T> | T): Promise<T> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  // A 5 ms ticker as well: the longest gap between its ticks is the longest stall, beside the histogram's.
  let last = performance.now();
  let longestGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
  }, 5);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await step();
  const wall = performance.now() - start;
  longestGap = Math.max(longestGap, performance.now() - last);
  clearInterval(ticker);
  const used = process.cpuUsage(cpu);
  delay.disable();
  console.log(
    `${label.padEnd(28)} wall ${s(wall).padStart(7)}  cpu ${s((used.user + used.system) / 1000).padStart(7)}  longest main stall ${s(Math.max(delay.max / 1e6, longestGap))}`,
  );
  return result;
}

async function serviceRun(dir: string): Promise<void> {
  const idle = process.memoryUsage().rss;
  let peak = idle;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const lab = await createLab({ databasePath: join(dir, 'lab.db'), host: 'browser', threads: 1, workerFile: join(dir, 'no-train-worker.js') });
  let events = 0;
  const phases: string[] = [];
  // When each step began, as main saw its progress event: the worker's phases on the service path.
  const marks: Array<[string, number]> = [];
  lab.bus.subscribe((name, payload) => {
    if (name !== 'dataset.import-progress') return;
    events++;
    const phase = (payload as { phase?: string }).phase;
    if (events === 1) marks.push(['parse (from first progress)', performance.now()]);
    if (phase && phases.at(-1) !== phase) {
      phases.push(phase);
      marks.push([phase, performance.now()]);
    }
  });
  const begin = performance.now();
  const result = await measure('service: datasets.import', () => callRequest(lab.handlers, 'datasets.import', { path: csv }));
  const end = performance.now();
  console.log(`  progress events ${events}${phases.length ? `, phases ${phases.join(' → ')}` : ''}`);
  const steps = [['worker start, read, hash', begin] as [string, number], ...marks, ['', end] as [string, number]];
  console.log(`  on the service path: ${steps.slice(0, -1).map(([label, at], i) => `${label} ${s(steps[i + 1]![1] - at)}`).join(', ')}`);
  console.log(`  peak RSS above idle after the import: ${mb(process.resourceUsage().maxRSS * 1024 - idle)}`);
  await measure('service: update-columns', () =>
    callRequest(lab.handlers, 'datasets.update-columns', { id: result.info.id, use: { pixel1: 'excluded' } }),
  );
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const maxRss = process.resourceUsage().maxRSS * 1024;
  console.log(`  peak RSS above idle: ${mb(Math.max(peak, maxRss) - idle)} (getrusage peak ${mb(maxRss)}, sampled every 20 ms ${mb(peak)}); idle ${mb(idle)}`);
  await lab.close();
}

async function phaseRun(dir: string): Promise<void> {
  const bytes = await measure('phase: read', () => readCsvBytes(csv, 'fashion-mnist_train.csv'));
  await measure('phase: sha-256', () => createHash('sha256').update(bytes).digest('hex'));
  const table = await measure('phase: parse', () => parseCsv(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { fileName: 'f.csv' }));
  const plan = await measure('phase: typing', () => inferColumns(table));
  const inputShape = plannedInputShape(table, plan);
  const report = await measure('phase: doctor', () => diagnoseDataset(table, plan));
  const store = openStore(join(dir, 'phases.db'));
  await measure('phase: store (one txn)', () =>
    new DatasetStore(store.connection).saveImported({ hash: 'x', fileName: 'f.csv', fileSize: bytes.byteLength, table, stored: { plan, inputShape }, report }, new Date().toISOString()),
  );
  store.close();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nn-lab-import-bench-'));
  try {
    const which = process.env.BENCH_ONLY;
    if (which !== 'phases') await serviceRun(dir);
    if (which !== 'service') await phaseRun(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
