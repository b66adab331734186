import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { useLabHosts, modelTab } from './browser-host';

/** The window's places: the navigation bar, Ctrl+1..4, and a hash that a reload (or the next start) lands on. */

const lab = useLabHosts();

async function trainOne(page: Page, epochs: string): Promise<string> {
  await modelTab(page, 'training');
  await page.getByTestId('field-epochs').fill(epochs);
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('progress-text')).toHaveText(`Completed · Epoch ${epochs} of ${epochs}`);
  return (await page.getByTestId('run-item').first().getAttribute('data-run-id'))!;
}

test('a reload on #/runs/<id> shows that run, and the last place is reopened without a hash', async ({ page }) => {
  const host = await lab.open(page, join(lab.dir, 'lab.db'));
  await page.getByTestId('dataset-item').filter({ hasText: 'Two moons' }).click();
  const first = await trainOne(page, '20');
  await page.getByTestId('dataset-item').filter({ hasText: 'Two moons' }).click();
  const second = await trainOne(page, '30');
  expect(second).not.toBe(first);

  // The older run, by its address: not the newest one the window would open on by itself.
  await page.goto(`${host.url}#/runs/${first}`);
  await page.reload();
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await expect(page.getByTestId('runs-place')).toBeVisible();
  await expect(page.locator(`[data-testid="run-item"][data-run-id="${first}"]`)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('progress-text')).toHaveText('Completed · Epoch 20 of 20');
  await expect(page.getByTestId('metrics-chart')).toHaveAttribute('data-points', '20');

  // Picking the other run rewrites the hash.
  await page.locator(`[data-testid="run-item"][data-run-id="${second}"]`).click();
  await expect(page).toHaveURL(new RegExp(`#/runs/${second}$`));
  await expect(page.getByTestId('metrics-chart')).toHaveAttribute('data-points', '30');

  // Opened again with no hash (the desktop app's start), the window lands where it was.
  await page.goto(host.url);
  await expect(page.getByTestId('runs-place')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/runs/${second}$`));
  await expect(page.getByTestId('metrics-chart')).toHaveAttribute('data-points', '30');
});

test('each place is reachable by the navigation bar and by Ctrl+1..4', async ({ page }) => {
  const host = await lab.open(page, join(lab.dir, 'lab.db'));
  const views = { data: 'data-place', build: 'train-button', runs: 'runs-place', learn: 'learn-place' } as const;
  for (const [place, testid] of Object.entries(views)) {
    await page.getByTestId(`nav-${place}`).click();
    await expect(page.getByTestId(testid)).toBeVisible();
    await expect(page.getByTestId(`nav-${place}`)).toHaveAttribute('aria-current', 'page');
    expect(new URL(page.url()).hash).toMatch(new RegExp(`^#/${place}`));
  }
  const keys = ['data', 'build', 'runs', 'learn'] as const;
  for (const [i, place] of keys.entries()) {
    await page.keyboard.press(`Control+${i + 1}`);
    await expect(page.getByTestId(views[place])).toBeVisible();
  }
  // Back returns to the place before.
  await page.goBack();
  await expect(page.getByTestId('runs-place')).toBeVisible();
  // An unknown address opens the default place, without an error.
  await page.goto(`${host.url}#/nowhere/at/all`);
  await expect(page.getByTestId('train-button')).toBeVisible();
  await expect(page.getByTestId('error-toast')).toHaveCount(0);
});

/** Every box is wholly inside the 1280×800 viewport: seen without scrolling anything. */
async function expectAboveTheFold(page: Page, testids: string[]): Promise<void> {
  for (const testid of testids) {
    const box = await page.getByTestId(testid).first().boundingBox();
    expect(box, testid).not.toBeNull();
    expect(box!.y, `${testid} top`).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height, `${testid} bottom`).toBeLessThanOrEqual(800);
    expect(box!.x + box!.width, `${testid} right`).toBeLessThanOrEqual(1280);
  }
}

test('Build & train at 1280×800: the model, its settings, Train and the run list without scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await lab.open(page, join(lab.dir, 'lab.db'));
  await page.getByTestId('dataset-item').filter({ hasText: 'Two moons' }).click();
  await trainOne(page, '20');
  await page.getByTestId('dataset-item').filter({ hasText: 'Two moons' }).click();
  await trainOne(page, '20');
  const needed = ['field-optimizer', 'field-learning-rate', 'field-epochs', 'field-batch-size', 'train-button', 'run-list', 'run-item'];
  const network = ['model-layers', 'layer-palette', 'train-button', 'run-list', 'run-item'];
  // A run shown (its settings read-only) and a dataset picked (the form); the network tab of each.
  await expect(page.getByTestId('run-settings')).toBeVisible();
  await expectAboveTheFold(page, needed);
  await modelTab(page, 'network');
  await expectAboveTheFold(page, ['model-layers', 'train-button', 'run-list', 'run-item']);
  await page.getByTestId('dataset-item').filter({ hasText: 'Digits 8×8' }).click();
  await expectAboveTheFold(page, network);
  await page.getByTestId('dataset-item').filter({ hasText: 'XOR' }).click();
  await modelTab(page, 'training');
  await expect(page.getByTestId('run-settings')).toHaveCount(0);
  await expectAboveTheFold(page, needed);
  // Nothing scrolled to get there: the page itself does not scroll.
  expect(await page.locator('html').evaluate((html) => html.scrollHeight)).toBeLessThanOrEqual(800);
});

test('every place at 1280×800, light and dark', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const host = await lab.open(page, join(lab.dir, 'lab.db'));
  await page.getByTestId('dataset-item').filter({ hasText: 'Two moons' }).click();
  const runId = await trainOne(page, '40');
  const routes = { data: '#/data/two-moons', build: '#/build', runs: `#/runs/${runId}`, learn: '#/learn', compare: `#/compare?runs=${runId}` };
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [name, hash] of Object.entries(routes)) {
      await page.goto(`${host.url}${hash}`);
      await expect(page.getByTestId('connection')).toHaveText('Connected');
      if (name === 'runs') {
        await expect(page.getByTestId('metrics-chart')).toHaveAttribute('data-points', '40');
        // The run list is in view, no scrolling needed.
        await expect(page.getByTestId('run-item').first()).toBeInViewport();
      }
      if (name === 'data') await expect(page.getByTestId('dataset-preview')).not.toHaveAttribute('data-points', '0');
      await page.waitForTimeout(300);
      await page.screenshot({ path: `test-results/places/${name}-${scheme}.png` });
    }
  }
});
