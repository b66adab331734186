import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunDetail } from '../../src-core/contract/training';
import { modelTab, requestOverPage, useLabHosts } from './browser-host';

/**
 * The workbench's training options, code view and Duplicate & edit, through the built browser host: every option
 * set in the form arrives in the stored run, a CLI-made CNN's copy brings back its layers and every setting, and
 * the Build place passes axe with its tabs.
 */

const lab = useLabHosts();

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/${name}.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `test-results/${name}-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });
}

async function runDetail(page: Page, id: string): Promise<RunDetail> {
  const answer = await requestOverPage<RunDetail>(page, 'runs.get', { id });
  expect(answer.ok, answer.error?.message).toBe(true);
  return answer.value!;
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary})`).join(', ')}`)).toEqual([]);
}

const field = (page: Page, id: string) => page.getByTestId(`field-${id}`);

test('every option set in the form arrives in the stored run, and a reload on #/runs/<id> shows it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const host = await lab.open(page, join(lab.dir, 'lab.db'));
  await page.getByTestId('dataset-item').filter({ hasText: 'Two moons' }).click();
  await modelTab(page, 'training');
  await expect(page.getByTestId('split-note')).toContainText('20 % of the rows are held out for validation');

  // The usual options, then the advanced ones behind the disclosure (opened from the keyboard).
  await field(page, 'optimizer').selectOption('sgd');
  await field(page, 'learning-rate').fill('0.05');
  await field(page, 'epochs').fill('12');
  await field(page, 'batch-size').fill('16');
  await field(page, 'seed').fill('1234');
  await page.locator('[data-testid="advanced-options"] > summary').focus();
  await page.keyboard.press('Enter');
  await field(page, 'optimizer-momentum').fill('0.9');
  await field(page, 'optimizer-nesterov').focus();
  await page.keyboard.press('Space');
  await field(page, 'optimizer-weight-decay').fill('0.0001');
  await field(page, 'l2').fill('0.001');
  await field(page, 'clip-norm').fill('2');
  await field(page, 'shuffle').uncheck();
  await field(page, 'schedule-type').selectOption('cosine');
  await field(page, 'schedule-t-max').fill('10');
  await field(page, 'schedule-min-lr').fill('0.001');
  await field(page, 'early-stopping').check();
  await field(page, 'early-stopping-monitor').selectOption('val_loss');
  await field(page, 'early-stopping-patience').fill('30');
  await field(page, 'early-stopping-min-delta').fill('0.0005');
  await field(page, 'early-stopping-restore-best').check();
  await field(page, 'initializer').selectOption('he_normal');

  // A value that cannot work: its own message, and Train off with the reason.
  await field(page, 'optimizer-momentum').fill('1.5');
  await expect(page.getByTestId('error-optimizer-momentum')).toHaveText('must be below 1');
  await expect(page.getByTestId('train-button')).toBeDisabled();
  await expect(page.getByTestId('train-button')).toHaveAttribute('title', 'Fix the training settings: Momentum must be below 1');
  await expect(page.getByTestId('settings-blocker')).toContainText('Momentum must be below 1');
  await field(page, 'optimizer-momentum').fill('0.9');
  await expect(page.getByTestId('train-button')).toBeEnabled();
  await shoot(page, 'workbench-options-form');
  await expectNoSeriousViolations(page);

  // The code view says the same in PyTorch and in Keras.
  await page.getByTestId('model-tab-training').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('model-tab-code')).toBeFocused();
  await expect(page.getByTestId('code-text')).toContainText('torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.0001)');
  await expect(page.getByTestId('code-text')).toContainText('CosineAnnealingLR(optimizer, T_max=10, eta_min=0.001)');
  await expect(page.getByTestId('code-text')).toContainText("nn.init.kaiming_normal_(w, nonlinearity='relu')");
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('code-copy').click();
  await expect(page.getByTestId('code-copied')).toHaveText('Copied to the clipboard');
  expect(await page.evaluate<string>('navigator.clipboard.readText()')).toContain('torch.manual_seed(1234)');
  await page.getByTestId('code-pytorch').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('code-keras')).toBeChecked();
  await expect(page.getByTestId('code-text')).toContainText('keras.optimizers.SGD(learning_rate=0.05, momentum=0.9, nesterov=True, weight_decay=0.0001, clipnorm=2)');
  await expect(page.getByTestId('code-text')).toContainText('restore_best_weights=True');
  await shoot(page, 'workbench-options-code');
  await expectNoSeriousViolations(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousViolations(page);
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByTestId('train-button').click();
  const item = page.getByTestId('run-item').first();
  await expect(item).toHaveAttribute('data-status', 'completed');
  const id = (await item.getAttribute('data-run-id'))!;
  const run = await runDetail(page, id);
  expect(run.train).toEqual({
    loss: 'bce',
    optimizer: { type: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true, weight_decay: 0.0001 },
    epochs: 12,
    batchSize: 16,
    shuffle: false,
    seed: 1234,
    l2: 0.001,
    clipNorm: 2,
    schedule: { type: 'cosine', tMax: 10, minLr: 0.001 },
    earlyStopping: { monitor: 'val_loss', patience: 30, minDelta: 0.0005, restoreBest: true },
  });
  expect(run.seed).toBe(1234);
  // The default initialiser went to the layer without one of its own (the preset's output layer).
  const inits = run.spec.layers.filter((l) => l.type === 'dense').map((l) => ('init' in l ? l.init : undefined));
  expect(inits).toEqual(['he_uniform', 'he_uniform', 'he_normal']);

  // The run by its address, after a reload: its settings read-only, every option shown.
  await page.goto(`${host.url}#/runs/${id}`);
  await page.reload();
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await expect(page.locator(`[data-testid="run-item"][data-run-id="${id}"]`)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('progress-text')).toHaveText('Completed · Epoch 12 of 12');
  await page.getByTestId('nav-build').click();
  await modelTab(page, 'training');
  await expect(page.getByTestId('run-settings')).toBeVisible();
  await expect(field(page, 'optimizer')).toHaveValue('sgd');
  await expect(field(page, 'optimizer-momentum')).toHaveValue('0.9');
  await expect(field(page, 'schedule-type')).toHaveValue('cosine');
  await expect(field(page, 'seed')).toHaveValue('1234');
  await expect(field(page, 'optimizer-momentum')).toHaveAttribute('readonly', '');
  await shoot(page, 'workbench-options-run');
  await expectNoSeriousViolations(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousViolations(page);
  await page.emulateMedia({ colorScheme: 'light' });

  // Exported as a bundle and imported into another lab, its copy brings every option back into the form.
  const bundle = await requestOverPage<{ text: string }>(page, 'runs.export', { id, format: 'bundle' });
  expect(bundle.ok, bundle.error?.message).toBe(true);
  await lab.open(page, join(lab.dir, 'other.db'));
  const imported = await requestOverPage<{ id: string }>(page, 'runs.import', { bundle: bundle.value!.text });
  expect(imported.ok, imported.error?.message).toBe(true);
  await page.reload();
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await page.locator(`[data-testid="run-item"][data-run-id="${imported.value!.id}"]`).click();
  await page.getByTestId('action-duplicate').click();
  await expect(page.getByTestId('model-draft')).toContainText('(copy)');
  await modelTab(page, 'training');
  const restored: Record<string, string> = {
    optimizer: 'sgd',
    'learning-rate': '0.05',
    'optimizer-momentum': '0.9',
    'optimizer-weight-decay': '0.0001',
    epochs: '12',
    'batch-size': '16',
    seed: '1234',
    l2: '0.001',
    'clip-norm': '2',
    'schedule-type': 'cosine',
    'schedule-t-max': '10',
    'schedule-min-lr': '0.001',
    'early-stopping-patience': '30',
    'early-stopping-min-delta': '0.0005',
  };
  for (const [name, value] of Object.entries(restored)) await expect(field(page, name), name).toHaveValue(value);
  await expect(field(page, 'optimizer-nesterov')).toBeChecked();
  await expect(field(page, 'shuffle')).not.toBeChecked();
  await expect(field(page, 'early-stopping-restore-best')).toBeChecked();
});

