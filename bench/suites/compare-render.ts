/**
 * Comparison in the window (issue 13), measured in Chromium through the browser host: 20 runs × 1,000 epochs from
 * the Compare link (the hash the button sets) to the curves drawn, and a 200-run sweep's parallel coordinates from
 * the tab's click to drawn ("drawn": ECharts' `finished`, which EChart.svelte counts in `data-drawn`); then two long
 * runs of 50,000 epochs: Compare to drawn, and the run page to its numbers shown. Goal: ≤ 1 s each. Last, a live long
 * run's page: 90,000 epochs stored, then `run.progress` at ~10 events a second (20 epochs each, as the host coalesces
 * them) played into the page's socket for 15 s, counting the main thread's long tasks (> 50 ms). Needs the built app
 * (`npx electron-vite build`) and a Chromium (scripts/find-browser.mjs).
 * Alone: `npx tsx bench/suites/compare-render.ts` (`--live`: only the live case).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, WebSocketRoute } from 'playwright-core';
import type { EpochMetrics } from '../../src-core/contract/training';
import { Random } from '../../src-core/data/random';
import { openStore, type LabStore } from '../../src-main/store/lab-store';
import { storeLongRun } from '../../test/support/long-run';
import { goHash, median, openLabPage } from '../harness/lab-page';

const REPEATS = 5;
const spec = { input: [2], layers: [{ type: 'dense' as const, units: 16 }, { type: 'relu' as const }, { type: 'dense' as const, units: 2 }] };

/** One stored, completed run with `epochs` epochs of made-up but plausible curves. */
function storeRun(store: LabStore, id: string, lr: number, units: number, seed: number, epochs: number, sweepId?: string): void {
  const rng = new Random(seed * 7919 + units);
  store.createRun({
    id,
    name: `lr ${lr} units ${units} seed ${seed}`,
    datasetId: 'two-moons',
    datasetName: 'Two moons',
    task: 'classification',
    spec: { ...spec, layers: [{ type: 'dense', units }, { type: 'relu' }, { type: 'dense', units: 2 }] },
    train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr }, batchSize: 32, epochs, seed },
    seed,
    createdAt: new Date().toISOString(),
    ...(sweepId ? { sweepId } : {}),
  });
  const metrics: EpochMetrics[] = [];
  for (let e = 1; e <= epochs; e++) {
    const progress = 1 - Math.exp((-e * lr * 10) / Math.max(1, epochs / 10));
    metrics.push({
      epoch: e,
      loss: 1 - 0.8 * progress + 0.01 * rng.normal(),
      accuracy: 0.5 + 0.45 * progress + 0.005 * rng.normal(),
      valLoss: 1.05 - 0.75 * progress + 0.015 * rng.normal(),
      valAccuracy: 0.5 + 0.42 * progress + 0.008 * rng.normal(),
      lr,
      seconds: 0.05,
    });
  }
  store.appendEpochs(id, metrics);
  store.finishRun(id, { status: 'completed', finishedAt: new Date().toISOString() });
}

const LONG_EPOCHS = 50_000;
const LIVE_RUN = 'live-long';
const LIVE_STORED = 90_000;
const LIVE_PLANNED = 100_000;
const LIVE_SECONDS = 15;
const LIVE_EPOCHS_PER_EVENT = 20;

/**
 * The live run's page for LIVE_SECONDS while `run.progress` events arrive (played into the page's socket beside the
 * host's own messages): the main thread's long tasks, counted by a PerformanceObserver in the page.
 */
