import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { join } from 'node:path';
import { storeShortRuns } from '../support/stored-runs';
import { requestOverPage, startRunsOverPage, useLabHosts } from './browser-host';
import { xorPair } from './xor-pair';

/**
 * The run list with many stored runs while two runs train: each live row moves on (its epoch count and bar), no
 * other row changes, the list is not regrouped per epoch, and the rows out of sight are not rendered at all (their
 * layout and paint skipped), so a live run's every epoch costs the window its own row, not the whole store.
 */

const STORED = 300;
const lab = useLabHosts();

/**
 * V8's call counts in the page (precise coverage): `calls()` answers how many times, since the last call, the run
 * list was regrouped: lib/runs/run-groups.ts's `groupRuns`, found in the built bundle by its `{ kind: 'run', run }`
 * (the function around it: V8 counts a function from its `function` keyword).
 */
async function countGrouping(page: Page): Promise<{ calls(): Promise<number> }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Debugger.enable');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
  await cdp.send('Profiler.takePreciseCoverage'); // counts from here on
  const starts = new Map<string, number>();
  return {
    async calls() {
      for (const script of (await cdp.send('Profiler.takePreciseCoverage')).result) {
        if (!starts.has(script.scriptId)) {
          const { scriptSource } = await cdp.send('Debugger.getScriptSource', { scriptId: script.scriptId });
          const at = scriptSource.search(/kind:.run.,run:/);
          starts.set(script.scriptId, at < 0 ? -1 : scriptSource.lastIndexOf('function', at));
        }
        const start = starts.get(script.scriptId)!;
        if (start < 0) continue;
        // A function not called since the last take is left out.
        return script.functions.find((f) => f.ranges[0]!.startOffset === start)?.ranges[0]!.count ?? 0;
      }
      return NaN;
    },
  };
}

/** A live row's epoch and its bar's width (px). */
async function liveRow(page: Page, id: string): Promise<{ epoch: number; bar: number }> {
  const row = page.locator(`[data-testid="run-item"][data-run-id="${id}"]`);
  const text = (await row.getByTestId('run-live-text').textContent()) ?? '';
  const bar = (await row.locator('.mini-fill').boundingBox())?.width ?? 0;
  return { epoch: Number(/Epoch ([\d,]+)/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN), bar };
}

test('two runs train beside 300 stored ones: only their rows change, the list is not regrouped per epoch, and rows out of sight are not rendered', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const databasePath = join(lab.dir, 'lab.db');
  storeShortRuns(databasePath, STORED);
  const host = await lab.open(page, databasePath, ['--threads', '2']);
  await page.goto(`${host.url.replace(/#.*$/, '')}#/runs/stored-${STORED - 1}`);
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await expect(page.getByTestId('run-item')).toHaveCount(STORED);

  const { perceptron, mlp } = xorPair({ perceptron: 100_000, mlp: 100_000 });
  // On Two moons (500 rows), 100,000 epochs last minutes: both stay live throughout.
  const started = await startRunsOverPage(page, 'Two moons', [perceptron, mlp]);
  expect(started.map((s) => s.ok)).toEqual([true, true]);
  const live = started.map((s) => s.value!.id);
  for (const id of live) await expect(page.locator(`[data-testid="run-item"][data-run-id="${id}"]`)).toHaveAttribute('data-status', 'running');
  // The stored run picked stays shown (a run started elsewhere does not take the window over).
  await expect(page.locator(`[data-testid="run-item"][data-run-id="stored-${STORED - 1}"]`)).toHaveAttribute('aria-selected', 'true');

  // From now on, every change inside the list, by the row it falls in.
  await page.evaluate(`(() => {
    window.__rowChanges = {};
    new MutationObserver((records) => {
      for (const record of records) {
        const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
        const id = node?.closest('li')?.querySelector('[data-testid="run-item"]')?.getAttribute('data-run-id') ?? '(list)';
        window.__rowChanges[id] = (window.__rowChanges[id] ?? 0) + 1;
      }
    }).observe(document.querySelector('[data-testid="run-list"]'), { subtree: true, childList: true, attributes: true, characterData: true });
  })()`);
  const grouping = await countGrouping(page);
  const before = await Promise.all(live.map((id) => liveRow(page, id)));
  // Both rows move on, epoch after epoch.
  for (const [i, id] of live.entries()) {
    await expect.poll(async () => (await liveRow(page, id)).epoch, { timeout: 60_000 }).toBeGreaterThan(before[i]!.epoch + 50);
  }
  // Some dozens of updates each (the host sends about ten a second per run).
  const changes = async (): Promise<Record<string, number>> => (await page.evaluate('window.__rowChanges')) as Record<string, number>;
  await expect
    .poll(async () => {
      const counted = await changes();
      return Math.min(...live.map((id) => counted[id] ?? 0));
    }, { timeout: 60_000 })
    .toBeGreaterThanOrEqual(30);
  const after = await Promise.all(live.map((id) => liveRow(page, id)));
  after.forEach((row, i) => expect(row.bar).toBeGreaterThanOrEqual(before[i]!.bar));
  expect(Object.keys(await changes()).sort()).toEqual([...live].sort());
  // All those updates, and the list was never regrouped: a change of the runs listed (one stopped) does that.
  expect(await grouping.calls()).toBe(0);
  expect((await requestOverPage(page, 'runs.stop', { id: live[0] })).ok).toBe(true);
  await expect(page.locator(`[data-testid="run-item"][data-run-id="${live[0]}"]`)).toHaveAttribute('data-status', 'stopped');
  expect(await grouping.calls()).toBeGreaterThan(0);

  // The rows on screen are rendered; those below the fold are skipped (no layout, no paint) until scrolled to.
  const rendered = (await page.evaluate(
    `[...document.querySelectorAll('[data-testid="run-item"]')].map((el) => el.checkVisibility({ contentVisibilityAuto: true }))`,
  )) as boolean[];
  expect(rendered.slice(0, 5)).toEqual([true, true, true, true, true]);
  expect(rendered.filter(Boolean).length).toBeLessThan(40);
  const last = page.locator(`[data-testid="run-item"][data-run-id="stored-0"]`);
  await last.scrollIntoViewIfNeeded();
  await expect(last).toBeVisible();
  // Rendered from the next frame on (content-visibility follows what is in view once a frame).
  await expect.poll(() => last.evaluate((el) => el.checkVisibility({ contentVisibilityAuto: true }))).toBe(true);

  // How it looks, light and dark, with the two live rows at the top.
  await page.getByTestId('run-list').evaluate((el) => el.scrollTo(0, 0));
  await page.locator(`[data-testid="run-item"][data-run-id="${live[1]}"]`).focus();
  await page.screenshot({ path: 'test-results/run-list-progress-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/run-list-progress-dark.png' });
});
