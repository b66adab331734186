import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { modelTab, useLabHosts } from './browser-host';

/**
 * Several runs from the window at once, on a host with two training threads: Train (and Ctrl+Enter) starts a run
 * while others train, the run list shows which wait queued and which run (with their progress), the chart follows
 * the run picked, Stop acts on the run shown, and every run finishes with its results.
 */

const lab = useLabHosts();
const items = (page: Page) => page.getByTestId('run-item');
const item = (page: Page, id: string) => page.locator(`[data-testid="run-item"][data-run-id="${id}"]`);

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('three runs started quickly: one waits queued while two train, then all complete with results', async ({ page }) => {
  test.setTimeout(300_000);
  await lab.open(page, join(lab.dir, 'lab.db'), ['--threads', '2']);
  // Long enough (~4 s each on an idle machine; 2 000 epochs took 1.5 s) for the queued and running states to be seen
  // together, and for the first run to be still training when it is picked.
  await modelTab(page, 'training');
  await page.getByTestId('field-epochs').fill('6000');
  const train = page.getByTestId('train-button');

  // Train, Train, Ctrl+Enter: each starts a run while the others train (Train is never held back by them).
  await train.click();
  await expect(items(page)).toHaveCount(1);
  await expect(train).toBeEnabled();
  await train.click();
  await expect(items(page)).toHaveCount(2);
  await expect(train).toBeEnabled();
  await page.keyboard.press('Control+Enter');
  await expect(items(page)).toHaveCount(3);
  const ids = await items(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run-id')!));
  const [third, second, first] = ids as [string, string, string]; // newest first
  // Every text the live region takes, as a screen reader hears it: two runs may end a second apart, too close for a
  // poll of the text to see both.
  await page.evaluate(`(() => {
    const region = document.querySelector('[data-testid="run-ended-announcement"]');
    window.announced = [];
    new MutationObserver(() => window.announced.push(region.textContent)).observe(region, { childList: true, characterData: true, subtree: true });
  })()`);

  // Two threads: two run (with their progress), the newest waits queued, and says so (read in one go).
  const rows = () =>
    page.evaluate(`${JSON.stringify([third, second, first])}.map((id) => {
      const row = document.querySelector('[data-testid="run-item"][data-run-id="' + id + '"]');
      const text = (testid) => row?.querySelector('[data-testid="' + testid + '"]')?.textContent ?? '';
      return row?.getAttribute('data-status') + ': ' + text('run-status') + ', ' + text('run-live-text').replace(/\\d[\\d,]*/, 'N');
    })`);
  await expect
    .poll(rows)
    .toEqual(['queued: Queued, Waiting for a free thread', 'running: Running, Epoch N of 6,000', 'running: Running, Epoch N of 6,000']);
  await expect(page).toHaveTitle('2 running, 1 queued — NN Lab');
  await expect(train).toHaveAttribute('title', /2 running, 1 queued: it waits in the queue for one of the 2 threads/);
  // The run just started is the one shown, and the chart waits for its first epoch.
  await expect(item(page, third)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('progress-text')).toHaveAttribute('data-status', 'queued');

  await page.screenshot({ path: 'test-results/parallel-runs-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/parallel-runs-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  // Picking a running run shows its own live curve and progress.
  await item(page, first).click();
  await expect(page.locator('main h1')).toHaveText((await item(page, first).locator('.name').textContent())!.trim());
  await expect(page.getByTestId('metrics-chart')).not.toHaveAttribute('data-points', '0');
  await expect(page.getByTestId('stop-button')).toHaveAttribute('title', /^Stop .* \(its weights are kept\)$/);

  // All three finish, each with its results in the list; one ending behind the run shown is announced.
  const secondName = (await item(page, second).locator('.name').textContent())!.trim();
  for (const id of [first, second, third]) {
    await expect(item(page, id)).toHaveAttribute('data-status', 'completed', { timeout: 180_000 });
    await expect(item(page, id).getByTestId('run-accuracy')).toHaveText(/^\d+\.\d%$/);
    await expect(item(page, id).getByTestId('run-live')).toHaveCount(0);
  }
  await expect(page).toHaveTitle('NN Lab');
  expect(await page.evaluate('window.announced')).toContain(`${secondName}: completed`);
  await item(page, third).click();
  await expect(page.getByTestId('progress-text')).toHaveText('Completed · Epoch 6,000 of 6,000');
  await expect(page.getByTestId('metrics-chart')).toHaveAttribute('data-points', '6000');
});

test('Stop acts on the run shown: a queued run stops at once, the running one trains on until stopped', async ({ page }) => {
  await lab.open(page, join(lab.dir, 'lab.db'), ['--threads', '1']);
  await modelTab(page, 'training');
  await page.getByTestId('field-epochs').fill('100000');
  await page.getByTestId('train-button').click();
  await expect(items(page)).toHaveCount(1);
  await page.getByTestId('train-button').click();
  await expect(items(page)).toHaveCount(2);
  const [queued, running] = (await items(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run-id')!))) as [string, string];
  await expect(item(page, running)).toHaveAttribute('data-status', 'running');
  await expect(item(page, queued)).toHaveAttribute('data-status', 'queued');

  // The queued run is shown (it was just started): Stop ends it without waiting for the thread.
  await expect(item(page, queued)).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('stop-button').click();
  await expect(item(page, queued)).toHaveAttribute('data-status', 'stopped');
  await expect(page.getByTestId('progress-text')).toHaveText('Stopped · Epoch 0 of 100,000');
  await expect(item(page, running)).toHaveAttribute('data-status', 'running');

  // Then the running one, picked in the list.
  await item(page, running).click();
  await page.getByTestId('stop-button').click();
  await expect(item(page, running)).toHaveAttribute('data-status', 'stopped');
  await expect(item(page, running).getByTestId('run-accuracy')).toBeVisible();
});