test('the Data group of an imported table: its split and a column\'s scaling arrive in the stored run and come back with Duplicate & edit', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  copyFileSync(resolve('resources/datasets/iris.csv'), join(lab.dir, 'flowers.csv'));
  await lab.open(page, join(lab.dir, 'lab.db'));
  const imported = await requestOverPage(page, 'datasets.import', { path: join(lab.dir, 'flowers.csv') });
  expect(imported.ok, imported.error?.message).toBe(true);
  await page.reload();
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await page.getByTestId('dataset-item').filter({ hasText: 'flowers' }).click();
  await modelTab(page, 'training');
  const group = page.getByTestId('data-setup');
  await expect(group).toContainText('20 % of the rows are held out for validation, stratified by class');
  await expect(group).toContainText('Scale your inputs: standard for most features');

  // A split that leaves no rows to train on: the test field says so and Train is off.
  await field(page, 'data-validation').fill('60');
  await field(page, 'data-test').fill('40');
  await expect(page.getByTestId('error-data-test')).toContainText('leaves no rows to train on');
  await expect(page.getByTestId('train-button')).toBeDisabled();
  await field(page, 'data-validation').fill('30');
  await field(page, 'data-test').fill('10');
  await page.getByTestId('data-scaling-petal_length_cm').selectOption('minmax');
  await page.getByTestId('data-missing-sepal_width_cm').selectOption('median');
  await expect(group).toContainText('30 % of the rows are held out for validation and 10 % for the test, stratified by class');
  await field(page, 'epochs').fill('3');
  await expect(page.getByTestId('train-button')).toBeEnabled();
  await group.scrollIntoViewIfNeeded();
  await shoot(page, 'workbench-data-setup');
  await expectNoSeriousViolations(page);

  await page.getByTestId('train-button').click();
  const item = page.getByTestId('run-item').first();
  await expect(item).toHaveAttribute('data-status', 'completed');
  const run = await runDetail(page, (await item.getAttribute('data-run-id'))!);
  expect(run.data).toEqual({ validation: 0.3, test: 0.1, columns: { petal_length_cm: { scaling: 'minmax' }, sepal_width_cm: { missing: 'median' } } });
  // 30 % of each of the three classes of 50 is validation: 15 rows a class in the confusion matrix.
  expect(run.confusion!.matrix.map((row) => row.reduce((a, b) => a + b, 0))).toEqual([15, 15, 15]);

  await page.getByTestId('action-duplicate').click();
  await expect(page.getByTestId('model-draft')).toContainText('(copy)');
  await modelTab(page, 'training');
  await expect(field(page, 'data-validation')).toHaveValue('30');
  await expect(field(page, 'data-test')).toHaveValue('10');
  await expect(field(page, 'data-stratified')).toBeChecked();
  await expect(page.getByTestId('data-scaling-petal_length_cm')).toHaveValue('minmax');
  await expect(page.getByTestId('data-missing-sepal_width_cm')).toHaveValue('median');
});

