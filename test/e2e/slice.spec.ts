import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { useLabHosts, modelTab } from './browser-host';

/**
 * The walking skeleton, as a user meets it in a browser: pick Two moons, train the default MLP,
 * watch the curve grow, find the run in the list, and find it again after the host restarts.
 */

const lab = useLabHosts();
const openLab = (page: Page, databasePath: string) => lab.open(page, databasePath);

/** Records every value the chart's plotted-point count takes, from inside the page. */
async function recordPlottedPoints(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const chart = document.querySelector('[data-testid="metrics-chart"]');
    window.__plotted = [Number(chart.getAttribute('data-points'))];
    new MutationObserver(() => window.__plotted.push(Number(chart.getAttribute('data-points'))))
      .observe(chart, { attributes: true, attributeFilter: ['data-points'] });
  })()`);
}

test('trains Two moons, streams the curve, and keeps the run across a host restart', async ({ page }) => {
  const databasePath = join(lab.dir, 'lab.db');
  const host = await openLab(page, databasePath);

  await page.getByTestId('dataset-item').filter({ hasText: 'Two moons' }).click();
  await expect(page.getByTestId('dataset-item').filter({ hasText: 'Two moons' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('dataset-preview')).not.toHaveAttribute('data-points', '0');
  await expect(page.getByTestId('model-layers')).toHaveAccessibleName('Layers, input to output: 2, 32 relu, 32 relu, 1 sigmoid');
  // The settings the default network trains well with (its preset's).
  await modelTab(page, 'training');
  await expect(page.getByTestId('field-epochs')).toHaveValue('100');
  // Long enough (a second or so) that the stream spans many frames.
  await page.getByTestId('field-epochs').fill('1000');

  await recordPlottedPoints(page);
  await page.getByTestId('train-button').click();

  const progress = page.getByTestId('progress-text');
  await expect(progress).toHaveText('Completed · Epoch 1,000 of 1,000');
  await expect(page.getByTestId('metrics-chart')).toHaveAttribute('data-points', '1000');
  await expect(page.getByRole('status').filter({ hasText: 'Completed' })).toHaveText('Completed · Epoch 1,000 of 1,000');

  // The chart grew as epochs streamed in: never shrinking, passing through partial curves, ending at 1000.
  const plotted = (await page.evaluate('window.__plotted')) as number[];
  expect(plotted.at(-1)).toBe(1000);
  for (let i = 1; i < plotted.length; i++) expect(plotted[i]).toBeGreaterThanOrEqual(plotted[i - 1]!);
  expect(plotted.filter((n) => n > 0 && n < 1000).length).toBeGreaterThan(1);

  const run = page.getByTestId('run-item').first();
  await expect(run).toHaveAttribute('data-status', 'completed');
  await expect(run.getByTestId('run-status')).toHaveText('Completed');
  const accuracyText = (await run.getByTestId('run-accuracy').textContent())!.trim();
  expect(accuracyText).toMatch(/^\d+\.\d%$/);
  expect(Number.parseFloat(accuracyText)).toBeGreaterThanOrEqual(90);
  await expect(page.getByTestId('stat-accuracy')).toHaveText(accuracyText);
  const runId = await run.getAttribute('data-run-id');

  await page.screenshot({ path: 'test-results/slice.png' });

  // Kill the host outright, start a new one on the same database, and open the lab again.
  await host.kill();
  await expect(page.getByTestId('connection')).not.toHaveText('Connected');
  await openLab(page, databasePath);

  const again = page.locator(`[data-testid="run-item"][data-run-id="${runId}"]`);
  await expect(again).toHaveAttribute('data-status', 'completed');
  await expect(again.getByTestId('run-accuracy')).toHaveText(accuracyText);
  await again.click();
  await expect(page.getByTestId('metrics-chart')).toHaveAttribute('data-points', '1000');
  await expect(progress).toHaveText('Completed · Epoch 1,000 of 1,000');
});

test('a bad training setting shows its message and keeps Train disabled until fixed', async ({ page }) => {
  await openLab(page, join(lab.dir, 'lab.db'));
  const train = page.getByTestId('train-button');
  await expect(train).toBeEnabled();

  await modelTab(page, 'training');
  await page.getByTestId('field-epochs').fill('12.5');
  await expect(page.getByTestId('error-epochs')).toHaveText('must be a whole number, such as 32');
  await expect(page.getByTestId('field-epochs')).toHaveAttribute('aria-invalid', 'true');
  await expect(train).toBeDisabled();

  await page.getByTestId('field-learning-rate').fill('0');
  await expect(page.getByTestId('error-learning-rate')).toHaveText('must be above 0');

  // Neither the button nor the keyboard shortcut starts a run with bad settings.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('run-list')).toContainText('No runs yet');

  await page.getByTestId('field-epochs').fill('50');
  await page.getByTestId('field-learning-rate').fill('0.01');
  await expect(page.getByTestId('error-epochs')).toHaveCount(0);
  await expect(train).toBeEnabled();

  // With good settings the shortcut trains; exactly one run exists, so the refused attempt made none.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('progress-text')).toHaveText('Completed · Epoch 50 of 50');
  await expect(page.getByTestId('run-item')).toHaveCount(1);
});

test('Ctrl+Enter starts a long run and Stop ends it', async ({ page }) => {
  await openLab(page, join(lab.dir, 'lab.db'));
  await modelTab(page, 'training');
  await page.getByTestId('field-epochs').fill('100000');
  await page.keyboard.press('Control+Enter');

  const progress = page.getByTestId('progress-text');
  await expect(progress).toHaveAttribute('data-status', 'running');
  await expect(progress).not.toHaveAttribute('data-epoch', '0');
  await page.getByTestId('stop-button').click();

  await expect(page.getByTestId('run-item').first()).toHaveAttribute('data-status', 'stopped');
  await expect(progress).toHaveText(/^Stopped · Epoch [\d,]+ of 100,000$/);
  // The run shown has ended: Stop stays in its place, disabled, saying why.
  await expect(page.getByTestId('stop-button')).toBeDisabled();
  await expect(page.getByTestId('stop-button')).toHaveAttribute('title', /was stopped: there is nothing to stop$/);
  await expect(page.getByTestId('train-button')).toBeEnabled();
});

test('when the host is gone, Train explains the problem instead of failing silently', async ({ page }) => {
  const host = await openLab(page, join(lab.dir, 'lab.db'));
  await expect(page.getByTestId('train-button')).toBeEnabled();
  await expect(page.getByTestId('run-list')).toContainText('No runs yet');
  await host.kill();
  await expect(page.getByTestId('connection')).not.toHaveText('Connected');

  await page.getByTestId('train-button').click();
  const toast = page.getByTestId('error-toast').filter({ hasText: 'Could not start training' });
  await expect(toast).toContainText('Could not start training: Lost the connection to NN Lab');
  await expect(toast).not.toContainText(/\bat .+:\d+:\d+/);
});

test('datasets are one Tab stop and arrow keys pick among them', async ({ page }) => {
  await openLab(page, join(lab.dir, 'lab.db'));
  const twoMoons = page.getByTestId('dataset-item').filter({ hasText: 'Two moons' });
  await expect(twoMoons).toHaveAttribute('aria-selected', 'true');

  // Past the navigation bar's four places, the dataset list is the next Tab stop.
  await page.getByTestId('nav-learn').focus();
  await page.keyboard.press('Tab');
  await expect(twoMoons).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const next = page.getByTestId('dataset-item').nth(1);
  await expect(next).toBeFocused();
  await expect(next).toHaveAttribute('aria-selected', 'true');
  await expect(twoMoons).toHaveAttribute('aria-selected', 'false');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText((await next.locator('.name').textContent())!);

  // The next Tab leaves the list for Import CSV…, and the one after for the runs below it (the model settings are
  // in the third column).
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('import-button')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('run-search')).toBeFocused();
});

test('an address without the session token says how to open the lab', async ({ page }) => {
  const host = await lab.start(join(lab.dir, 'lab.db'));
  await page.goto(host.url.replace(/\?token=.*$/, ''));
  await expect(page.getByTestId('connection-banner')).toContainText('This address has no session token');
  await expect(page.getByTestId('connection')).not.toHaveText('Connected');
});
