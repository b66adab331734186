import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { explorers } from '../../src-core/learn/explorers';
import { useLabHosts } from './browser-host';

/**
 * axe-core over every place and main view of the window, in light and dark: no serious or critical violation.
 * The lab is filled first as a user fills it (an imported CSV with its doctor, two trained runs), so the views are
 * scanned with content, not empty.
 */

const lab = useLabHosts();

interface Found {
  view: string;
  scheme: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

async function scan(page: Page, view: string, found: Found[]): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Let the theme's charts redraw before axe reads the colours.
    await page.waitForTimeout(150);
    const result = await new AxeBuilder({ page }).analyze();
    for (const violation of result.violations) {
      if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
      found.push({
        view,
        scheme,
        rule: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} :: ${n.failureSummary?.split('\n').slice(1, 3).join(' ') ?? ''}`),
      });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  console.log(`${view}: ${found.filter((f) => f.view === view).map((f) => `${f.scheme} ${f.rule} ${f.targets.join(' | ')}`).join('\n  ') || 'clean'}`);
}

/** A small CSV with a planted id column, so the doctor has warnings to show. */
function writeFlowers(dir: string): string {
  const species = ['setosa', 'versicolor', 'virginica'];
  const lines = ['row_id,sepal_length,sepal_width,petal_length,petal_width,species'];
  for (let i = 0; i < 90; i++) {
    const k = i % 3;
    const wobble = ((i * 37) % 11) / 20;
    lines.push([i + 1, 5 + k * 0.8 + wobble, 3.2 - k * 0.2 + wobble / 2, 1.5 + k * 2 + wobble, 0.2 + k * 0.9 + wobble / 3, species[k]].join(','));
  }
  const path = join(dir, 'flowers.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function trainOne(page: Page, epochs: number): Promise<string> {
  await page.goto(page.url().replace(/#.*$/, '') + '#/build');
  // A run shown keeps its settings read-only: pick the dataset to edit them.
  await page.getByTestId('dataset-item').first().click();
  await page.getByTestId('field-epochs').fill(String(epochs));
  const before = await page.getByTestId('run-item').count();
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-item')).toHaveCount(before + 1);
  await expect(page.getByTestId('progress-text')).toHaveAttribute('data-status', 'completed');
  return (await page.locator('[data-testid="run-item"][aria-selected="true"]').getAttribute('data-run-id'))!;
}

test('no serious or critical axe violation on any view, light or dark', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await lab.open(page, join(lab.dir, 'lab.db'));
  const base = page.url().replace(/#.*$/, '');
  const go = async (hash: string) => {
    await page.goto(`${base}${hash}`);
    await expect(page.getByTestId('connection')).toHaveText('Connected');
  };
  const found: Found[] = [];

  // Build & train before anything exists, then with a run shown.
  await go('#/build');
  await scan(page, '#/build (empty)', found);
  const first = await trainOne(page, 15);
  const second = await trainOne(page, 25);
  await scan(page, '#/build (a run shown)', found);

  // Data: a bundled dataset's preview, then an imported one with its doctor.
  await go('#/data');
  await scan(page, '#/data', found);
  await page.getByTestId('import-file-input').setInputFiles(writeFlowers(lab.dir));
  await expect(page.getByTestId('dataset-doctor')).toBeVisible();
  await scan(page, '#/data (imported, doctor)', found);
  await go('#/build');
  await page.locator('[data-testid="dataset-item"][data-imported="true"]').click();
  await page.getByTestId('tab-doctor').click();
  await expect(page.getByTestId('dataset-doctor')).toBeVisible();
  await scan(page, '#/build (doctor tab)', found);

  // Runs, one run, its menu and dialogs.
  await go('#/runs');
  await scan(page, '#/runs', found);
  await go(`#/runs/${first}`);
  await expect(page.locator(`[data-testid="run-item"][data-run-id="${first}"]`)).toHaveAttribute('aria-selected', 'true');
  await scan(page, '#/runs/<id>', found);
  await page.getByTestId('action-more').click();
  await expect(page.getByTestId('run-menu')).toBeVisible();
  await scan(page, '#/runs/<id> (more menu)', found);
  await page.getByTestId('take-it-further-item').click();
  await scan(page, '#/runs/<id> (take it further dialog)', found);
  await page.keyboard.press('Escape');
  await page.getByTestId('action-continue').click();
  await expect(page.getByTestId('continue-dialog')).toBeVisible();
  await scan(page, '#/runs/<id> (continue dialog)', found);
  await page.keyboard.press('Escape');
  await page.getByTestId('action-more').click();
  await page.getByTestId('action-delete').click();
  await expect(page.getByTestId('delete-question')).toBeVisible();
  await scan(page, '#/runs/<id> (delete dialog)', found);
  await page.keyboard.press('Escape');

  // Compare with two runs.
  await go(`#/compare?runs=${first},${second}`);
  await expect(page.getByTestId('compare-chart')).toBeVisible();
  await scan(page, '#/compare (2 runs)', found);

  // Learn: the contents and every explorer.
  await go('#/learn');
  await scan(page, '#/learn', found);
  for (const explorer of explorers) {
    await go(`#/learn/${explorer.id}`);
    await expect(page.getByTestId('learn-place')).toBeVisible();
    await page.waitForTimeout(300);
    await scan(page, `#/learn/${explorer.id}`, found);
  }

  const report = found.map((f) => `${f.view} [${f.scheme}] ${f.impact} ${f.rule}: ${f.help}\n    ${f.targets.join('\n    ')}`).join('\n');
  expect(found, report).toEqual([]);
});
