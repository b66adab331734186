import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { useLabHosts } from './browser-host';

/** Inside the network, per layer: the diagnosis of a bad run in words, and a digits CNN's filters and feature maps. */

const lab = useLabHosts();

/** Sends one request over the page's own connection to the host (the window has no form for a custom network). */
async function request<T>(page: Page, name: string, args: unknown): Promise<T> {
  const response = (await page.evaluate(
    `(async ([name, args]) => {
    const socket = new WebSocket(location.origin.replace('http', 'ws') + '/api' + location.search);
    await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
    const answer = await new Promise((resolve) => {
      socket.addEventListener('message', (message) => {
        const data = JSON.parse(message.data);
        if (data.kind === 'response' && data.id === 1) resolve(data.response);
      });
      socket.send(JSON.stringify({ kind: 'request', id: 1, name, args }));
    });
    socket.close();
    return answer;
  })(${JSON.stringify([name, args])})`,
  )) as { ok: boolean; value?: T; error?: { message: string } };
  if (!response.ok) throw new Error(`${name}: ${response.error?.message}`);
  return response.value!;
}

async function screenshots(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `test-results/${name}-${colorScheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function showRun(page: Page, id: string): Promise<void> {
  await page.goto(page.url().replace(/#.*$/, '') + '#/runs');
  await page.locator(`[data-testid="run-item"][data-run-id="${id}"]`).click();
  // The per-layer views live in the run pane's "Inside the network" tab.
  await page.getByTestId('tab-inside').click();
}

test('an 8-layer sigmoid net at learning rate 5: the window names vanishing gradients and a learning rate too high', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await lab.open(page, join(lab.dir, 'lab.db'));
  const layers: unknown[] = [];
  for (let i = 0; i < 8; i++) layers.push({ type: 'dense', units: 16 }, { type: 'sigmoid' });
  layers.push({ type: 'dense', units: 1 }, { type: 'sigmoid' });
  const run = await request<{ id: string }>(page, 'runs.start', {
    datasetId: 'two-moons',
    name: 'Deep sigmoid at lr 5',
    spec: { input: [2], layers },
    train: { loss: 'bce', optimizer: { type: 'sgd', lr: 5 }, batchSize: 16, epochs: 40, seed: 3 },
  });
  await showRun(page, run.id);
  await expect(page.getByTestId('progress-text')).toHaveAttribute('data-status', 'completed', { timeout: 90_000 });
  const views = page.getByTestId('layer-views');
  const vanishing = views.locator('[data-testid="finding"][data-kind="vanishing_gradients"]');
  await expect(vanishing).toHaveCount(1);
  await expect(vanishing).toHaveAttribute('data-layer', '0');
  await expect(vanishing).toContainText(/Vanishing gradients: at epoch \d+ layer 0 \(dense\)/);
  await expect(vanishing).toContainText('Try: Use ReLU');
  const rate = views.locator('[data-testid="finding"][data-kind="learning_rate_too_high"]').first();
  await expect(rate).toBeVisible();
  await expect(rate).toContainText('Try: Lower the learning rate');
  // The per-layer charts have the stored snapshots (every 5 epochs and the last: 8).
  await expect(page.getByTestId('ridgeline')).toHaveAttribute('data-points', '8');
  await expect(page.getByTestId('pace-text')).toContainText('epochs/s');
  await expect(page.getByTestId('weight-heatmap')).toHaveCount(9);
  await views.scrollIntoViewIfNeeded();
  await page.getByTestId('diagnosis').scrollIntoViewIfNeeded();
  await screenshots(page, 'inside-layers-diagnosis');
  await page.getByTestId('layer-chart-gradNorm').scrollIntoViewIfNeeded();
  await screenshots(page, 'inside-layers-charts');
});

test('a digits CNN shows its learned filters and the feature maps of the image the person picks, live while it trains', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await lab.open(page, join(lab.dir, 'lab.db'));
  const run = await request<{ id: string }>(page, 'runs.start', {
    datasetId: 'digits',
    name: 'Digits CNN',
    spec: {
      input: [1, 8, 8],
      layers: [
        { type: 'conv2d', filters: 8, kernel: 3, padding: 1 },
        { type: 'relu' },
        { type: 'maxpool2d', size: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 10 },
        { type: 'softmax' },
      ],
    },
    train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32, epochs: 100_000, seed: 1 },
  });
  await showRun(page, run.id);
  // Live: the weights its worker has now, while it trains.
  await expect(page.getByTestId('progress-text')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('weights-heading')).toHaveAttribute('data-kind', 'live');
  await expect(page.getByTestId('conv-filter-layer')).toHaveCount(1);
  await expect(page.getByTestId('feature-map-layer')).toHaveCount(2);
  await expect(page.getByTestId('weights-heading')).toContainText(/epoch \d+, live/);
  await expect.poll(async () => Number((await page.getByTestId('progress-text').getAttribute('data-epoch')) ?? 0), { timeout: 60_000 }).toBeGreaterThanOrEqual(10);
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('progress-text')).toHaveAttribute('data-status', 'stopped', { timeout: 30_000 });
  await expect(page.getByTestId('weights-heading')).toHaveAttribute('data-kind', 'final');
  const filters = page.getByTestId('conv-filter-layer');
  await expect(filters).toHaveCount(1);
  await expect(filters).toContainText('layer 0 (conv2d): 8 filters of 3×3');
  await expect(filters.getByRole('img')).toHaveCount(8);
  const maps = page.getByTestId('feature-map-layer');
  await expect(maps).toHaveCount(2);
  await expect(maps.nth(0)).toContainText('layer 0 (conv2d) · 8 maps of 8×8');
  await expect(maps.nth(1)).toContainText('layer 2 (maxpool2d) · 8 maps of 4×4');
  await expect(maps.nth(0).getByRole('img')).toHaveCount(8);
  // Another image: the maps are recomputed for it.
  const firstPixels = await maps.nth(0).locator('canvas').first().evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL());
  await page.getByRole('button', { name: 'Next image' }).click();
  await expect(page.getByTestId('feature-map-row')).toHaveValue('1');
  await expect.poll(() => maps.nth(0).locator('canvas').first().evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL())).not.toBe(firstPixels);
  await page.getByTestId('conv-filters').scrollIntoViewIfNeeded();
  await screenshots(page, 'inside-layers-cnn');

  // The confusion matrix of the last stored epoch: a cell's click shows a gallery of exactly its images.
  const cells = page.getByTestId('confusion-cell');
  await expect(cells).toHaveCount(100);
  const counts = await cells.evaluateAll((all) =>
    all.map((c) => ({ count: Number(c.getAttribute('data-count')), actual: Number(c.getAttribute('data-actual')), predicted: Number(c.getAttribute('data-predicted')) })),
  );
  const diagonal = counts.findIndex((c) => c.actual === c.predicted && c.count > 0);
  const wrongCell = counts.reduce((best, c, i) => (c.actual !== c.predicted && c.count > (counts[best]?.count ?? 0) ? i : best), -1);
  for (const at of [diagonal, wrongCell].filter((i) => i >= 0)) {
    const { count, actual, predicted } = counts[at]!;
    await cells.nth(at).click();
    await expect(page.getByTestId('cell-heading')).toContainText(`${count} row${count === 1 ? '' : 's'} of ${actual} predicted ${predicted}`);
    const gallery = page.getByTestId('cell-rows');
    await expect(gallery.getByTestId('cell-rows-row')).toHaveCount(count);
    await expect(gallery.locator('canvas')).toHaveCount(count);
    await expect(gallery.getByTestId('cell-rows-row').first()).toContainText(`true ${actual}`);
    await expect(gallery.getByTestId('cell-rows-row').first()).toContainText(new RegExp(`predicted ${predicted} \\(\\d+\\.\\d%\\)`));
  }
  await page.getByTestId('confusion-section').scrollIntoViewIfNeeded();
  await screenshots(page, 'inside-layers-cnn-confusion');
  // The misclassified gallery: each image with its true and predicted class (never the same) and the confidence.
  const wrongCount = counts.filter((c) => c.actual !== c.predicted).reduce((a, c) => a + c.count, 0);
  const section = page.getByTestId('misclassified-section');
  await expect(section.getByRole('heading')).toHaveText(`Misclassified (${wrongCount})`);
  const wrong = section.getByTestId('misclassified-row');
  await expect(wrong).toHaveCount(Math.min(24, wrongCount));
  for (const text of await wrong.allTextContents()) {
    const [, truth, predicted, confidence] = /true (\d+)\s*predicted (\d+) \((\d+\.\d)%\)/.exec(text.replace(/\s+/g, ' '))!;
    expect(truth).not.toBe(predicted);
    expect(Number(confidence)).toBeGreaterThan(0);
    expect(Number(confidence)).toBeLessThanOrEqual(100);
  }
  await section.scrollIntoViewIfNeeded();
  await screenshots(page, 'inside-layers-cnn-misclassified');
});

test('the checklist’s unscaled inputs, trained as they are: the diagnosis names x2 and says to scale it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const first = await lab.open(page, join(lab.dir, 'lab.db'));
  const run = await request<{ id: string }>(page, 'runs.start', {
    datasetId: 'checklist-unscaled-inputs',
    name: 'Unscaled moons',
    spec: { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'relu' }, { type: 'dense', units: 2 }, { type: 'softmax' }] },
    train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32, epochs: 8, seed: 1, autoPause: false },
  });
  await showRun(page, run.id);
  await expect(page.getByTestId('progress-text')).toHaveAttribute('data-status', /completed|diverged/, { timeout: 90_000 });
  const finding = page.getByTestId('layer-views').locator('[data-testid="finding"][data-kind="unscaled_inputs"]');
  await expect(finding).toHaveCount(1);
  await expect(finding).toContainText(/Unscaled inputs: the model is fed 'x2' \(mean 5\d{3}, standard deviation \d{3}\)/);
  await expect(finding).not.toContainText("'x1'");
  await expect(finding).toContainText("Try: This dataset is used as generated");
  await expect(finding).toContainText("Data group turns on standard scaling");
  // The same after the host restarts: the statistics are stored with the run.
  await first.kill();
  await lab.open(page, join(lab.dir, 'lab.db'));
  await showRun(page, run.id);
  await expect(page.getByTestId('layer-views').locator('[data-testid="finding"][data-kind="unscaled_inputs"]')).toContainText("'x2'");
  await page.getByTestId('diagnosis').scrollIntoViewIfNeeded();
  await screenshots(page, 'inside-layers-unscaled');
});
