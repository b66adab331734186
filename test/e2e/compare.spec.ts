import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { startSweepOverPage, useLabHosts } from './browser-host';

/** Comparing runs as a user would: check them in the run list, open Compare, read the verdict and what differs. */

const lab = useLabHosts();

/** Two learning rates × three seeds on Two moons, started over the page's own connection (as another client would). */
async function startSeededPair(page: Page): Promise<string[]> {
  const started = await startSweepOverPage(page, 'Two moons', {
    name: 'Adam learning rates',
    spec: { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 1 }, { type: 'sigmoid' }] },
    train: { loss: 'bce', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32, epochs: 12 },
    sweep: { strategy: 'grid', parameters: { 'train.optimizer.lr': [0.003, 0.1] }, seeds: [1, 2, 3] },
  });
  expect(started.ok).toBe(true);
  return started.value!.runIds;
}

test('check two seeded configurations in the run list, open Compare, read the verdict and the config diff', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await lab.open(page, join(lab.dir, 'lab.db'));
  const ids = await startSeededPair(page);
  await page.goto(page.url().replace(/#.*$/, '') + '#/runs');
  const items = page.getByTestId('run-item');
  await expect(page.locator('[data-testid="run-item"][data-status="completed"]')).toHaveCount(6, { timeout: 60_000 });

  const compare = page.getByTestId('compare-button');
  await expect(compare).toHaveAttribute('aria-disabled', 'true');
  // "Check tag…" checks the runs carrying a tag.
  await items.nth(1).click();
  await page.getByTestId('tag-input').fill('keep');
  await page.getByTestId('tag-input').press('Enter');
  await expect(page.getByTestId('tag-name')).toHaveText(['keep']);
  await page.getByTestId('check-tag').selectOption('keep');
  await expect(compare).toHaveText('Compare 1');
  await expect(page.getByTestId('run-check').nth(1)).toBeChecked();
  await page.getByTestId('clear-checks').click();
  await expect(compare).toHaveText('Compare');

  // Space on the focused run checks it; Shift-click on the last checks the range; Ctrl-click toggles one off and on.
  await items.first().focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('run-check').first()).toBeChecked();
  await items.last().click({ modifiers: ['Shift'] });
  await expect(page.locator('[data-testid="run-check"]:checked')).toHaveCount(6);
  await items.nth(2).click({ modifiers: ['Control'] });
  await expect(page.locator('[data-testid="run-check"]:checked')).toHaveCount(5);
  await items.nth(2).click({ modifiers: ['Control'] });
  await expect(compare).toHaveText('Compare 6');
  // "Select sweep" unchecks the sweep when all of it is checked, and checks it again.
  await page.getByTestId('check-sweep').click();
  await expect(compare).toHaveAttribute('aria-disabled', 'true');
  await page.getByTestId('check-sweep').click();

  await compare.click();
  await expect(page).toHaveURL(/#\/compare\?runs=/);
  const sentence = page.getByTestId('verdict-sentence');
  await expect(sentence).toContainText('3 seeds');
  await expect(page.getByTestId('verdict-p')).toContainText('paired t-test');
  await expect(page.getByTestId('config-diff-row')).toHaveCount(1);
  await expect(page.getByTestId('config-diff-row')).toContainText('train.optimizer.lr');
  await expect(page.getByTestId('config-diff-row')).toContainText('0.003');
  await expect(page.getByTestId('compare-row')).toHaveCount(6);
  await expect(page.getByTestId('what-changed')).not.toBeEmpty();
  expect(new Set(ids).size).toBe(6);

  // The CSV is the core's, and the chart saves as an SVG naming both groups.
  const csv = page.waitForEvent('download');
  await page.getByTestId('compare-export-csv').click();
  const csvText = await (await csv).createReadStream().then((s) => new Response(s as unknown as ReadableStream).text());
  expect(csvText.split('\n')[0]).toMatch(/^run_id,name,seed,final_/);
  const svg = page.waitForEvent('download');
  await page.getByTestId('compare-chart-save').click();
  await page.getByTestId('compare-chart-save-svg').click();
  const svgText = await (await svg).createReadStream().then((s) => new Response(s as unknown as ReadableStream).text());
  // Chromium's XML parser is strict: a malformed document yields a <parsererror>.
  // Written as page source: this file is compiled without the DOM's types (tsconfig.node.json).
  const parsed = (await page.evaluate(`(() => {
    const doc = new DOMParser().parseFromString(${JSON.stringify(svgText)}, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      namespace: doc.documentElement.namespaceURI,
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent),
    };
  })()`)) as { error: string | null; namespace: string | null; texts: (string | null)[] };
  expect(parsed.error).toBeNull();
  expect(parsed.namespace).toBe('http://www.w3.org/2000/svg');
  expect(parsed.texts).toEqual(expect.arrayContaining(['Validation loss by epoch', 'lr=0.1 (n=3)', 'lr=0.003 (n=3)']));

  await page.screenshot({ path: 'test-results/compare-light.png', fullPage: false });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/compare-dark.png', fullPage: false });
  await page.getByTestId('compare-table').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/compare-dark-table.png' });
  await page.goto(page.url().replace(/#.*$/, '') + '#/runs');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: 'test-results/compare-run-list.png' });
});
