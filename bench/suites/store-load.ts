/**
 * Store load (issue 5): the run database and the runner under load, against the goals.
 *   1. 1,000 runs × 200 epochs in the database: the run list (runs.list, and a filtered runs.search) under 300 ms.
 *   2. A 20-run comparison (runs.compare: aligned curves, seed bands, config diff, summaries) under 1 s.
 *   3. 8 concurrent runs on 2 threads: the main thread's event-loop delay (perf_hooks monitorEventLoopDelay) and the
 *      rate of events a renderer would receive (run.progress is coalesced per run to ~10/s), while every epoch is stored.
 * Env: BENCH_QUICK=1 measures fewer repeats and shorter runs. Alone: `npx tsx bench/suites/store-load.ts`.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { RequestHandlers } from '../../src-core/contract/api';
import type { RunSummary } from '../../src-core/contract/training';
import { createLab } from '../../src-main/app/create-lab';
import { compareRuns } from '../../src-main/service/compare-runs';
import { openStore, type LabStore } from '../../src-main/store/lab-store';
import { build } from 'vite';
import { twoMoonsSpec, twoMoonsTrain } from '../../test/main/pool/two-moons-run';

const quick = process.env.BENCH_QUICK === '1';
const RUNS = 1000;
const EPOCHS = 200;
const CONCURRENT = 8;
const THREADS = 2;

const repoDir = fileURLToPath(new URL('../..', import.meta.url));

/** The training worker built from the current sources (as the tests do), so the bench measures this code. */
async function buildTrainWorker(outDir: string): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'silent',
    root: repoDir,
    ssr: { noExternal: true },
    build: {
      ssr: join(repoDir, 'src-main/pool/train-worker.ts'),
      outDir,
      emptyOutDir: false,
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: 'train-worker.js' } },
    },
  });
  return join(outDir, 'train-worker.js');
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number): string => x.toFixed(1);

function time<T>(fn: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = fn();
  return { ms: performance.now() - started, value };
}