async function liveRunPage(page: Page, base: string): Promise<{ count: number; max: number; total: number; epochs: number }> {
  let socket: WebSocketRoute | undefined;
  await page.routeWebSocket(/.*/, (ws) => {
    ws.connectToServer();
    socket = ws;
  });
  await page.goto('about:blank'); // a fresh load (a new hash alone would not open a new socket)
  await page.goto(`${base}#/runs/${LIVE_RUN}`);
  await page.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor();
  await page.locator(`[data-testid="metrics-chart"][data-drawn][data-points="${LIVE_STORED}"]`).waitFor({ state: 'attached', timeout: 120_000 });
  await page.evaluate(`(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask' });
  })()`);
  const rng = new Random(11);
  let epoch = LIVE_STORED;
  const started = performance.now();
  while (performance.now() - started < LIVE_SECONDS * 1000) {
    const metrics: EpochMetrics[] = [];
    for (let i = 0; i < LIVE_EPOCHS_PER_EVENT; i++) {
      epoch++;
      metrics.push({ epoch, loss: 0.1 + 0.01 * rng.normal(), accuracy: 0.95 + 0.005 * rng.normal(), valLoss: 0.15 + 0.015 * rng.normal(), valAccuracy: 0.92 + 0.008 * rng.normal(), lr: 0.02, seconds: 0.002 });
    }
    const payload = { runId: LIVE_RUN, metrics: metrics.at(-1)!, earlier: metrics.slice(0, -1) };
    socket!.send(JSON.stringify({ kind: 'event', name: 'run.progress', payload }));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await page.locator(`[data-testid="metrics-chart"][data-points="${epoch}"]`).waitFor({ state: 'attached', timeout: 60_000 });
  const tasks = (await page.evaluate('window.__longTasks')) as number[];
  await page.unrouteAll();
  return { count: tasks.length, max: tasks.length ? Math.max(...tasks) : 0, total: tasks.reduce((a, b) => a + b, 0), epochs: epoch - LIVE_STORED };
}

function seed(databasePath: string): { compared: string[]; sweep: string[]; long: string[] } {
  const store = openStore(databasePath);
  try {
    const compared: string[] = [];
    for (let r = 0; r < 20; r++) {
      const id = `cmp-${r}`;
      storeRun(store, id, r < 10 ? 0.01 : 0.05, 16, (r % 10) + 1, 1000);
      compared.push(id);
    }
    store.createSweep({ id: 'sweep-200', name: 'lr × units × seeds', config: {}, createdAt: new Date().toISOString() });
    const sweep: string[] = [];
    const rates = [0.001, 0.003, 0.01, 0.03, 0.1];
    const units = [4, 8, 16, 32, 64, 128, 256, 512];
    for (const lr of rates) for (const u of units) for (let s = 1; s <= 5; s++) {
      const id = `sw-${lr}-${u}-${s}`;
      storeRun(store, id, lr, u, s, 20, 'sweep-200');
      sweep.push(id);
    }
    const long = ['long-a', 'long-b'];
    long.forEach((id, i) => storeLongRun(store, { id, name: `long run ${i + 1}`, epochs: LONG_EPOCHS, seed: i + 1, lr: 0.01 * (i + 1) }));
    storeLongRun(store, { id: LIVE_RUN, name: 'live long run', epochs: LIVE_STORED, planned: LIVE_PLANNED, seed: 3, lr: 0.02 });
    return { compared, sweep, long };
  } finally {
    store.close();
  }
}

/** Milliseconds from setting `hash` (what the Compare button does) until `testid`'s chart has drawn with `points` lines (when given). */
async function timeToDrawn(page: Page, act: () => Promise<void>, testid: string, points?: number): Promise<number> {
  const selector = `[data-testid="${testid}"][data-drawn]${points === undefined ? '' : `[data-points="${points}"]`}`;
  const started = performance.now();
  await act();
  await page.waitForSelector(selector, { timeout: 60_000, state: 'attached' });
  return performance.now() - started;
}

export async function run(): Promise<{ title: string; markdown: string }> {
  const title = 'Comparison in the window: 20 runs × 1,000 epochs, a 200-run sweep in parallel coordinates, two 50,000-epoch runs';
  const dir = mkdtempSync(join(tmpdir(), 'nn-lab-bench-compare-'));
  const databasePath = join(dir, 'lab.db');
  const { compared, sweep, long } = seed(databasePath);
  const lab = await openLabPage(databasePath, '#/runs').catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  if (typeof lab === 'string') {
    rmSync(dir, { recursive: true, force: true });
    return { title, markdown: lab };
  }
  const { page } = lab;
  try {
    const liveOnly = process.argv.includes('--live');
    const live = await liveRunPage(page, lab.base);
    const liveLine = `- a live run's page (${LIVE_STORED.toLocaleString('en-US')} epochs stored, ${live.epochs.toLocaleString('en-US')} more streamed in ${LIVE_SECONDS} s as ~10 \`run.progress\` events a second): **${live.count} long tasks**, longest ${live.max.toFixed(0)} ms, ${live.total.toFixed(0)} ms in all`;
    if (liveOnly) return { title, markdown: liveLine };
    await page.goto(`${lab.base}#/runs`);
    await page.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor();
    const curves: number[] = [];
    const parallel: number[] = [];
    const sweepLoad: number[] = [];
    const longCompare: number[] = [];
    const longRunPage: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      await goHash(page, '#/runs');
      await page.getByTestId('run-item').first().waitFor();
      curves.push(await timeToDrawn(page, () => goHash(page, `#/compare?runs=${compared.join(',')}`), 'compare-chart'));
      await goHash(page, '#/runs');
      await page.getByTestId('run-item').first().waitFor();
      sweepLoad.push(await timeToDrawn(page, () => goHash(page, `#/compare?runs=${sweep.join(',')}`), 'compare-chart'));
      parallel.push(await timeToDrawn(page, () => page.getByTestId('view-parallel').click(), 'parallel-chart', sweep.length));
      await goHash(page, '#/runs');
      await page.getByTestId('run-item').first().waitFor();
      longCompare.push(await timeToDrawn(page, () => goHash(page, `#/compare?runs=${long.join(',')}`), 'compare-chart'));
      await goHash(page, '#/data');
      const started = performance.now();
      await goHash(page, `#/runs/${long[0]}`);
      await page.locator('[data-testid="metrics-chart"][data-drawn]').waitFor({ state: 'attached', timeout: 60_000 });
      await page.getByTestId('stat-accuracy').filter({ hasText: '%' }).waitFor({ timeout: 60_000 });
      longRunPage.push(performance.now() - started);
    }
    const line = (what: string, times: number[]): string =>
      `- ${what}: median **${median(times).toFixed(0)} ms** of ${REPEATS} (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}) — goal ≤ 1,000 ms: ${median(times) <= 1000 ? 'met' : '**not met**'}`;
    return {
      title,
      markdown: [
        `In Chromium (${lab.browser}) at 1280×800 through the browser host, the runs stored in SQLite beforehand; each time from the hash the Compare button sets (or the tab's click) to ECharts' \`finished\`.`,
        '',
        line('20 runs × 1,000 epochs (2 configs × 10 seeds): `runs.compare` and the curves drawn', curves),
        line('200-run sweep (5 rates × 8 widths × 5 seeds, 20 epochs): Parallel coordinates tab to drawn', parallel),
        line('the same 200 runs: `runs.compare` and their curves drawn (for reference)', sweepLoad),
        line(`2 runs × ${LONG_EPOCHS.toLocaleString('en-US')} epochs: \`runs.compare\` (table and verdict over every epoch, curves thinned) and the curves drawn`, longCompare),
        line(`the run page of a ${LONG_EPOCHS.toLocaleString('en-US')}-epoch run: its epochs read, its numbers shown and its curves drawn`, longRunPage),
        liveLine,
      ].join('\n'),
    };
  } finally {
    await lab.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await run();
  process.stdout.write(`# ${result.title}\n\n${result.markdown}\n`);
}
