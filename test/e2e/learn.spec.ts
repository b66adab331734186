import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { useLabHosts } from './browser-host';

/** The Learn place: the table of contents, each explorer built at #/learn/<id>, and "Open in the workbench". */

const lab = useLabHosts();

test('the table of contents lists the 11 explorers and each opens at its own address', async ({ page }) => {
  const host = await lab.open(page, join(lab.dir, 'lab.db'));
  await page.getByTestId('nav-learn').click();
  await expect(page.getByTestId('learn-contents').locator('li')).toHaveCount(11);
  await expect(page.getByTestId('learn-toc').locator('li')).toHaveCount(11);
  await page.getByTestId('contents-activations').click();
  await expect(page).toHaveURL(/#\/learn\/activations$/);
  await expect(page.getByTestId('explorer-activations')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('explorer-activations')).toBeVisible();
  await page.goto(`${host.url}#/learn/nothing-here`);
  await expect(page.getByTestId('learn-contents')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'nothing-here' })).toBeVisible();
});

test('activations: sigmoid’s largest derivative is 0.25, the leaky slope redraws, the temperature flattens softmax', async ({ page }) => {
  const host = await lab.open(page, join(lab.dir, 'lab.db'));
  await page.goto(`${host.url}#/learn/activations`);
  await expect(page.getByTestId('activation-peak')).toContainText('Largest f′ = 0.25 at x = 0.00');
  await expect(page.getByTestId('activation-peak')).toContainText('9.5e-7');
  await page.getByTestId('activation-picker').selectOption('leaky_relu');
  await page.getByTestId('leaky-slope').fill('0.3');
  await expect(page.getByTestId('leaky-slope-value')).toHaveText('0.30');
  await expect(page.getByTestId('activation-peak')).toContainText('Largest f′ = 1');
  await page.getByTestId('temperature').fill('5');
  await expect(page.getByTestId('temperature-value')).toHaveText('5.00');
});

test('optimizers: a click on the plot starts the race there, and Step moves one step', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const host = await lab.open(page, join(lab.dir, 'lab.db'));
  await page.goto(`${host.url}#/learn/optimizers`);
  await page.getByTestId('surface-picker').selectOption('bowl');
  const plot = page.getByTestId('race-plot');
  const box = (await plot.boundingBox())!;
  await plot.click({ position: { x: box.width / 2, y: box.height / 2 } });
  await expect(plot).not.toHaveAttribute('data-start', '-2.50,1.50');
  await page.getByTestId('race-pause').click();
  const before = Number(await page.getByTestId('race-step-count').getAttribute('data-step'));
  expect(before).toBeLessThan(300);
  await page.getByTestId('race-step').click();
  await expect(page.getByTestId('race-step-count')).toHaveAttribute('data-step', String(before + 1));
  await page.getByTestId('race-play').click();
  await expect(page.getByTestId('race-step-count')).toHaveAttribute('data-step', '300', { timeout: 20_000 });
  await expect(page.getByTestId('racer-loss-adam')).toContainText('f = ');
});

test('XOR: trained live in a worker, the perceptron ends below 100 % and the MLP at 100 %', async ({ page }) => {
  const host = await lab.open(page, join(lab.dir, 'lab.db'));
  await page.goto(`${host.url}#/learn/xor`);
  // Live: an epoch before the last is drawn first.
  await expect(page.getByTestId('gate-epoch')).toHaveAttribute('data-done', 'false');
  await expect(page.getByTestId('gate-epoch')).toHaveAttribute('data-done', 'true', { timeout: 20_000 });
  await expect(page.getByTestId('gate-epoch')).toHaveText('epoch 50 of 50');
  const perceptron = Number(await page.getByTestId('perceptron-accuracy').getAttribute('data-value'));
  const mlp = Number(await page.getByTestId('mlp-accuracy').getAttribute('data-value'));
  expect(perceptron).toBeLessThan(1);
  expect(mlp).toBe(1);
  await expect(page.getByTestId('mlp-accuracy')).toHaveText('100.0 %');
  await expect(page.getByTestId('gate-accuracy-chart')).toHaveAttribute('data-points', '50');
  // AND is linearly separable: the perceptron gets there too.
  await page.getByTestId('gate-and').check();
  await expect(page.getByTestId('gate-epoch')).toHaveAttribute('data-done', 'true', { timeout: 20_000 });
  await expect(page.getByTestId('perceptron-accuracy')).toHaveText('100.0 %');
});

test('Open in the workbench loads the explorer’s set-up into Build & train', async ({ page }) => {
  const host = await lab.open(page, join(lab.dir, 'lab.db'));
  await page.goto(`${host.url}#/learn/activations`);
  await page.getByTestId('activation-picker').selectOption('tanh');
  await page.getByTestId('open-in-workbench').click();
  await expect(page).toHaveURL(/#\/build$/);
  await expect(page.getByTestId('train-button')).toBeVisible();
  await expect(page.getByText('Learn: activation tanh')).toBeVisible();
});

test('Learn at 1280×800, light and dark', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const host = await lab.open(page, join(lab.dir, 'lab.db'));
  const routes = { contents: '#/learn', activations: '#/learn/activations', optimizers: '#/learn/optimizers', xor: '#/learn/xor' };
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [name, hash] of Object.entries(routes)) {
      await page.goto(`${host.url}${hash}`);
      await expect(page.getByTestId('connection')).toHaveText('Connected');
      if (name === 'xor') await expect(page.getByTestId('gate-epoch')).toHaveAttribute('data-done', 'true', { timeout: 20_000 });
      await page.waitForTimeout(400);
      await page.screenshot({ path: `test-results/learn/${name}-${scheme}.png` });
    }
  }
});
