/**
 * A probe (not a suite: `npm run bench` leaves it out) of what `run.progress` costs the run list: a store of
 * `--runs N` completed runs (default 1,000) plus two live runs, the Runs place open on a stored run, and
 * `run.progress` played into the page's socket at ~10 events a second per live run for `--seconds S` (default 10).
 * Counts, in real Chromium: the main thread's long tasks, its script/layout/style time per second (CDP
 * `Performance.getMetrics`), and the DOM mutations inside rows other than the two live ones (a MutationObserver).
 * Needs the built app (`npx electron-vite build`) and a Chromium. `npx tsx bench/run-list-probe.ts [--runs N] [--seconds S] [--profile FILE]`
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebSocketRoute } from 'playwright-core';
import type { RunSummary } from '../src-core/contract/training';
import { storeShortRuns } from '../test/support/stored-runs';
import { openLabPage } from './harness/lab-page';

const arg = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1]! : fallback;
};
const RUNS = Number(arg('runs', '1000'));
const SECONDS = Number(arg('seconds', '10'));
const PROFILE = arg('profile', '');
const TRACE = arg('trace', '');
const LIVE = ['live-a', 'live-b'];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nn-lab-probe-'));
  const databasePath = join(dir, 'lab.db');
  storeShortRuns(databasePath, RUNS);
  const lab = await openLabPage(databasePath, '#/runs/stored-0');
  if (typeof lab === 'string') throw new Error(lab);
  const { page, base } = lab;
  try {
    let socket: WebSocketRoute | undefined;
    await page.routeWebSocket(/.*/, (ws) => {
      ws.connectToServer();
      socket = ws;
    });
    await page.goto('about:blank');
    const opening = performance.now();
    await page.goto(`${base}#/runs/stored-0`);
    await page.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor();
    await page.locator(`[data-testid="run-item"][data-run-id="stored-${RUNS - 1}"]`).waitFor();
    await page.locator('[data-testid="run-item"][data-run-id="stored-0"]').waitFor({ state: 'attached' });
    // From the page's load to the newest run shown and every row in the list.
    const listShownMs = Math.round(performance.now() - opening);
    const send = (name: string, payload: unknown): void => socket!.send(JSON.stringify({ kind: 'event', name, payload }));
    // Two runs start training (as another window's would: their `run.status`, then their epochs).
    const live: RunSummary[] = LIVE.map((id) => ({
      id,
      name: `Live ${id.slice(5)}`,
      status: 'running',
      datasetName: 'Two moons',
      datasetId: 'two-moons',
      task: 'classification',
      epochs: 100_000,
      epochsDone: 0,
      createdAt: new Date().toISOString(),
    }));
    for (const run of live) send('run.status', run);
    await page.locator('[data-testid="run-item"][data-run-id="live-a"][data-status="running"]').waitFor();
    await page.waitForTimeout(1500);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.evaluate(`(() => {
      window.__probe = { longTasks: [], mutations: 0, otherRows: new Set(), liveMutations: 0 };
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__probe.longTasks.push(e.duration); }).observe({ type: 'longtask' });
      const live = ${JSON.stringify(LIVE)};
      new MutationObserver((records) => {
        for (const r of records) {
          const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
          const row = node?.closest('[data-testid="run-item"]') ?? node?.closest('li')?.querySelector('[data-testid="run-item"]');
          const id = row?.getAttribute('data-run-id');
          if (id && live.includes(id)) window.__probe.liveMutations++;
          else { window.__probe.mutations++; if (id) window.__probe.otherRows.add(id); }
        }
      }).observe(document.querySelector('[data-testid="run-list"]'), { subtree: true, childList: true, attributes: true, characterData: true });
    })()`);
    const metrics = async (): Promise<Record<string, number>> =>
      Object.fromEntries(((await cdp.send('Performance.getMetrics')).metrics as { name: string; value: number }[]).map((m) => [m.name, m.value]));
    if (PROFILE) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    if (TRACE) await lab.chrome.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    const before = await metrics();
    const started = performance.now();
    let epoch = 0;
    let events = 0;
    while (performance.now() - started < SECONDS * 1000) {
      epoch++;
      for (const run of live) {
        send('run.progress', { runId: run.id, metrics: { epoch, loss: 1 / (epoch + 1), accuracy: 0.5 + 0.4 * (1 - 1 / (epoch + 1)), lr: 0.01, seconds: 0.01 } });
        events++;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await page.locator(`[data-testid="run-item"][data-run-id="live-b"]`).filter({ hasText: `Epoch ${epoch.toLocaleString('en-US')} of` }).waitFor();
    const elapsed = (performance.now() - started) / 1000;
    const after = await metrics();
    if (TRACE) writeFileSync(TRACE, await lab.chrome.stopTracing());
    if (PROFILE) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
      writeFileSync(PROFILE, JSON.stringify(profile));
    }
    const probe = (await page.evaluate(`({ ...window.__probe, otherRows: window.__probe.otherRows.size })`)) as {
      longTasks: number[];
      mutations: number;
      otherRows: number;
      liveMutations: number;
    };
    const perSecond = (name: string): string => (((after[name]! - before[name]!) * 1000) / elapsed).toFixed(1);
    const rows = (await page.locator('[data-testid="run-item"]').count()) as number;
    console.log(
      JSON.stringify(
        {
          storedRuns: RUNS,
          rowsInDom: rows,
          listShownMs,
          seconds: Number(elapsed.toFixed(1)),
          progressEvents: events,
          longTasks: probe.longTasks.length,
          longTaskMs: Math.round(probe.longTasks.reduce((a, b) => a + b, 0)),
          longestMs: Math.round(Math.max(0, ...probe.longTasks)),
          scriptMsPerSecond: perSecond('ScriptDuration'),
          taskMsPerSecond: perSecond('TaskDuration'),
          layoutMsPerSecond: perSecond('LayoutDuration'),
          styleMsPerSecond: perSecond('RecalcStyleDuration'),
          mutationsInLiveRows: probe.liveMutations,
          mutationsElsewhereInList: probe.mutations,
          otherRowsMutated: probe.otherRows,
        },
        null,
        2,
      ),
    );
  } finally {
    await lab.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
