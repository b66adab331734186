import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { useLabHosts } from './browser-host';

/**
 * The Learn explorers drawn from the Learn worker: each visited, run, and read for the number or label that proves
 * its lesson; a screenshot of each in light and dark at 1280×800 under test-results/learn/.
 */

const lab = useLabHosts();

async function visit(page: Page, id: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  const host = await lab.open(page, join(lab.dir, 'lab.db'));
  await page.goto(`${host.url}#/learn/${id}`);
  await expect(page.getByTestId(`explorer-${id}`)).toBeVisible();
}

/** The window at 1280×800 in both schemes; `fullPage` adds the whole page for an explorer taller than the window. */
async function screenshots(page: Page, id: string, ready: () => Promise<void>, fullPage = false): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await ready();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `test-results/learn/${id}-${scheme}.png` });
    if (fullPage) await page.screenshot({ path: `test-results/learn/${id}-${scheme}-full.png`, fullPage: true });
  }
}

test('initialisation: sigmoid + small random shows the gradient std falling by depth; zeros show the symmetry', async ({ page }) => {
  await visit(page, 'initialisation');
  const verdict = page.getByTestId('init-verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'vanishing');
  expect(Number(await verdict.getAttribute('data-ratio'))).toBeLessThan(1e-6);
  await expect(verdict).toContainText('Vanishing');
  await expect(page.getByTestId('init-spread-chart')).toHaveAttribute('data-points', '10');
  await screenshots(page, 'initialisation', async () => {});
  await page.getByTestId('init-scheme').selectOption('zeros');
  await expect(verdict).toHaveAttribute('data-verdict', 'symmetric');
  await page.getByTestId('init-activation').selectOption('tanh');
  await page.getByTestId('init-scheme').selectOption('xavier_normal');
  await page.getByTestId('init-depth').fill('20');
  await expect(verdict).toHaveAttribute('data-verdict', 'steady');
  await expect(page.getByTestId('init-spread-chart')).toHaveAttribute('data-points', '20');
});

test('batch size: 20, 260 and 8 000 steps; per example seen, stochastic gets furthest', async ({ page }) => {
  await visit(page, 'batch-size');
  await expect(page.getByTestId('batch-facts')).toHaveAttribute('data-done', 'true', { timeout: 20_000 });
  await expect(page.getByTestId('batch-full')).toHaveAttribute('data-steps', '20');
  await expect(page.getByTestId('batch-mini')).toHaveAttribute('data-steps', '260');
  await expect(page.getByTestId('batch-stochastic')).toHaveAttribute('data-steps', '8000');
  await expect(page.getByTestId('batch-stochastic')).toContainText('8,000 steps in');
  const last = async (mode: string) => Number(await page.getByTestId(`batch-${mode}`).getAttribute('data-last-loss'));
  expect(await last('stochastic')).toBeLessThan(await last('full'));
  await expect(page.getByTestId('batch-seconds-chart')).toHaveAttribute('data-points', '3');
  await screenshots(page, 'batch-size', async () => {});
});

test('learning rate: too small creeps, about right gets low, too large diverges and says when', async ({ page }) => {
  await visit(page, 'learning-rate');
  await expect(page.getByTestId('lr-too-large')).toHaveAttribute('data-diverged', '3', { timeout: 20_000 });
  await expect(page.getByTestId('lr-too-large')).toContainText('diverged at epoch 3');
  const small = Number(await page.getByTestId('lr-too-small').getAttribute('data-last-loss'));
  const right = Number(await page.getByTestId('lr-about-right').getAttribute('data-last-loss'));
  expect(right).toBeLessThan(small / 5);
  await screenshots(page, 'learning-rate', async () => {});
  // the reader's own rate: 10^0 = 1 diverges too
  await page.getByTestId('lr-yours-slider').fill('0');
  await expect(page.getByTestId('lr-yours-value')).toHaveText('1');
  await expect(page.getByTestId('lr-yours')).toHaveAttribute('data-diverged', /\d+/, { timeout: 20_000 });
});

test('regularisation: with none the gap is widest; L2 and early stopping narrow it; four boundaries drawn', async ({ page }) => {
  await visit(page, 'regularisation');
  const facts = page.getByTestId('reg-facts');
  await expect(facts).toBeVisible({ timeout: 30_000 });
  const none = Number(await facts.getAttribute('data-gap'));
  await expect(page.getByTestId('reg-boundaries').locator('figure')).toHaveCount(4);
  await screenshots(page, 'regularisation', async () => {});
  for (const kind of ['l2', 'early_stopping']) {
    await page.getByTestId(`reg-${kind}`).check();
    await expect(facts).toContainText(kind === 'l2' ? 'L2' : 'Early stopping');
    expect(Number(await facts.getAttribute('data-gap'))).toBeLessThan(none);
  }
});

test('batch norm: without it the deep sigmoid net stays near chance at every rate; with it most rates train', async ({ page }) => {
  await visit(page, 'batch-norm');
  await expect(page.getByTestId('bn-table')).toHaveAttribute('data-done', 'true', { timeout: 30_000 });
  for (const lr of ['0.003', '0.03', '0.3', '3']) {
    expect(Number(await page.getByTestId(`bn-without-${lr}`).getAttribute('data-value'))).toBeLessThan(0.6);
  }
  expect(Number(await page.getByTestId('bn-with-0.3').getAttribute('data-value'))).toBeGreaterThan(0.9);
  await screenshots(page, 'batch-norm', async () => {});
});

test('universal approximation: more units fit the step better; drawn points are fitted', async ({ page }) => {
  await visit(page, 'universal-approximation');
  const facts = page.getByTestId('ua-facts');
  await page.getByTestId('ua-target').selectOption('step');
  await page.getByTestId('ua-units').fill('1');
  await expect(facts).toHaveAttribute('data-units', '1', { timeout: 20_000 });
  const one = Number(await facts.getAttribute('data-loss'));
  await page.getByTestId('ua-units').fill('20');
  await expect(facts).toHaveAttribute('data-units', '20', { timeout: 20_000 });
  expect(Number(await facts.getAttribute('data-loss'))).toBeLessThan(one / 2);
  await page.getByTestId('ua-target').selectOption('sin');
  await page.getByTestId('ua-units').fill('8');
  await expect(facts).toHaveAttribute('data-units', '8', { timeout: 20_000 });
  await screenshots(page, 'universal-approximation', async () => {});
  await page.getByTestId('ua-target').selectOption('drawn');
  await expect(facts).toContainText('Click the plot to place points (0 so far');
  const plot = page.getByTestId('ua-plot');
  const box = (await plot.boundingBox())!;
  for (const [u, v] of [[0.2, 0.3], [0.5, 0.7], [0.8, 0.4]]) await plot.click({ position: { x: box.width * u!, y: box.height * v! } });
  await expect(facts).toContainText('Mean squared error', { timeout: 20_000 });
});

test('gradient checking: the healthy network passes; a layer scaled by 0.9 is caught with every layer below it', async ({ page }) => {
  await visit(page, 'gradient-check');
  const verdict = page.getByTestId('gc-verdict');
  await expect(verdict).toHaveAttribute('data-passed', 'false');
  await expect(verdict).toContainText('Caught');
  await expect(page.getByTestId('gc-layer-0')).toHaveAttribute('data-passed', 'false');
  await expect(page.getByTestId('gc-layer-4')).toHaveAttribute('data-passed', 'true');
  await screenshots(page, 'gradient-check', async () => {});
  await page.getByTestId('gc-layer').selectOption('-1');
  await expect(verdict).toHaveAttribute('data-passed', 'true');
  await expect(verdict).toContainText('Passed');
});

test('debugging checklist: each broken set-up is caught, with its fix', async ({ page }) => {
  await visit(page, 'debugging');
  const codes = { unscaled_inputs: 'unscaled', wrong_labels: 'plateau', nan_in_data: 'missing_values', learning_rate_too_high: 'learning_rate_too_high' };
  for (const [id, code] of Object.entries(codes)) {
    await expect(page.getByTestId(`check-${id}`)).toHaveAttribute('data-code', code, { timeout: 20_000 });
    await expect(page.getByTestId(`check-${id}`)).toContainText('Fix:');
  }
  await screenshots(page, 'debugging', async () => {}, true);
  await page.getByTestId('check-case').selectOption('wrong_labels');
  await page.getByTestId('open-in-workbench').click();
  await expect(page).toHaveURL(/#\/build$/);
  await expect(page.getByText('Learn: checklist, labels encoded wrong')).toBeVisible();
});

test('Keep as runs: the checklist keeps all four broken set-ups and the regularisation its four, on the explorers’ own data, listed in Runs with their tags', async ({ page }) => {
  await visit(page, 'debugging');
  await page.getByTestId('keep-runs').click();
  await expect(page.getByTestId('kept-runs')).toContainText('4 runs queued, tagged explorer:debugging');
  await page.goto(page.url().replace(/#.*$/, '#/learn/regularisation'));
  await expect(page.getByTestId('explorer-regularisation')).toBeVisible();
  await page.getByTestId('keep-runs').click();
  await expect(page.getByTestId('kept-runs')).toContainText('4 runs queued, tagged explorer:regularisation');
  await page.getByTestId('kept-runs').getByRole('link', { name: 'Runs' }).click();
  await expect(page).toHaveURL(/#\/runs/);
  const checklist = page.getByTestId('run-item').filter({ hasText: 'Learn: checklist' });
  await expect(checklist).toHaveCount(4);
  await expect(checklist.getByTestId('run-tags').filter({ hasText: 'explorer:debugging' })).toHaveCount(4);
  for (const name of ['unscaled inputs', 'labels encoded wrong', 'a nan in the data', 'a learning rate far too high']) {
    await expect(checklist.filter({ hasText: `Learn: checklist, ${name}` })).toHaveCount(1);
  }
  const regularisation = page.getByTestId('run-item').filter({ hasText: 'Learn: regularisation' });
  await expect(regularisation).toHaveCount(4);
  await expect(regularisation.getByTestId('run-tags').filter({ hasText: 'explorer:regularisation' })).toHaveCount(4);
  // the workbench opens the NaN case on its bundled set, listed under Learn in Data
  await page.goto(page.url().replace(/#.*$/, '#/learn/debugging'));
  await page.getByTestId('check-case').selectOption('nan_in_data');
  await page.getByTestId('open-in-workbench').click();
  await expect(page).toHaveURL(/#\/build$/);
  await expect(page.getByTestId('model-draft')).toContainText('Learn: checklist, a nan in the data');
  await expect(page.getByRole('option', { name: /^Checklist: a NaN in the data/, selected: true })).toBeVisible();
  await page.goto(page.url().replace(/#.*$/, '#/data'));
  const learn = page.getByTestId('dataset-group-learn').getByTestId('dataset-item');
  await expect(learn).toHaveCount(4);
  await expect(learn.filter({ hasText: 'Checklist: a NaN in the data' })).toHaveCount(1);
  await expect(page.getByTestId('dataset-group-bundled').getByTestId('dataset-item').filter({ hasText: 'Checklist' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/learn/data-learn-group.png' });
});

test('Keep as runs: the explorer’s set-ups are stored as runs tagged with its name, listed in Runs', async ({ page }) => {
  await visit(page, 'batch-size');
  await page.getByTestId('keep-runs').click();
  await expect(page.getByTestId('kept-runs')).toContainText('3 runs queued, tagged explorer:batch-size');
  await page.getByTestId('kept-runs').getByRole('link', { name: 'Runs' }).click();
  await expect(page).toHaveURL(/#\/runs/);
  const items = page.getByTestId('run-item').filter({ hasText: 'Learn: batch' });
  await expect(items).toHaveCount(3);
  await expect(items.getByTestId('run-tags').filter({ hasText: 'explorer:batch-size' })).toHaveCount(3);
});

test('optimizers: Adam’s betas are editable and move its path; the 3-D surface turns', async ({ page }) => {
  await visit(page, 'optimizers');
  const adam = page.getByTestId('racer-loss-adam');
  await expect(adam).toContainText('f = ');
  // the whole explorer (betas row, plot, racers) fits 1280×800 without scrolling, light and dark
  await screenshots(page, 'optimizers', async () => {
    expect(await page.evaluate('document.scrollingElement.scrollHeight')).toBeLessThanOrEqual(800);
    // nor does the place's own scroller (or any other) scroll: name each that does, with how far
    const scrolled = await page.evaluate(`[...document.querySelectorAll('*')]
      .filter((e) => e.scrollHeight > e.clientHeight + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowY))
      .map((e) => e.tagName + '.' + e.className + ' by ' + (e.scrollHeight - e.clientHeight) + ' px')`);
    expect(scrolled).toEqual([]);
  });
  const before = await adam.textContent();
  await page.getByTestId('beta1').fill('0');
  await expect(page.getByTestId('beta1-value')).toHaveText('0.00');
  await expect(adam).not.toHaveText(before!);
  await page.getByTestId('surface-3d').check();
  await expect(page.getByTestId('surface-3d-chart')).toHaveAttribute('data-points', '4');
  await expect(page.getByTestId('race-plot')).toHaveCount(0);
  await page.getByTestId('surface-azimuth').fill('60');
  await screenshots(page, 'optimizers-3d', async () => {});
});
