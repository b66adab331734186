import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import type { EpochMetrics } from '../../src-core/contract/training';
import { openStore } from '../../src-main/store/lab-store';
import { formatLoss, formatPercent, formatSeconds } from '../../src-renderer/lib/format';
import { storeLongRun } from '../support/long-run';
import { useLabHosts } from './browser-host';

/**
 * Long runs (issue 13's goals at 50,000 epochs a run): Compare and the run page open on them and show the exact
 * final and best values, computed from every epoch (the curves are thinned for drawing, the numbers are not).
 */
const lab = useLabHosts();

const best = (metrics: readonly EpochMetrics[], key: 'valLoss' | 'accuracy', direction: 'min' | 'max'): EpochMetrics =>
  metrics.reduce((b, m) => ((direction === 'min' ? m[key]! < b[key]! : m[key]! > b[key]!) ? m : b));

test('Compare and the run page open on two 50,000-epoch runs with their exact final and best values', async ({ page }) => {
  test.setTimeout(180_000);
  const databasePath = join(lab.dir, 'lab.db');
  const store = openStore(databasePath);
  const a = storeLongRun(store, { id: 'long-a', name: 'long run a', epochs: 50_000, seed: 1, lr: 0.01, dipEpoch: 31_337 });
  const b = storeLongRun(store, { id: 'long-b', name: 'long run b', epochs: 50_000, seed: 2, lr: 0.05 });
  store.close();
  await lab.open(page, databasePath);

  await page.evaluate("void (location.hash = '#/compare?runs=long-a,long-b')");
  await expect(page.getByTestId('compare-subtitle')).toContainText('2 runs');
  await expect(page.locator('[data-testid="compare-chart"][data-drawn]')).toBeAttached();
  const rows = page.getByTestId('compare-row');
  await expect(rows).toHaveCount(2);
  for (const [name, metrics] of [['long run a', a], ['long run b', b]] as const) {
    const row = rows.filter({ hasText: name });
    const last = metrics.at(-1)!;
    const lowest = best(metrics, 'valLoss', 'min');
    await expect(row.locator('td').nth(1)).toHaveText(`${formatLoss(last.valLoss)} @ ${last.epoch}`);
    await expect(row.locator('td').nth(2)).toHaveText(`${formatLoss(lowest.valLoss)} @ ${lowest.epoch}`);
  }
  // Run a's best is its one dip at epoch 31,337: the table counts every epoch.
  await expect(rows.filter({ hasText: 'long run a' }).locator('td').nth(2)).toHaveText(`${formatLoss(0.01)} @ 31337`);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/long-run-compare-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });

  await page.evaluate("void (location.hash = '#/runs/long-a')");
  const stats = page.getByTestId('run-stats');
  await expect(page.getByTestId('stat-accuracy')).toHaveText(formatPercent(a.at(-1)!.accuracy));
  await expect(stats).toContainText(formatLoss(a.at(-1)!.loss));
  await expect(stats).toContainText(new RegExp(`Best accuracy\\s*${formatPercent(best(a, 'accuracy', 'max').accuracy).replace('.', '\\.')}`));
  await expect(stats).toContainText(formatSeconds(a.reduce((sum, m) => sum + m.seconds, 0)));
  await expect(page.locator('[data-testid="metrics-chart"][data-drawn]')).toBeAttached();
  await expect(page.getByTestId('metrics-chart')).toHaveAttribute('aria-label', /50000 epochs plotted/);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/long-run-page-${scheme}.png` });
  }
});
