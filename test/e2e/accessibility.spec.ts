import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { explorers } from '../../src-core/learn/explorers';
import { modelTab, startSweepOverPage, useLabHosts } from './browser-host';

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
  await modelTab(page, 'training');
  await page.getByTestId('field-epochs').fill(String(epochs));
  const before = await page.getByTestId('run-item').count();
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-item')).toHaveCount(before + 1);
  await expect(page.getByTestId('progress-text')).toHaveAttribute('data-status', 'completed');
  return (await page.locator('[data-testid="run-item"][aria-selected="true"]').getAttribute('data-run-id'))!;
}

test('no serious or critical axe violation on any view, light or dark', async ({ page }) => {
  test.setTimeout(600_000);
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

  // Runs (a sweep grouped among them), one run, its menu and dialogs.
  const sweep = await startSweepOverPage(page, 'Two moons', {
    name: 'Learning rates',
    spec: { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 1 }, { type: 'sigmoid' }] },
    train: { loss: 'bce', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32, epochs: 10 },
    sweep: { strategy: 'grid', parameters: { 'train.optimizer.lr': [0.01, 0.1] }, seeds: [1] },
  });
  expect(sweep.ok).toBe(true);
  await go('#/runs');
  await expect(page.getByTestId('sweep-group')).toBeVisible();
  await expect(page.locator('[data-testid="run-item"][data-status="completed"]')).toHaveCount(4);
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

/** An element as the report names it. */
const describeElement = `(el) => el.getAttribute('data-testid') || el.getAttribute('aria-label') || (el.tagName.toLowerCase() + ':' + (el.textContent || '').trim().slice(0, 30))`;

/**
 * Presses Tab from the top of the page until focus leaves it, noting each element focused and whether it shows a
 * focus ring. Answers the stops in the order Tab reached them; the same stops in the page's reading order;
 * and the visible, enabled controls that are Tab stops (a roving list or radio group counts once) never reached.
 */
async function walkTabs(page: Page): Promise<{ reached: string[]; readingOrder: string[]; unringed: string[]; missed: string[] }> {
  await page.evaluate(`document.querySelectorAll('[data-tab-walk]').forEach((el) => delete el.dataset.tabWalk)`);
  // Start from the top of the page: a focusable-by-script mark before everything else (not itself a Tab stop).
  await page.evaluate(`(() => {
    const start = document.createElement('div');
    start.tabIndex = -1;
    start.id = 'tab-walk-start';
    document.body.prepend(start);
    start.focus();
  })()`);
  const reached: { key: string; name: string }[] = [];
  const unringed: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < 250; i++) {
    await page.keyboard.press('Tab');
    const state = (await page.evaluate(`(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      if (!el.dataset.tabWalk) el.dataset.tabWalk = String(Math.random());
      const style = getComputedStyle(el);
      const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
      return { key: el.dataset.tabWalk, name: (${describeElement})(el), ring };
    })()`)) as { key: string; name: string; ring: boolean } | null;
    // Past the last stop focus leaves the page (or stays on the last element): the walk is done.
    if (!state || seen.has(state.key)) break;
    seen.add(state.key);
    reached.push(state);
    if (!state.ring) unringed.push(state.name);
  }
  await page.evaluate(`document.getElementById('tab-walk-start')?.remove()`);
  const readingOrder = (await page.evaluate(`[...document.querySelectorAll('[data-tab-walk]')].map((el) => el.dataset.tabWalk)`)) as string[];
  const nameOf = new Map(reached.map((r) => [r.key, r.name]));
  const missed = (await page.evaluate(`(() => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]';
    return [...document.querySelectorAll(selector)]
      .filter((el) => !el.disabled && el.tabIndex >= 0 && !el.dataset.tabWalk && el.getClientRects().length > 0)
      .filter((el) => getComputedStyle(el).visibility !== 'hidden' && !el.closest('[inert], [aria-hidden="true"]'))
      // Inside a closed <details> a control has boxes but is not rendered (content-visibility): not a stop until opened.
      .filter((el) => el.checkVisibility({ contentVisibilityAuto: true }))
      // A radio group is one Tab stop; the arrow keys move within it.
      .filter((el) => !(el.type === 'radio' && document.querySelector('input[type=radio][name="' + el.name + '"][data-tab-walk]')))
      .map(${describeElement});
  })()`)) as string[];
  return { reached: reached.map((r) => r.name), readingOrder: readingOrder.map((key) => nameOf.get(key)!), unringed, missed };
}

test('every control of every place is reached by Tab, in order, and shows where focus is', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await lab.open(page, join(lab.dir, 'lab.db'));
  const base = page.url().replace(/#.*$/, '');
  const first = await trainOne(page, 10);
  const second = await trainOne(page, 12);
  const problems: string[] = [];
  await page.getByTestId('import-file-input').setInputFiles(writeFlowers(lab.dir));
  await expect(page.getByTestId('dataset-doctor')).toBeVisible();
  const imported = page.locator('[data-testid="dataset-item"][data-imported="true"]');
  const views: [string, (() => Promise<void>)?][] = [
    ['#/build'],
    // The model panel editable, for a dataset picked (with a run shown it is read-only).
    ['#/build (a dataset picked)', () => page.getByTestId('dataset-item').first().click()],
    ['#/build (the doctor tab)', async () => {
      await imported.click();
      await page.getByTestId('tab-doctor').click();
    }],
    ['#/data'],
    ['#/data (imported, doctor)', () => imported.click()],
    [`#/runs/${first}`],
    [`#/compare?runs=${first},${second}`],
    ['#/learn'],
    ['#/learn/activations'],
    ['#/learn/optimizers'],
    ['#/learn/xor'],
  ];
  for (const [view, prepare] of views) {
    const hash = view.split(' ')[0]!;
    await page.goto(`${base}${hash}`);
    await expect(page.getByTestId('connection')).toHaveText('Connected');
    await prepare?.();
    await page.waitForTimeout(300);
    const walk = await walkTabs(page);
    console.log(`${view}: ${walk.reached.length} Tab stops: ${walk.reached.join(' › ')}`);
    if (walk.unringed.length) problems.push(`${view}: no visible focus on ${walk.unringed.join(', ')}`);
    if (walk.missed.length) problems.push(`${view}: never reached by Tab: ${walk.missed.join(', ')}`);
    // Tab follows the reading order (no tabindex jumps), the navigation bar first.
    expect(walk.reached, view).toEqual(walk.readingOrder);
    expect(walk.reached.slice(0, 4), view).toEqual(['nav-data', 'nav-build', 'nav-runs', 'nav-learn']);
  }
  expect(problems).toEqual([]);

  // What a mouse does on a chart, the keyboard does too: save the curve as PNG, move the optimizers' start.
  await page.goto(`${base}#/runs/${first}`);
  await page.getByTestId('metrics-chart-save').focus();
  await expect(page.getByTestId('metrics-chart-save')).toBeVisible();
  await page.keyboard.press('Enter');
  await page.getByTestId('metrics-chart-save-png').focus();
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toMatch(/^nn-lab-.+\.png$/);
  await page.goto(`${base}#/learn/optimizers`);
  const plot = page.getByTestId('race-plot');
  const before = (await plot.getAttribute('data-start'))!;
  await plot.focus();
  await page.keyboard.press('ArrowRight');
  await expect(plot).not.toHaveAttribute('data-start', before);
  expect((await plot.getAttribute('data-start'))!.split(',')[1]).toBe(before.split(',')[1]);
});