/** 1,000 runs of 200 epochs written as the app writes them (the same tables and columns), in a few large transactions. */
function seed(store: LabStore): void {
  const db = store.connection;
  const insertRun = db.prepare(
    `INSERT INTO runs (id, name, status, dataset_id, dataset_name, task, config, seed, epochs, created_at, started_at, finished_at, duration_seconds)
     VALUES (?, ?, 'completed', ?, ?, 'classification', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEpoch = db.prepare(
    `INSERT INTO epoch_metrics (run_id, epoch, loss, accuracy, val_loss, val_accuracy, lr, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTag = db.prepare(`INSERT INTO run_tags (run_id, tag) VALUES (?, ?)`);
  const datasets = ['two-moons', 'spirals', 'circles', 'xor'];
  for (let start = 0; start < RUNS; start += 100) {
    db.transaction(() => {
      for (let r = start; r < start + 100; r++) {
        const id = `run-${String(r).padStart(4, '0')}`;
        const lr = [0.001, 0.01, 0.05, 0.1][r % 4]!;
        const config = JSON.stringify({ spec: twoMoonsSpec, train: { ...twoMoonsTrain(EPOCHS), optimizer: { type: 'adam', lr }, seed: r % 5 } });
        const created = new Date(Date.UTC(2026, 0, 1) + r * 60_000).toISOString();
        insertRun.run(id, `sweep point ${r}`, datasets[r % 4], datasets[r % 4], config, r % 5, EPOCHS, created, created, created, EPOCHS * 0.05);
        for (let e = 1; e <= EPOCHS; e++) {
          const loss = 1 / (1 + e * lr * 10) + (r % 7) * 0.001;
          insertEpoch.run(id, e, loss, 1 - loss / 2, loss * 1.1, 1 - loss / 1.8, lr, 0.05);
        }
        if (r % 10 === 0) insertTag.run(id, 'baseline');
      }
    })();
  }
}

async function concurrentRuns(dir: string, workerFile: string): Promise<string[]> {
  const epochs = quick ? 150 : 600;
  const lab = await createLab({ databasePath: join(dir, 'concurrent.db'), host: 'browser', threads: THREADS, workerFile });
  const handlers: RequestHandlers = lab.handlers;
  const perRunSecond = new Map<string, number>(); // `${runId}@${second}` → progress events
  let events = 0;
  let epochsTold = 0;
  const started = performance.now();
  const finished = new Set<string>();
  let resolveAll!: () => void;
  const allDone = new Promise<void>((resolve) => (resolveAll = resolve));
  lab.bus.subscribe((name, payload) => {
    events++;
    if (name === 'run.progress') {
      const p = payload as { runId: string; earlier?: unknown[] };
      epochsTold += 1 + (p.earlier?.length ?? 0);
      const key = `${p.runId}@${Math.floor((performance.now() - started) / 1000)}`;
      perRunSecond.set(key, (perRunSecond.get(key) ?? 0) + 1);
    }
    if (name === 'run.status') {
      const s = payload as RunSummary;
      if (['completed', 'failed', 'stopped', 'diverged'].includes(s.status)) {
        finished.add(s.id);
        if (finished.size === CONCURRENT) resolveAll();
      }
    }
  });
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  for (let i = 0; i < CONCURRENT; i++) {
    await handlers['runs.start']({ datasetId: 'two-moons', name: `concurrent ${i}`, spec: twoMoonsSpec, train: { ...twoMoonsTrain(epochs), seed: i } });
  }
  await allDone;
  delay.disable();
  const seconds = (performance.now() - started) / 1000;
  const runs = (await handlers['runs.list']()) as RunSummary[];
  const stored = runs.reduce((sum, r) => sum + r.epochsDone, 0);
  await lab.close();
  const maxPerRun = Math.max(...perRunSecond.values());
  return [
    `${CONCURRENT} runs of ${epochs} epochs (two moons, 16-unit MLP) on ${THREADS} threads, every epoch committed (synchronous=FULL): ${seconds.toFixed(1)} s, ` +
      `${stored.toLocaleString('en-US')} epochs stored, ${epochsTold.toLocaleString('en-US')} told to the renderer, all ${runs.every((r) => r.status === 'completed') ? 'completed' : '**not all completed**'}.`,
    '',
    '| measure | value | goal |',
    '|---|---:|---|',
    `| events to the renderer, total per second (mean) | ${(events / seconds).toFixed(1)} | ≤ ~10 per running run |`,
    `| run.progress events of one run in one second (max) | ${maxPerRun} | ≤ ~10 (+1 at a boundary) |`,
    `| main event-loop delay p50 / p99 / max, ms | ${ms(delay.percentile(50) / 1e6)} / ${ms(delay.percentile(99) / 1e6)} / ${ms(delay.max / 1e6)} | responsive (p99 well under 50) |`,
  ];
}

export async function run(): Promise<{ title: string; markdown: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'nn-lab-store-load-'));
  const workerFile = await buildTrainWorker(join(dir, 'worker'));
  try {
    const path = join(dir, 'lab.db');
    let store = openStore(path);
    const seeded = time(() => seed(store));
    store.close();
    store = openStore(path); // reopened as the app starts: the liveness scan and quick_check included below
    const reopen = time(() => openStore(path));
    reopen.value.close();
    const repeats = quick ? 5 : 20;
    const list: number[] = [];
    const listJson: number[] = [];
    let listed = 0;
    for (let i = 0; i < repeats; i++) {
      const t = time(() => store.listRuns());
      list.push(t.ms);
      listed = t.value.length;
      listJson.push(t.ms + time(() => JSON.stringify(t.value)).ms);
    }
    const search: number[] = [];
    let found = 0;
    for (let i = 0; i < repeats; i++) {
      const t = time(() => store.searchRuns({ tags: ['baseline'], datasetId: 'two-moons', text: 'point' }));
      search.push(t.ms);
      found = t.value.length;
    }
    const ids = Array.from({ length: 20 }, (_, i) => `run-${String(i * 7).padStart(4, '0')}`);
    const compare: number[] = [];
    let groups = 0;
    let bytes = 0;
    for (let i = 0; i < (quick ? 3 : 10); i++) {
      const t = time(() => compareRuns(store, { ids }));
      const encoded = time(() => JSON.stringify(t.value));
      compare.push(t.ms + encoded.ms);
      groups = t.value.groups.length;
      bytes = encoded.value.length;
    }
    const fileMb = statSync(path).size / 1e6;
    store.close();
    const concurrent = await concurrentRuns(dir, workerFile);
    const listOk = median(listJson) < 300;
    const compareOk = median(compare) < 1000;
    const markdown = [
      `Database: ${RUNS.toLocaleString('en-US')} runs × ${EPOCHS} epochs (${(RUNS * EPOCHS).toLocaleString('en-US')} epoch rows, ${fileMb.toFixed(1)} MB), ` +
        `seeded in ${(seeded.ms / 1000).toFixed(1)} s; reopening it (migrations, quick_check, liveness scan) takes ${ms(reopen.ms)} ms. Median of ${repeats} repeats.`,
      '',
      '| request | median ms | max ms | goal |',
      '|---|---:|---:|---|',
      `| runs.list (${listed} runs with their last epoch, as rows) | ${ms(median(list))} | ${ms(Math.max(...list))} | |`,
      `| runs.list + JSON encoding (what crosses IPC) | ${ms(median(listJson))} | ${ms(Math.max(...listJson))} | < 300 ms: ${listOk ? 'met' : '**not met**'} |`,
      `| runs.search (tag + dataset + name, ${found} found) | ${ms(median(search))} | ${ms(Math.max(...search))} | < 300 ms |`,
      `| runs.compare, 20 runs × 200 epochs (${groups} seed groups, ${(bytes / 1e3).toFixed(0)} kB JSON) | ${ms(median(compare))} | ${ms(Math.max(...compare))} | < 1 s: ${compareOk ? 'met' : '**not met**'} |`,
      '',
      ...concurrent,
    ].join('\n');
    return { title: 'Store load: run list, comparison, 8 concurrent runs', markdown };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await run();
  process.stdout.write(`# ${result.title}\n\n${result.markdown}\n`);
}
