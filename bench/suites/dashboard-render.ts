/**
 * The run dashboard in the window (issue 12), measured in Chromium through the browser host:
 * (a) with 8 runs training (the host's pool given 8 threads), the frame times (requestAnimationFrame deltas) while the
 *     window shows one live run's Inside tab and then its curves: median ≤ 17 ms, none over 100 ms;
 * (b) a 100 × 100 boundary grid's cost to the UI thread per redraw (the user-timing measure `nn-lab:boundary-draw`
 *     that BoundaryView.svelte records around its canvas drawing) while scrubbing a stored run: ≤ 4 ms;
 * (c) a stored 1,000-epoch run (diagnostics and snapshots stored) from the click in the run list to its curves drawn,
 *     then from the Inside tab's click to every chart and the boundary drawn: ≤ 1 s in all.
 * Needs the built app (`npx electron-vite build`) and a Chromium (scripts/find-browser.mjs).
 * Alone: `npx tsx bench/suites/dashboard-render.ts`; with `BENCH_TRACE=FILE`, Chromium's trace of (a) is
 * written to FILE (open it in chrome://tracing or DevTools' Performance panel) and (c) is left out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { LayerSpec } from '../../src-core/contract/model-spec';
import type { RunSnapshot } from '../../src-core/contract/snapshots';
import type { EpochMetrics } from '../../src-core/contract/training';
import { bundledTrainingData, findBundledDataset } from '../../src-core/data/datasets';
import { createSnapshotter } from '../../src-core/insight/run-snapshot';
import type { TrainingDiagnostics } from '../../src-core/nn/diagnostics';
import { createTrainingSession, runTrainingJob } from '../../src-core/nn/index';
import { openStore } from '../../src-main/store/lab-store';
import { askOverPage, requestOverPage } from '../../test/support/lab-host';
import { median, openLabPage, percentile } from '../harness/lab-page';

const quick = process.env.BENCH_QUICK === '1';
const REPEATS = quick ? 2 : 5;
const FRAME_SECONDS = quick ? 4 : 8;
const LIVE_RUNS = 8;
const STORED_ID = 'stored-1000';
const layers: LayerSpec[] = [{ type: 'dense', units: 16 }, { type: 'relu' }, { type: 'dense', units: 16 }, { type: 'relu' }, { type: 'dense', units: 1 }, { type: 'sigmoid' }];

/** Trains two moons for 1,000 epochs as the worker would, every planned snapshot with a 100 × 100 grid, and stores it all. */
function seedStoredRun(databasePath: string): { snapshots: number; diagnostics: number } {
  const dataset = findBundledDataset('two-moons')!;
  const data = bundledTrainingData(dataset);
  const train = { loss: 'bce' as const, optimizer: { type: 'adam' as const, lr: 0.01 }, batchSize: 32, epochs: 1000, seed: 1 };
  const session = createTrainingSession({ spec: { input: [2], layers }, train, data, seed: 1 });
  const snapshotter = createSnapshotter({ layers, data, epochs: train.epochs, gridSize: 100, classNames: [...(dataset.info.classes ?? ['0', '1'])] });
  const metrics: EpochMetrics[] = [];
  const diagnostics: TrainingDiagnostics[] = [];
  const snapshots: RunSnapshot[] = [];
  const ending = runTrainingJob(session, data, {
    epoch: (m) => metrics.push(m),
    diagnostics: (d) => diagnostics.push(d),
    snapshots: { plan: snapshotter.plan, take: (epoch) => snapshots.push(snapshotter.take(session, epoch)) },
  });
  const store = openStore(databasePath);
  try {
    store.createRun({
      id: STORED_ID,
      name: 'Two moons, 1,000 epochs',
      datasetId: dataset.info.id,
      datasetName: dataset.info.name,
      task: 'classification',
      spec: { input: [2], layers },
      train,
      seed: 1,
      createdAt: new Date().toISOString(),
    });
    store.appendEpochs(STORED_ID, metrics);
    for (const d of diagnostics) store.saveDiagnostics(STORED_ID, d);
    store.saveSnapshotFrame(STORED_ID, snapshotter.frame);
    for (const s of snapshots) store.saveSnapshot(STORED_ID, s);
    store.saveWeights(STORED_ID, 'final', metrics.length, { spec: { input: [2], layers }, state: ending.state });
    store.finishRun(STORED_ID, { status: 'completed', finishedAt: new Date().toISOString() });
  } finally {
    store.close();
  }
  return { snapshots: snapshots.length, diagnostics: diagnostics.length };
}

