import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRunsOverPage, useLabHosts } from './browser-host';
import { xorPair } from './xor-pair';

/**
 * Inside the network: the XOR perceptron and MLP side by side on one scrubber, replayed from stored snapshots after
 * the host restarts; a confusion cell lists exactly the rows it counts.
 */

const lab = useLabHosts();

const { perceptron, mlp } = xorPair({ perceptron: 40, mlp: 60 });

async function openInside(page: Page): Promise<void> {
  await page.goto(page.url().replace(/#.*$/, '') + '#/runs');
  await expect(page.locator('[data-testid="run-item"][data-status="completed"]')).toHaveCount(2, { timeout: 60_000 });
  await page.getByTestId('run-item').filter({ hasText: 'XOR MLP' }).click();
  await page.getByTestId('tab-inside').click();
  await expect(page.getByTestId('boundary')).toHaveCount(1);
  await page.getByTestId('inside-compare').selectOption({ label: 'XOR perceptron' });
  await expect(page.getByTestId('boundary')).toHaveCount(2);
}

/** Moves the one scrubber to its stop `index` and answers what both boundaries show then. */
async function scrubTo(page: Page, index: number): Promise<{ epochs: string[]; signatures: string[] }> {
  await page.getByTestId('inside-scrub').fill(String(index));
  const boundaries = page.getByTestId('boundary');
  const epochs = await boundaries.evaluateAll((els) => els.map((el) => el.getAttribute('data-epoch') ?? ''));
  const signatures = await boundaries.evaluateAll((els) => els.map((el) => el.getAttribute('data-signature') ?? ''));
  return { epochs, signatures };
}

async function screenshots(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: `test-results/${name}-${colorScheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('the XOR perceptron and MLP side by side; scrubbing replays the stored epochs after the host restarts', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const db = join(lab.dir, 'lab.db');
  const host = await lab.open(page, db);
  const started = await startRunsOverPage(page, 'XOR', [perceptron, mlp]);
  expect(started.map((s) => s.ok)).toEqual([true, true]);
  await openInside(page);

  // Following the newest: the MLP's last epoch, the perceptron's last stored one beside it.
  await expect(page.getByTestId('inside-epoch')).toHaveText('60');
  await expect(page.getByTestId('boundary').first()).toHaveAttribute('data-epoch', '60');
  await expect(page.getByTestId('boundary').nth(1)).toHaveAttribute('data-epoch', '40');
  await screenshots(page, 'inside-replay-boundaries');

  // One scrubber over both runs' stored epochs (first and last always stored; the rest as the time budget allowed).
  const stops = Number(await page.getByTestId('inside-scrub').getAttribute('max'));
  // More with the snapshots' 100 ms floor (dozens on an idle machine), but wall time on a loaded one decides how many:
  // the density is held by test/core/insight/run-snapshot.test.ts on a made-up clock.
  expect(stops).toBeGreaterThanOrEqual(2);
  const stored = await page.getByTestId('inside-scrubber').locator('.count').textContent();
  const first = await scrubTo(page, 0);
  expect(first.epochs).toEqual(['1', '1']);
  await expect(page.getByTestId('inside-epoch')).toHaveText('1');
  const middle = await scrubTo(page, Math.floor(stops / 2));
  const middleEpoch = Number(await page.getByTestId('inside-epoch').textContent());
  expect(middleEpoch).toBeGreaterThan(1);
  expect(middleEpoch).toBeLessThan(60);
  const last = await scrubTo(page, stops);
  expect(last.epochs).toEqual(['60', '40']);
  // The MLP's boundary changes as it learns: epoch 1 is not epoch 60.
  expect(first.signatures[0]).not.toEqual(last.signatures[0]);

  await host.kill();
  const again = await lab.start(db);
  await page.goto(again.url);
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await openInside(page);
  // The same stops replay the same stored grids.
  await expect(page.getByTestId('inside-scrubber').locator('.count')).toHaveText(stored!);
  expect(await scrubTo(page, 0)).toEqual(first);
  expect(await scrubTo(page, Math.floor(stops / 2))).toEqual(middle);
  expect(await scrubTo(page, stops)).toEqual(last);
  await page.getByTestId('inside-scrub').fill('2');
  await page.getByTestId('hidden-section').scrollIntoViewIfNeeded();
  await screenshots(page, 'inside-replay-hidden');
});

test('a confusion cell lists exactly the rows it counts, and every row is in one cell', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await lab.open(page, join(lab.dir, 'lab.db'));
  await startRunsOverPage(page, 'XOR', [perceptron, mlp]);
  await openInside(page);
  await page.getByTestId('inside-compare').selectOption({ label: 'No other run' });
  await page.getByTestId('inside-scrub').fill('1'); // epoch 2: still making mistakes
  const cells = page.getByTestId('confusion-cell');
  await expect(cells).toHaveCount(4);
  const names = ['0', '1'];
  const seen: number[] = [];
  for (let i = 0; i < 4; i++) {
    const cell = cells.nth(i);
    const count = Number(await cell.getAttribute('data-count'));
    const actual = Number(await cell.getAttribute('data-actual'));
    const predicted = Number(await cell.getAttribute('data-predicted'));
    await cell.click();
    const rows = page.getByTestId('cell-rows-row');
    await expect(rows).toHaveCount(count);
    await expect(page.getByTestId('cell-heading')).toContainText(`${count} row`);
    for (const row of await rows.all()) {
      const cellsOfRow = row.locator('td');
      const n = await cellsOfRow.count();
      // The last three columns: true class, predicted class, confidence.
      expect(await cellsOfRow.nth(n - 3).textContent()).toBe(names[actual]);
      expect(await cellsOfRow.nth(n - 2).textContent()).toBe(names[predicted]);
      seen.push(Number(await row.getAttribute('data-row')));
    }
  }
  expect(seen.length).toBe(new Set(seen).size);
  expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: seen.length }, (_, i) => i));
  expect(seen.length).toBe(40); // XOR's 200 rows hold 40 back for validation
  await page.getByTestId('confusion-section').scrollIntoViewIfNeeded();
  await screenshots(page, 'inside-replay-confusion');
});

test('with four features, picking two draws the boundary over them (the others at their median) at every stored epoch', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await lab.open(page, join(lab.dir, 'lab.db'));
  // Iris-like flowers: three species, four measurements.
  let state = 7;
  const random = (): number => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const centres = [[5.0, 3.4, 1.5, 0.2], [5.9, 2.8, 4.3, 1.3], [6.6, 3.0, 5.6, 2.0]];
  const lines = ['sepal_length,sepal_width,petal_length,petal_width,species'];
  for (let i = 0; i < 300; i++) lines.push([...centres[i % 3]!.map((c) => (c + (random() - 0.5) * 0.8).toFixed(2)), ['setosa', 'versicolor', 'virginica'][i % 3]].join(','));
  const path = join(lab.dir, 'flowers.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  await page.goto(page.url().replace(/#.*$/, '') + '#/data');
  await page.getByTestId('import-file-input').setInputFiles(path);
  await expect(page.getByTestId('import-outcome')).toContainText('Imported flowers.csv');
  const [run] = await startRunsOverPage(page, 'flowers.csv', [
    {
      name: 'flowers MLP',
      spec: { input: [4], layers: [{ type: 'dense', units: 8 }, { type: 'relu' }, { type: 'dense', units: 3 }, { type: 'softmax' }] },
      train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.03 }, batchSize: 16, epochs: 40, seed: 1 },
    },
  ]);
  expect(run!.ok).toBe(true);
  await page.goto(page.url().replace(/#.*$/, '') + '#/runs');
  await expect(page.locator('[data-testid="run-item"][data-status="completed"]')).toHaveCount(1, { timeout: 60_000 });
  await page.getByTestId('run-item').first().click();
  await page.getByTestId('tab-inside').click();
  const boundary = page.getByTestId('boundary');
  await expect(boundary).toHaveAttribute('aria-label', /PC1 and PC2/);
  await page.getByTestId('plane-u').selectOption({ label: 'petal_length' });
  await page.getByTestId('plane-v').selectOption({ label: 'petal_width' });
  await expect(boundary).toHaveAttribute('aria-label', /petal_length and petal_width at epoch 40/);
  const last = await boundary.getAttribute('data-signature');
  // Three species over petal length × width once trained: all three classes hold cells.
  expect(last!.split(':')[0]!.split('/').filter((n) => Number(n) > 0)).toHaveLength(3);
  await screenshots(page, 'inside-replay-picked');
  await page.getByTestId('inside-scrub').fill('0');
  await expect(boundary).toHaveAttribute('aria-label', /petal_length and petal_width at epoch 1/);
  await expect(boundary).not.toHaveAttribute('data-signature', last!);
});

test('while a run trains, the boundary is redrawn as new snapshots are stored', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await lab.open(page, join(lab.dir, 'lab.db'));
  const [started] = await startRunsOverPage(page, 'Two moons', [{ ...mlp, name: 'long moons', train: { ...mlp.train, epochs: 5000 } }]);
  expect(started!.ok).toBe(true);
  await page.goto(page.url().replace(/#.*$/, '') + '#/runs');
  await page.getByTestId('run-item').filter({ hasText: 'long moons' }).click();
  await page.getByTestId('tab-inside').click();
  const boundary = page.getByTestId('boundary');
  await expect(boundary).toHaveAttribute('data-epoch', /\d+/);
  const before = Number(await boundary.getAttribute('data-epoch'));
  // Following the newest: a later epoch is drawn without any click.
  await expect.poll(async () => Number(await boundary.getAttribute('data-epoch')), { timeout: 60_000 }).toBeGreaterThan(before);
  await expect(page.getByTestId('inside-follow')).toBeDisabled(); // following the newest, nothing to return to
});