test('Duplicate & edit of a CLI-made CNN run restores its layers and every setting', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  copyFileSync(resolve('resources/datasets/digits.csv'), join(lab.dir, 'digits.csv'));
  const model = {
    input: [1, 8, 8],
    layers: [
      { type: 'conv2d', filters: 4, kernel: 3, padding: 1, init: 'he_uniform' },
      { type: 'relu' },
      { type: 'maxpool2d', size: 2 },
      { type: 'flatten' },
      { type: 'dense', units: 10, init: 'he_uniform' },
      { type: 'softmax' },
    ],
  };
  const train = {
    loss: 'cross_entropy',
    optimizer: { type: 'adamw', lr: 0.002, betas: [0.85, 0.995], weight_decay: 0.02 },
    batchSize: 24,
    epochs: 2,
    seed: 5,
    l1: 0.00001,
    clipNorm: 3,
    shuffle: false,
    schedule: { type: 'step', stepSize: 1, gamma: 0.5 },
    earlyStopping: { monitor: 'val_loss', patience: 2, minDelta: 0.001, restoreBest: true },
  };
  writeFileSync(join(lab.dir, 'run.json'), JSON.stringify({ name: 'cnn from the cli', data: { path: 'digits.csv', target: 'label' }, model, train }));
  const cli = spawnSync(process.execPath, [resolve('bin/nn-lab.mjs'), 'train', '--config', 'run.json', '--db', 'lab.db'], { cwd: lab.dir, encoding: 'utf8' });
  expect(cli.status, cli.stderr).toBe(0);

  await lab.open(page, join(lab.dir, 'lab.db'));
  // The lab keeps the CLI run's data once its file is imported (the same bytes, found by content).
  const imported = await requestOverPage(page, 'datasets.import', { path: join(lab.dir, 'digits.csv') });
  expect(imported.ok, imported.error?.message).toBe(true);
  await page.reload();
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await page.getByTestId('run-item').filter({ hasText: 'cnn from the cli' }).click();
  await page.getByTestId('action-duplicate').click();
  await expect(page.getByTestId('model-draft')).toContainText('Editing a copy of cnn from the cli (copy)');

  // Every setting is back in the form, the advanced ones opened to show them.
  await modelTab(page, 'training');
  const expected: Record<string, string> = {
    loss: 'cross_entropy',
    optimizer: 'adamw',
    'learning-rate': '0.002',
    'optimizer-betas': '0.85, 0.995',
    'optimizer-weight-decay': '0.02',
    'batch-size': '24',
    epochs: '2',
    seed: '5',
    l1: '0.00001',
    'clip-norm': '3',
    'schedule-type': 'step',
    'schedule-step-size': '1',
    'schedule-gamma': '0.5',
    'early-stopping-monitor': 'val_loss',
    'early-stopping-patience': '2',
    'early-stopping-min-delta': '0.001',
    initializer: 'he_uniform',
  };
  await expect(page.getByTestId('advanced-options')).toHaveAttribute('open', '');
  for (const [id, value] of Object.entries(expected)) await expect(field(page, id), id).toHaveValue(id === 'l1' ? '0.00001' : value);
  await expect(field(page, 'shuffle')).not.toBeChecked();
  await expect(field(page, 'early-stopping')).toBeChecked();
  await expect(field(page, 'early-stopping-restore-best')).toBeChecked();
  await shoot(page, 'workbench-options-cli-copy');

  // The layers came with it.
  await modelTab(page, 'network');
  await expect(page.getByTestId('model-layers')).toHaveAccessibleName('Layers, input to output: 1×8×8, 4×8×8 relu, 4×4×4, 64, 10 softmax');
  const rows = page.getByTestId('layer-row');
  await expect(rows.getByTestId('layer-shape')).toHaveText(['4×8×8', '4×8×8', '4×4×4', '64', '10', '10']);
  await expect(rows.getByTestId('layer-params')).toHaveText(['40', '0', '0', '0', '650', '0']);
  await shoot(page, 'workbench-options-network');
  await expectNoSeriousViolations(page);

  // Trained as it is, the copy stores the CLI run's exact set-up.
  await page.getByTestId('train-button').click();
  const copy = page.getByTestId('run-item').filter({ hasText: 'cnn from the cli (copy)' });
  await expect(copy).toHaveAttribute('data-status', /completed/);
  const stored = await runDetail(page, (await copy.getAttribute('data-run-id'))!);
  expect(stored.spec).toEqual(model);
  expect(stored.train).toEqual(train);
});
