import { expect, test, type Download, type Page } from '@playwright/test';
import { join } from 'node:path';
import { askOverPage, useLabHosts } from './browser-host';

/** The Compare place's experiments as a user runs them: repeat with seeds, a sweep from the window, chart exports. */

const lab = useLabHosts();

const base = {
  name: 'moons base',
  spec: { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 1 }, { type: 'sigmoid' }] },
  train: { loss: 'bce', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32, epochs: 10, seed: 4 },
};

/** Opens the lab on a fresh database with one run on Two moons, and Compare on that run. */
async function openOnBaseRun(page: Page): Promise<string> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await lab.open(page, join(lab.dir, 'lab.db'));
  const started = await askOverPage<{ id: string }>(page, 'runs.start', base, 'Two moons');
  expect(started.ok).toBe(true);
  await page.goto(page.url().replace(/#.*$/, '') + `#/compare?runs=${started.value!.id}`);
  await expect(page.getByTestId('compare-actions')).toBeVisible();
  return started.value!.id;
}

async function textOf(download: Promise<Download>): Promise<string> {
  return (await download).createReadStream().then((s) => new Response(s as unknown as ReadableStream).text());
}

/** An SVG document parsed by Chromium's strict XML parser (page source: this file has no DOM types). */
async function parseSvg(page: Page, svg: string): Promise<{ error: string | null; namespace: string | null; texts: string[]; bands: number }> {
  return (await page.evaluate(`(() => {
    const doc = new DOMParser().parseFromString(${JSON.stringify(svg)}, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      namespace: doc.documentElement.namespaceURI,
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
      bands: [...doc.querySelectorAll('path')].filter((p) => p.getAttribute('fill-opacity') === '0.18').length,
    };
  })()`)) as { error: string | null; namespace: string | null; texts: string[]; bands: number };
}

/** Saves a chart as SVG through its Save menu; answers the file's name and text. */
async function saveChartSvg(page: Page, testid: string): Promise<{ name: string; text: string }> {
  const download = page.waitForEvent('download');
  await page.getByTestId(`${testid}-save`).click();
  await page.getByTestId(`${testid}-save-svg`).click();
  const file = await download;
  return { name: file.suggestedFilename(), text: await textOf(Promise.resolve(file)) };
}

test('Repeat with 3 seeds queues 3 runs as one group, and Compare draws them as a band; the SVG export parses', async ({ page }) => {
  const id = await openOnBaseRun(page);
  await page.getByTestId('plan-seeds').fill('3');
  await page.getByTestId('repeat-button').click();
  await expect(page).toHaveURL(new RegExp(`#/compare\\?runs=${id},[^,]+,[^,]+,[^,]+$`));
  await expect(page.getByTestId('compare-subtitle')).toContainText('4 runs');
  await expect(page.getByTestId('compare-row')).toHaveCount(4);
  // The comparison follows the runs as they train, without a reload, until the band covers all four.
  await expect(async () => {
    const saved = await saveChartSvg(page, 'compare-chart');
    const parsed = await parseSvg(page, saved.text);
    expect(saved.name).toBe('nn-lab-compare-valLoss.svg');
    expect(parsed.error).toBeNull();
    expect(parsed.namespace).toBe('http://www.w3.org/2000/svg');
    expect(parsed.texts.some((t) => t.endsWith('(n=4)'))).toBe(true);
    expect(parsed.bands).toBe(1);
  }).toPass({ timeout: 60_000 });

  await page.screenshot({ path: 'test-results/compare-actions-repeat-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/compare-actions-repeat-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  // The copies are one group in the run list, named for the plan.
  await page.getByRole('link', { name: 'Back to runs' }).click();
  await expect(page.getByText('moons base × 3 seeds')).toBeVisible();
});

test('a sweep started from the window makes the planned runs and shows in the parallel coordinates; brushing filters them', async ({ page }) => {
  await openOnBaseRun(page);
  await page.getByTestId('sweep-button').click();
  const dialog = page.getByTestId('sweep-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('sweep-values').fill('0.002, 0.02, 0.2');
  await dialog.getByTestId('sweep-seeds').fill('1');
  await expect(dialog.getByTestId('sweep-size')).toHaveText('3 points × 1 seed = 3 runs');
  await dialog.getByTestId('sweep-values').fill('0.002, 0.02, fast');
  await expect(dialog.getByTestId('sweep-size')).toHaveText('Values: "fast" is not a number');
  await dialog.getByTestId('sweep-values').fill('0.002, 0.02, 0.2');
  await page.screenshot({ path: 'test-results/compare-actions-sweep-dialog-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/compare-actions-sweep-dialog-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });
  await dialog.getByTestId('sweep-start').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('compare-subtitle')).toContainText('3 runs');
  await page.getByTestId('view-parallel').click();
  await expect(page.getByTestId('parallel-count')).toHaveText('3 of 3 runs');
  await expect(page.getByTestId('parallel-chart')).toHaveAttribute('data-points', '3');
  await expect(page.getByTestId('parallel-best')).toContainText('lr=', { timeout: 60_000 });
  // Beside it, the scatter of the learning rate against the metric: a point per run.
  await expect(page.getByTestId('scatter-setting')).toHaveValue('0');
  await expect(page.getByTestId('scatter-chart')).toHaveAttribute('data-points', '3', { timeout: 60_000 });
  await expect(page.getByTestId('scatter-chart')).toHaveAttribute('aria-label', /^Scatter of train\.optimizer\.lr against Final .+, 3 runs$/);

  // Brush the learning-rate axis (the first, 70 px in) over its lower part: the runs outside drop out.
  const box = (await page.getByTestId('parallel-chart').boundingBox())!;
  const x = box.x + 70;
  await page.mouse.move(x, box.y + box.height - 40);
  await page.mouse.down();
  await page.mouse.move(x, box.y + box.height - 110, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId('parallel-count')).toHaveText(/^[12] of 3 runs$/);
  await expect(page.getByTestId('parallel-compare')).toBeVisible();

  const saved = await saveChartSvg(page, 'parallel-chart');
  const parsed = await parseSvg(page, saved.text);
  expect(parsed.error).toBeNull();
  expect(parsed.texts).toEqual(expect.arrayContaining(['Runs', 'Best run', 'lr']));
  expect(parsed.texts.some((t) => t.endsWith('loss by setting'))).toBe(true);

  await page.screenshot({ path: 'test-results/compare-actions-parallel-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/compare-actions-parallel-dark.png' });
});

test('Verify re-runs and reports bit-identity; Fork from an epoch changes one setting and compares the child with its parent from there', async ({ page }) => {
  const id = await openOnBaseRun(page);
  await page.getByTestId('verify-button').click();
  await expect(page).toHaveURL(new RegExp(`#/compare\\?runs=${id},[^,]+$`));
  await expect(page.getByTestId('verification')).toContainText('Bit-identical: all 10 epochs', { timeout: 60_000 });

  await page.goto(page.url().replace(/#.*$/, '') + `#/compare?runs=${id}`);
  await page.getByTestId('fork-button').click();
  const dialog = page.getByTestId('fork-dialog');
  await dialog.getByTestId('fork-setting').selectOption('train.optimizer.lr');
  await dialog.getByTestId('field-fork-value').fill('0.01');
  await expect(dialog.getByText('Learning rate is 0.01 already: give another value')).toBeVisible();
  await dialog.getByTestId('field-fork-value').fill('0.1');
  // From epoch: the last or best epoch to start with; any from 1 to the last.
  await expect(dialog.getByTestId('fork-epochs')).toContainText('last (10)');
  await dialog.getByTestId('field-fork-epoch').fill('11');
  await expect(dialog.getByText('Give an epoch from 1 to 10.')).toBeVisible();
  await expect(dialog.getByTestId('fork-ok')).toBeDisabled();
  await dialog.getByTestId('field-fork-epoch').fill('4');
  await page.screenshot({ path: 'test-results/compare-actions-fork-dialog-light.png' });
  await dialog.getByTestId('fork-ok').click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`#/compare\\?runs=${id},[^,]+$`));
  await expect(page.getByTestId('config-diff-row')).toHaveCount(1);
  await expect(page.getByTestId('config-diff-row')).toContainText('train.optimizer.lr');
  await expect(page.getByTestId('compare-row')).toHaveCount(2);
  await expect(page.getByTestId('compare-row').filter({ hasText: 'moons base · fork @4 lr=0.1' })).toHaveCount(1);
  // The child carries on from the parent's epoch 4: its own epochs are 5 to 10, at the new rate.
  const forkId = /runs=[^,]+,([^,&]+)/.exec(page.url())![1]!;
  await expect(async () => {
    const metrics = await askOverPage<{ metrics: { epoch: number; lr: number }[] }>(page, 'runs.metrics', { id: forkId, from: 1 });
    expect(metrics.value!.metrics.map((m) => m.epoch)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(metrics.value!.metrics[0]!.lr).toBe(0.1);
  }).toPass({ timeout: 60_000 });
  // Both ended: the verdict compares them (one run each side), and the chart draws the fork from epoch 4 on.
  await expect(page.getByTestId('compare-row').filter({ hasText: 'fork @4' })).toContainText('@ 10', { timeout: 30_000 });
  await page.screenshot({ path: 'test-results/compare-actions-fork-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/compare-actions-fork-dark.png' });
});
