import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { startRunsOverPage, useLabHosts } from './browser-host';
import { xorPair } from './xor-pair';

/** Compare's "Open side by side": exactly two checked runs open in the first one's Inside tab, the second beside it. */

const lab = useLabHosts();

const { perceptron, mlp } = xorPair({ perceptron: 20, mlp: 30 });

test('two runs checked, Compare, Open side by side: the Inside tab shows both boundaries on one scrubber', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await lab.open(page, join(lab.dir, 'lab.db'));
  const started = await startRunsOverPage(page, 'XOR', [perceptron, mlp]);
  expect(started.map((s) => s.ok)).toEqual([true, true]);
  const [perceptronId, mlpId] = started.map((s) => s.value!.id);
  await page.goto(page.url().replace(/#.*$/, '') + '#/runs');
  await expect(page.locator('[data-testid="run-item"][data-status="completed"]')).toHaveCount(2, { timeout: 60_000 });
  // Newest first: the MLP, then the perceptron.
  await page.getByTestId('run-item').nth(0).click({ modifiers: ['Control'] });
  await page.getByTestId('run-item').nth(1).click({ modifiers: ['Control'] });
  await expect(page.getByTestId('compare-button')).toHaveText('Compare 2');
  await page.getByTestId('compare-button').click();
  await expect(page.getByTestId('compare-table')).toBeVisible();
  const open = page.getByTestId('open-side-by-side');
  await expect(open).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `test-results/compare-side-by-side-${colorScheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  const runIds = new URL(page.url()).hash.replace(/^#\/compare\?runs=/, '').split(',');
  expect([...runIds].sort()).toEqual([perceptronId, mlpId].sort());
  await open.click();

  await expect(page).toHaveURL(new RegExp(`#/runs/${runIds[0]}\\?beside=${runIds[1]}$`));
  await expect(page.getByTestId('tab-inside')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('inside-compare')).toHaveValue(runIds[1]!);
  const boundaries = page.getByTestId('boundary');
  await expect(boundaries).toHaveCount(2);
  // One scrubber over both: at its first stop both show epoch 1.
  await page.getByTestId('inside-scrub').fill('0');
  expect(await boundaries.evaluateAll((els) => els.map((el) => el.getAttribute('data-epoch')))).toEqual(['1', '1']);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `test-results/compare-side-by-side-inside-${colorScheme}.png` });
  }
  // Picking another run in the list drops the pairing.
  await page.getByTestId('run-item').filter({ hasNotText: runIds[0] === mlpId ? 'XOR MLP' : 'XOR perceptron' }).click();
  await expect(page).toHaveURL(/#\/runs\/[^?]+$/);
});

test('Open side by side is offered for exactly two runs', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await lab.open(page, join(lab.dir, 'lab.db'));
  const started = await startRunsOverPage(page, 'XOR', [perceptron, { ...mlp, name: 'MLP a' }, { ...mlp, name: 'MLP b', train: { ...mlp.train, seed: 2 } }]);
  const ids = started.map((s) => s.value!.id);
  await page.goto(page.url().replace(/#.*$/, '') + `#/compare?runs=${ids.join(',')}`);
  await expect(page.getByTestId('compare-table')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('open-side-by-side')).toHaveCount(0);
});
