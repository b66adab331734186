import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { requestOverPage, useLabHosts } from './browser-host';

/** A run whose data set-up holds out a test split shows the final model's score there, labelled as such; others do not. */

const lab = useLabHosts();

async function start(page: Page, name: string, data?: unknown): Promise<string> {
  const answer = await requestOverPage<{ id: string }>(page, 'runs.start', {
    datasetId: 'iris',
    name,
    spec: { input: [4], layers: [{ type: 'dense', units: 16 }, { type: 'relu' }, { type: 'dense', units: 3 }, { type: 'softmax' }] },
    train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.02 }, batchSize: 16, epochs: 30, seed: 2 },
    ...(data ? { data } : {}),
  });
  expect(answer.ok).toBe(true);
  return answer.value!.id;
}

async function show(page: Page, id: string): Promise<void> {
  await page.locator(`[data-testid="run-item"][data-run-id="${id}"]`).click();
  await expect(page.getByTestId('progress-text')).toHaveAttribute('data-status', 'completed', { timeout: 90_000 });
}

test('Iris with 20 % held out for test: the run pane shows "Test (held out)" with the stored accuracy and loss', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await lab.open(page, join(lab.dir, 'lab.db'));
  const withTest = await start(page, 'Iris with a test split', { validation: 0.2, test: 0.2 });
  const without = await start(page, 'Iris without one');
  await page.goto(page.url().replace(/#.*$/, '') + '#/runs');
  await show(page, withTest);
  const detail = (await requestOverPage<{ test?: { rows: number; loss: number; accuracy?: number }; testConfusion?: number[][] }>(page, 'runs.get', { id: withTest })).value!;
  expect(detail.test!.rows).toBe(30);
  const tile = page.getByTestId('stat-test');
  await expect(tile).toContainText('Test (held out)');
  await expect(page.getByTestId('stat-test-value')).toHaveText(`${(detail.test!.accuracy! * 100).toFixed(1)}%`);
  await expect(page.getByTestId('stat-test-detail')).toHaveText(`loss ${detail.test!.loss.toFixed(4)} · 30 rows`);
  // The test confusion matrix counts those 30 rows, 10 of each species (stratified), shown below the curves.
  expect(detail.testConfusion!.map((row) => row.reduce((a, b) => a + b, 0))).toEqual([10, 10, 10]);
  const matrix = page.getByTestId('test-confusion');
  await expect(matrix.getByTestId('test-cell')).toHaveText(detail.testConfusion!.flat().map(String));
  await expect(matrix.getByTestId('test-accuracy')).toHaveText(`${(detail.test!.accuracy! * 100).toFixed(1)}%`);
  await expect(matrix.getByRole('columnheader', { name: 'setosa' })).toBeVisible();
  await matrix.scrollIntoViewIfNeeded();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `test-results/run-test-split-${colorScheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await show(page, without);
  await expect(page.getByTestId('run-stats')).toBeVisible();
  await expect(page.getByTestId('stat-test')).toHaveCount(0);
  await expect(page.getByTestId('test-confusion')).toHaveCount(0);
});
