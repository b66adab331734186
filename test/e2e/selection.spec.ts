import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { useLabHosts, modelTab } from './browser-host';

/**
 * One selection, one truth (issue 8, point 3): the pane, the model panel and the preview follow the one thing picked
 * (a run or a dataset); a second window sees the true status of every run; Duplicate & edit and Discard leave no stale
 * settings behind.
 */

const lab = useLabHosts();
const dataset = (page: Page, name: string) => page.getByTestId('dataset-item').filter({ hasText: name });
const runNamed = (page: Page, name: string) => page.getByTestId('run-item').filter({ has: page.locator('.name', { hasText: new RegExp(`^${name}$`) }) });

async function train(page: Page, epochs: string): Promise<void> {
  await modelTab(page, 'training');
  await page.getByTestId('field-epochs').fill(epochs);
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('progress-text')).toHaveAttribute('data-status', 'completed');
}

for (const scheme of ['light', 'dark'] as const) {
  test(`picking a run shows its dataset, network and settings; picking a dataset shows what Train starts (${scheme})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: scheme });
    await lab.open(page, join(lab.dir, 'lab.db'));
    await dataset(page, 'Two moons').click();
    await train(page, '30');
    await dataset(page, 'Gaussian blobs').click();
    await modelTab(page, 'network');
    await expect(page.getByTestId('model-layers')).toHaveAccessibleName(/3 softmax$/);
    await train(page, '20');

    // Back to the Two moons run: everything on screen is that run's.
    await runNamed(page, 'Two moons #1').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Two moons #1');
    await expect(dataset(page, 'Two moons')).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('#preview-heading')).toHaveText('Two moons');
    await modelTab(page, 'network');
    await expect(page.getByTestId('model-layers')).toHaveAccessibleName('Layers, input to output: 2, 32 relu, 32 relu, 1 sigmoid');
    await modelTab(page, 'training');
    await expect(page.getByTestId('field-epochs')).toHaveValue('30');
    await expect(page.getByTestId('model-run-note')).toContainText('Two moons #1');
    await expect(page.getByTestId('metrics-chart')).toHaveAttribute('data-points', '30');
    await page.screenshot({ path: `test-results/selection-run-${scheme}.png` });

    // Picking a dataset: its preview, its default network and the form Train will use; no run in the pane.
    await dataset(page, 'XOR').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('XOR');
    await expect(page.locator('#preview-heading')).toHaveText('XOR');
    await expect(page.getByTestId('run-item').and(page.locator('[aria-selected="true"]'))).toHaveCount(0);
    await expect(page.getByTestId('model-run-note')).toHaveCount(0);
    await expect(page.getByTestId('field-epochs')).toBeEditable();
    await expect(page.getByTestId('metrics-chart')).toHaveAttribute('data-points', '0');
    await page.screenshot({ path: `test-results/selection-dataset-${scheme}.png` });
    await page.getByTestId('train-button').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('XOR #1');
  });
}

test('a second window sees a run another window stopped, and its Stop is disabled with the reason', async ({ browser }) => {
  const first = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const host = await lab.open(first, join(lab.dir, 'lab.db'));
  const second = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await modelTab(first, 'training');
  await first.getByTestId('field-epochs').fill('100000');
  await first.getByTestId('train-button').click();
  await expect(first.getByTestId('progress-text')).toHaveAttribute('data-status', 'running');

  await second.goto(host.url);
  await expect(second.getByTestId('connection')).toHaveText('Connected');
  await expect(second.getByTestId('progress-text')).toHaveAttribute('data-status', 'running');
  await expect(second.getByTestId('stop-button')).toBeEnabled();

  await first.getByTestId('stop-button').click();
  await expect(first.getByTestId('progress-text')).toHaveAttribute('data-status', 'stopped');
  await expect(second.getByTestId('progress-text')).toHaveAttribute('data-status', 'stopped');
  await expect(second.getByTestId('run-item').first()).toHaveAttribute('data-status', 'stopped');
  const stop = second.getByTestId('stop-button');
  await expect(stop).toBeDisabled();
  await expect(stop).toHaveAttribute('title', /Two moons #1 was stopped/);
  await second.screenshot({ path: 'test-results/selection-second-window.png' });
  await second.close();
  await first.close();
});

test('a CLI run on a file never imported blocks Train, and a failed Duplicate & edit trains nothing else', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const rows = ['x1,x2,y', ...Array.from({ length: 40 }, (_, i) => `${i / 40},${(i % 7) / 7},${(2 * i) / 40 - (i % 7) / 7}`)];
  writeFileSync(join(lab.dir, 'lin.csv'), `${rows.join('\n')}\n`);
  writeFileSync(join(lab.dir, 'run.json'), JSON.stringify({
    name: 'lin from the CLI',
    data: { path: 'lin.csv', target: 'y' },
    model: { input: [2], layers: [{ type: 'dense', units: 3 }, { type: 'tanh' }, { type: 'dense', units: 1 }] },
    train: { loss: 'mse', optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 8, epochs: 3 },
  }));
  const cli = spawnSync(process.execPath, [resolve('bin/nn-lab.mjs'), 'train', '--config', 'run.json', '--db', 'lab.db'], { cwd: lab.dir, encoding: 'utf8' });
  expect(cli.stderr).toBe('');

  await lab.open(page, join(lab.dir, 'lab.db'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('lin from the CLI');
  await expect(page.getByTestId('model-layers')).toHaveAccessibleName('Layers, input to output: 2, 3 tanh, 1');
  const train = page.getByTestId('train-button');
  await expect(train).toBeDisabled();
  await expect(train).toHaveAttribute('title', /is not in the dataset list: import it/);
  await expect(page.getByTestId('dataset-item').and(page.locator('[aria-selected="true"]'))).toHaveCount(0);
  await expect(page.locator('#preview-heading')).toHaveText('lin.csv');

  await page.getByTestId('action-duplicate').click();
  await expect(page.getByTestId('error-toast')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('lin from the CLI');
  await expect(page.getByTestId('model-draft')).toHaveCount(0);
  await expect(train).toBeDisabled();
  await page.screenshot({ path: 'test-results/selection-cli-run.png' });
});

test('Discard restores every field the copy replaced', async ({ page }) => {
  await lab.open(page, join(lab.dir, 'lab.db'));
  await modelTab(page, 'training');
  await page.getByTestId('field-learning-rate').fill('0.05');
  await train(page, '25');
  await dataset(page, 'Two moons').click();
  await page.getByTestId('field-epochs').fill('20000');
  await page.getByTestId('field-learning-rate').fill('0.002');

  await runNamed(page, 'Two moons #1').click();
  await page.getByTestId('action-duplicate').click();
  await expect(page.getByTestId('model-draft')).toContainText('Editing a copy of Two moons #1 (copy)');
  await expect(page.getByTestId('field-epochs')).toHaveValue('25');
  await expect(page.getByTestId('field-learning-rate')).toHaveValue('0.05');
  await page.getByTestId('field-epochs').fill('7');
  await page.getByTestId('model-draft-discard').click();
  await expect(page.getByTestId('model-draft')).toHaveCount(0);
  await expect(page.getByTestId('field-epochs')).toHaveValue('20000');
  await expect(page.getByTestId('field-learning-rate')).toHaveValue('0.002');
});