/** requestAnimationFrame deltas (ms) over `seconds`, collected in the page. */
async function frameTimes(page: Page, seconds: number): Promise<number[]> {
  return (await page.evaluate(`new Promise((done) => {
    const deltas = [];
    let last;
    const end = performance.now() + ${seconds * 1000};
    const frame = (t) => {
      if (last !== undefined) deltas.push(t - last);
      last = t;
      if (t < end) requestAnimationFrame(frame);
      else done(deltas);
    };
    requestAnimationFrame(frame);
  })`)) as number[];
}

interface Frames {
  /** The machine's load average over the last minute when the frames were counted. */
  load: number;
  median: number;
  p95: number;
  max: number;
  over100: number;
  count: number;
}

const framesOf = (deltas: number[]): Frames => ({
  load: loadavg()[0]!,
  median: median(deltas),
  p95: percentile(deltas, 0.95),
  max: Math.max(...deltas),
  over100: deltas.filter((d) => d > 100).length,
  count: deltas.length,
});

/**
 * Resolves once the page expression `condition` holds, checked every animation frame in the page (not
 * `waitForFunction`, which evaluates a string inside the page: the app's CSP forbids that).
 */
async function waitInPage(page: Page, condition: string, timeoutMs = 60_000): Promise<void> {
  const holds = page.evaluate(`new Promise((done) => {
    const check = () => ((${condition}) ? done(true) : requestAnimationFrame(check));
    check();
  })`);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`waited ${timeoutMs} ms for ${condition}`)), timeoutMs)));
  try {
    await Promise.race([holds, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Until every ECharts element under `root` has drawn, there are at least `charts` of them, and (`boundary`) the boundary shows an epoch. */
async function waitDrawn(page: Page, root: string, charts: number, boundary: boolean): Promise<void> {
  const all = `document.querySelectorAll(${JSON.stringify(`${root} .echart`)})`;
  const shown = `document.querySelector(${JSON.stringify(`${root} [data-testid="boundary"]`)})?.getAttribute('data-epoch') > ''`;
  await waitInPage(page, `${all}.length >= ${charts} && [...${all}].every((el) => el.hasAttribute('data-drawn'))${boundary ? ` && ${shown}` : ''}`);
}

const chartCount = (page: Page, root: string): Promise<number> => page.evaluate(`document.querySelectorAll(${JSON.stringify(`${root} .echart`)}).length`) as Promise<number>;

/** (c): from the run list's click to the curves drawn, and from the Inside tab's click to all of it drawn. */
async function openStored(page: Page, base: string): Promise<{ curves: number[]; inside: number[]; charts: { curves: number; inside: number } }> {
  const open = async (expected?: { curves: number; inside: number }): Promise<{ curves: number; inside: number; charts: { curves: number; inside: number } }> => {
    await page.goto(`${base}#/runs`);
    await page.reload(); // nothing of the run held: a hash change alone keeps the page and its stores
    await page.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor();
    const item = page.locator(`[data-testid="run-item"][data-run-id="${STORED_ID}"]`);
    await item.waitFor();
    let started = performance.now();
    await item.click();
    await waitDrawn(page, 'main', expected?.curves ?? 1, false);
    const curves = performance.now() - started;
    started = performance.now();
    await page.getByTestId('tab-inside').click();
    await waitDrawn(page, '[data-testid="inside-panel"]', expected?.inside ?? 1, true);
    const inside = performance.now() - started;
    if (expected) return { curves, inside, charts: expected };
    // The first open (warm-up) counts the charts once everything has come: each later open waits for that many.
    await page.waitForTimeout(3000);
    const insideCharts = await chartCount(page, '[data-testid="inside-panel"]');
    await page.getByTestId('tab-curves').click();
    await page.waitForTimeout(1000);
    return { curves, inside, charts: { curves: await chartCount(page, 'main'), inside: insideCharts } };
  };
  const first = await open();
  const curves: number[] = [];
  const inside: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t = await open(first.charts);
    curves.push(t.curves);
    inside.push(t.inside);
  }
  return { curves, inside, charts: first.charts };
}

/** (b): the UI thread's time per boundary redraw while the scrubber walks the stored run's epochs. */
async function scrubRedraws(page: Page): Promise<{ times: number[]; cells: string }> {
  const scrub = page.getByTestId('inside-scrub');
  const stops = Number(await scrub.getAttribute('max'));
  await page.evaluate(`performance.clearMeasures('nn-lab:boundary-draw')`);
  const step = Math.max(1, Math.floor(stops / 60));
  for (let i = 0; i <= stops; i += step) {
    const before = await page.getByTestId('boundary').getAttribute('data-epoch');
    await scrub.fill(String(i));
    await waitInPage(page, `document.querySelector('[data-testid="boundary"]')?.getAttribute('data-epoch') !== ${JSON.stringify(before)}`, 10_000).catch(() => {});
  }
  await page.waitForTimeout(200);
  const times = (await page.evaluate(`performance.getEntriesByName('nn-lab:boundary-draw').map((e) => e.duration)`)) as number[];
  return { times, cells: '100 × 100' };
}

/** The control for (a): the stored run's Inside tab and curves with nothing training, so what the machine's other load costs shows. */
async function idleFrames(page: Page): Promise<{ inside: Frames; curves: Frames }> {
  await page.locator(`[data-testid="run-item"][data-run-id="${STORED_ID}"]`).click();
  await page.getByTestId('tab-inside').click();
  await page.locator('[data-testid="boundary"][data-epoch]').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1000);
  const inside = framesOf(await frameTimes(page, FRAME_SECONDS));
  await page.getByTestId('tab-curves').click();
  await page.waitForTimeout(1000);
  return { inside, curves: framesOf(await frameTimes(page, FRAME_SECONDS)) };
}

/** (a): 8 runs training, one of them shown. */
async function liveFrames(page: Page, chrome: Browser): Promise<{ inside: Frames; curves: Frames; training: number; queued: number }> {
  const runs = Array.from({ length: LIVE_RUNS }, (_, i) => ({
    name: `live ${i + 1}`,
    spec: { input: [2], layers: [{ type: 'dense', units: 32 }, { type: 'relu' }, { type: 'dense', units: 32 }, { type: 'relu' }, { type: 'dense', units: 1 }, { type: 'sigmoid' }] },
    train: { loss: 'bce', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 16, epochs: 100_000, seed: i + 1 },
  }));
  const ids: string[] = [];
  for (const run of runs) {
    const answer = await askOverPage<{ id: string }>(page, 'runs.start', run, 'Two moons');
    if (!answer.ok) throw new Error(`runs.start: ${answer.error?.message ?? 'refused'}`);
    ids.push(answer.value!.id);
  }
  try {
    const shown = page.locator(`[data-testid="run-item"][data-run-id="${ids[0]}"]`);
    await shown.click();
    await page.getByTestId('tab-inside').click();
    await page.locator('[data-testid="boundary"][data-epoch]').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(2000); // every live view has come
    const trace = process.env.BENCH_TRACE;
    if (trace) await chrome.startTracing(page, { path: trace, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing', 'disabled-by-default-v8.cpu_profiler'] });
    const inside = framesOf(await frameTimes(page, FRAME_SECONDS));
    await page.getByTestId('tab-curves').click();
    await page.waitForTimeout(1000);
    const curves = framesOf(await frameTimes(page, FRAME_SECONDS));
    if (trace) await chrome.stopTracing();
    const list = await requestOverPage<{ id: string; status: string }[]>(page, 'runs.list', undefined);
    const mine = (list.value ?? []).filter((r) => ids.includes(r.id));
    return { inside, curves, training: mine.filter((r) => r.status === 'running').length, queued: mine.filter((r) => r.status === 'queued').length };
  } finally {
    for (const id of ids) await requestOverPage(page, 'runs.stop', id);
  }
}

const ms = (v: number): string => `${v.toFixed(v < 100 ? 1 : 0)} ms`;
const verdict = (ok: boolean): string => (ok ? 'met' : '**not met**');

export async function run(): Promise<{ title: string; markdown: string }> {
  const title = 'The run dashboard in the window: 8 runs training, a 100 × 100 boundary, a stored 1,000-epoch run';
  const dir = mkdtempSync(join(tmpdir(), 'nn-lab-bench-dashboard-'));
  try {
    const databasePath = join(dir, 'lab.db');
    const stored = seedStoredRun(databasePath);
    const lab = await openLabPage(databasePath, '#/runs', ['--threads', String(LIVE_RUNS)]);
    if (typeof lab === 'string') return { title, markdown: lab };
    try {
      const { page, base } = lab;
      const opened = process.env.BENCH_TRACE ? { curves: [NaN], inside: [NaN], charts: { curves: 0, inside: 0 } } : await openStored(page, base);
      const redraws = process.env.BENCH_TRACE ? { times: [NaN], cells: '100 × 100' } : await scrubRedraws(page);
      await page.goto(`${base}#/runs`);
      await page.reload();
      await page.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor();
      const idle = await idleFrames(page);
      const live = await liveFrames(page, lab.chrome);
      const total = opened.curves.map((c, i) => c + opened.inside[i]!);
      const frameRow = (what: string, f: Frames): string =>
        `| ${what} | ${ms(f.median)} | ${ms(f.p95)} | ${ms(f.max)} | ${f.over100} of ${f.count} | ${f.load.toFixed(1)} | ${verdict(f.median <= 17 && f.over100 === 0)} |`;
      const redrawMedian = median(redraws.times);
      const markdown = [
        `In Chromium (${lab.browser}) at 1280×800 through the browser host, started with \`--threads ${LIVE_RUNS}\`.`,
        '',
        `**(a) ${LIVE_RUNS} runs training** (two moons, 2-32-32-1 ReLU MLPs, batch 16, each planned for 100,000 epochs): ` +
          `${live.training} training and ${live.queued} queued while measured (the pool given ${LIVE_RUNS} threads; the machine has ` +
          `${availableParallelism()} cores, so the runs and the window share them). ` +
          `requestAnimationFrame deltas over ${FRAME_SECONDS} s, the first run shown. Goal: median ≤ 17 ms and no frame over 100 ms.`,
        '',
        '| Shown | median | p95 | max | frames > 100 ms | load average | goal |',
        '|---|---:|---:|---:|---:|---:|---|',
        frameRow(`Inside the network tab (boundary, projection, confusion, layer charts), ${LIVE_RUNS} runs training`, live.inside),
        frameRow(`Curves tab (loss and accuracy, the dataset), ${LIVE_RUNS} runs training`, live.curves),
        frameRow('Control: the stored run\'s Inside tab, nothing training', idle.inside),
        frameRow('Control: the stored run\'s curves, nothing training', idle.curves),
        '',
        `**(b) A ${redraws.cells} boundary grid**, the UI thread's part of each redraw (colouring the cells, putting them on the canvas, ` +
          `the points over them; \`nn-lab:boundary-draw\`), over ${redraws.times.length} redraws while scrubbing the stored run: ` +
          `median **${ms(redrawMedian)}**, p95 ${ms(percentile(redraws.times, 0.95))}, max ${ms(Math.max(...redraws.times))} — goal ≤ 4 ms: ${verdict(redrawMedian <= 4)}.`,
        '',
        `**(c) A stored 1,000-epoch run** (two moons, ${stored.diagnostics} diagnostics, ${stored.snapshots} snapshots with 100 × 100 grids), ` +
          `after a page load, median of ${REPEATS}: the run list's click to its ${opened.charts.curves} charts drawn **${ms(median(opened.curves))}**; ` +
          `the Inside tab's click to its ${opened.charts.inside} charts and the boundary drawn **${ms(median(opened.inside))}**; ` +
          `in all **${ms(median(total))}** (max ${ms(Math.max(...total))}) — goal ≤ 1,000 ms: ${verdict(median(total) <= 1000)}.`,
      ].join('\n');
      return { title, markdown };
    } finally {
      await lab.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await run();
  process.stdout.write(`# ${result.title}\n\n${result.markdown}\n`);
}
