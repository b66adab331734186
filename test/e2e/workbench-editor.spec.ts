import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { useLabHosts } from './browser-host';

/**
 * The network editor in the Build & train place: a CNN built from the palette for the digits, the perceptron
 * against an MLP on XOR, an impossible layer refused on that layer, undo/redo, reordering, saved presets.
 */

const lab = useLabHosts();

/** One request over the page's own connection to the host, as another client would ask it. */
async function ask<T>(page: Page, name: string, args: unknown): Promise<T> {
  const answer = (await page.evaluate(
    `(async ([name, args]) => {
    const socket = new WebSocket(location.origin.replace('http', 'ws') + '/api' + location.search);
    await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
    const response = await new Promise((resolve) => {
      socket.addEventListener('message', (message) => {
        const data = JSON.parse(message.data);
        if (data.kind === 'response' && data.id === 1) resolve(data.response);
      });
      socket.send(JSON.stringify({ kind: 'request', id: 1, name, args }));
    });
    socket.close();
    return response;
  })(${JSON.stringify([name, args])})`,
  )) as { ok: boolean; value: T };
  expect(answer.ok).toBe(true);
  return answer.value;
}

/** The stored validation accuracy of each epoch of the newest run. */
async function valAccuracies(page: Page): Promise<number[]> {
  const id = (await page.getByTestId('run-item').first().getAttribute('data-run-id'))!;
  const { metrics } = await ask<{ metrics: { valAccuracy?: number }[] }>(page, 'runs.metrics', { id, from: 1 });
  return metrics.map((m) => m.valAccuracy!);
}
const lastValAccuracy = async (page: Page) => (await valAccuracies(page)).at(-1)!;

const layers = (page: Page) => page.getByTestId('layer-row');
const types = async (page: Page) => layers(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')));

async function pick(page: Page, dataset: string): Promise<void> {
  await page.getByTestId('dataset-item').filter({ hasText: dataset }).click();
  await expect(page.getByTestId('dataset-item').filter({ hasText: dataset })).toHaveAttribute('aria-selected', 'true');
}

async function loadPreset(page: Page, label: string): Promise<void> {
  await page.getByTestId('preset-choice').selectOption({ label });
  await page.getByTestId('preset-apply').click();
}

async function train(page: Page, epochs: string): Promise<void> {
  await page.getByTestId('model-tab-training').click();
  await page.getByTestId('field-epochs').fill(epochs);
  await page.getByTestId('model-tab-network').click();
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('progress-text')).toHaveText(`Completed · Epoch ${epochs} of ${epochs}`, { timeout: 240_000 });
}

async function screenshots(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: `test-results/workbench-editor-${name}-${colorScheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('an impossible layer shows the engine’s message on that layer and keeps Train disabled until fixed', async ({ page }) => {
  await lab.open(page, join(lab.dir, 'lab.db'));
  await pick(page, 'Digits 8×8');
  // The default CNN: conv 3×3 (pad 1) → 8×8, pool → 4×4, conv → 4×4, pool → 2×2.
  await expect(page.getByTestId('layer-input')).toContainText('1×8×8');
  expect((await types(page)).slice(0, 4)).toEqual(['conv2d', 'relu', 'maxpool2d', 'conv2d']);
  await expect(layers(page).nth(0).getByTestId('layer-shape')).toHaveText('8×8×8');
  await expect(layers(page).nth(0).getByTestId('layer-params')).toHaveText('80');
  await expect(page.getByTestId('train-button')).toBeEnabled();

  // The second conv's kernel to 5 without padding on its 4×4 input: fine (4 + 2 = 6 ≥ 5)… then padding 0.
  await layers(page).nth(3).getByTestId('layer-main').click();
  const kernel = layers(page).nth(3).getByTestId('option-kernel');
  await kernel.fill('5');
  await layers(page).nth(3).getByTestId('option-padding').fill('0');
  const message = 'layer 3 (conv2d): kernel 5 is larger than its 4×4 input';
  await expect(layers(page).nth(3).getByTestId('layer-error')).toHaveText(message);
  await expect(page.getByTestId('layer-error')).toHaveCount(1);
  await expect(page.getByTestId('train-button')).toBeDisabled();
  await expect(page.getByTestId('train-button')).toHaveAttribute('title', message);
  // The layers before it keep their shapes; after it there are none.
  await expect(layers(page).nth(2).getByTestId('layer-shape')).toHaveText('8×4×4');
  await expect(layers(page).nth(4).getByTestId('layer-shape')).toHaveText('—');
  await screenshots(page, 'impossible');

  // Text that cannot be a value: its own message under the field, and Train names it too.
  await kernel.fill('2.5');
  await expect(layers(page).nth(3).getByTestId('option-error')).toHaveText('Kernel must be a whole number');
  await expect(page.getByTestId('train-button')).toHaveAttribute('title', 'layer 3 (conv2d): Kernel must be a whole number');

  await kernel.fill('3');
  await expect(page.getByTestId('layer-error')).toHaveCount(0);
  await expect(layers(page).nth(3).getByTestId('layer-shape')).toHaveText('16×2×2');
  await expect(page.getByTestId('train-button')).toBeEnabled();
});

test('layers are added from the palette, moved by keyboard and by drag, removed, and every edit undoes and redoes', async ({ page }) => {
  await lab.open(page, join(lab.dir, 'lab.db'));
  await pick(page, 'XOR');
  await loadPreset(page, 'Logistic / softmax regression');
  expect(await types(page)).toEqual(['dense', 'sigmoid']);
  await expect(page.getByTestId('total-params')).toHaveText('3 params in all');

  // Add after the input: a dense layer, then its activation after it.
  await page.getByTestId('layer-input').click();
  await page.getByTestId('palette-dense').click();
  await page.getByTestId('palette-tanh').click();
  expect(await types(page)).toEqual(['dense', 'tanh', 'dense', 'sigmoid']);
  await expect(layers(page).nth(0).getByTestId('layer-params')).toHaveText('96');
  // Typing a width updates shapes and counts as you type; Ctrl+Z in the field is the field's own.
  const units = layers(page).nth(1).getByTestId('option-units');
  await expect(units).toHaveCount(0);
  await layers(page).nth(0).getByTestId('layer-main').click();
  await layers(page).nth(0).getByTestId('option-units').fill('4');
  await expect(layers(page).nth(0).getByTestId('layer-shape')).toHaveText('4');
  await expect(layers(page).nth(2).getByTestId('layer-params')).toHaveText('5');

  // Alt+↓ on the focused layer moves it; focus follows.
  const tanh = layers(page).nth(1).getByTestId('layer-main');
  await tanh.focus();
  await page.keyboard.press('Alt+ArrowDown');
  expect(await types(page)).toEqual(['dense', 'dense', 'tanh', 'sigmoid']);
  await expect(layers(page).nth(2).getByTestId('layer-main')).toBeFocused();
  await page.keyboard.press('Alt+ArrowUp');
  expect(await types(page)).toEqual(['dense', 'tanh', 'dense', 'sigmoid']);

  // Drag the grip of the sigmoid onto the top half of the first layer.
  await layers(page).nth(3).getByTestId('layer-grip').dragTo(layers(page).nth(0), { targetPosition: { x: 60, y: 3 } });
  expect(await types(page)).toEqual(['sigmoid', 'dense', 'tanh', 'dense']);

  // Undo (Ctrl+Z outside a text field) back through the drag; redo with Ctrl+Shift+Z and Ctrl+Y.
  await page.getByTestId('layer-input').focus();
  await page.keyboard.press('Control+z');
  expect(await types(page)).toEqual(['dense', 'tanh', 'dense', 'sigmoid']);
  await page.keyboard.press('Control+Shift+Z');
  expect(await types(page)).toEqual(['sigmoid', 'dense', 'tanh', 'dense']);
  await page.keyboard.press('Control+z');
  await page.getByTestId('undo').click();
  await page.getByTestId('undo').click();
  expect(await types(page)).toEqual(['dense', 'tanh', 'dense', 'sigmoid']);
  await page.keyboard.press('Control+y');
  await page.keyboard.press('Control+y');

  // Delete on a focused layer removes it.
  await layers(page).nth(0).getByTestId('layer-main').focus();
  await page.keyboard.press('Delete');
  expect(await types(page)).toEqual(['tanh', 'dense', 'sigmoid']);
  await page.getByTestId('undo').click();
  expect(await types(page)).toEqual(['dense', 'tanh', 'dense', 'sigmoid']);
  await page.getByTestId('layer-remove').first().click();
  expect(await types(page)).toEqual(['tanh', 'dense', 'sigmoid']);
});

test('a network saved as a preset is offered again after a reload', async ({ page }) => {
  const host = await lab.open(page, join(lab.dir, 'lab.db'));
  await pick(page, 'XOR');
  await loadPreset(page, 'MLP, 3 hidden layers');
  await page.getByTestId('preset-save-open').click();
  await page.getByTestId('preset-name').fill('Three by 32');
  await page.getByTestId('preset-save').click();
  await loadPreset(page, 'Logistic / softmax regression');
  expect(await types(page)).toEqual(['dense', 'sigmoid']);

  await page.goto(host.url);
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await pick(page, 'XOR');
  await loadPreset(page, 'Three by 32');
  expect(await types(page)).toEqual(['dense', 'relu', 'dense', 'relu', 'dense', 'relu', 'dense', 'sigmoid']);
  // Not for images: its input is 2 values.
  await pick(page, 'Digits 8×8');
  await expect(page.getByTestId('preset-choice').locator('option', { hasText: 'Three by 32' })).toBeDisabled();
});

test('the model column (each tab) has no serious or critical axe violations', async ({ page }) => {
  await lab.open(page, join(lab.dir, 'lab.db'));
  await pick(page, 'Digits 8×8');
  await layers(page).nth(0).getByTestId('layer-main').click();
  for (const tab of ['network', 'training', 'code'] as const) {
    await page.getByTestId(`model-tab-${tab}`).click();
    const { violations } = await new AxeBuilder({ page }).include('.model-column').analyze();
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), tab).toEqual([]);
    await screenshots(page, `tab-${tab}`);
  }
});

test('on XOR the perceptron stays near chance while an MLP reaches 100 %', async ({ page }) => {
  await lab.open(page, join(lab.dir, 'lab.db'));
  await pick(page, 'XOR');
  await page.getByTestId('kind-perceptron').check();
  expect(await types(page)).toEqual(['dense']);
  await expect(page.getByTestId('layer-palette')).toContainText('A perceptron is one layer of step units');
  await train(page, '50');
  // One straight line gets at most three of XOR's four corners (~75 %; a small noisy validation split may read a
  // few points more): the rule keeps flipping it, so it is near chance on average and never near 100 %.
  const perceptron = await valAccuracies(page);
  expect(Math.max(...perceptron)).toBeGreaterThanOrEqual(0.5);
  expect(Math.max(...perceptron)).toBeLessThan(0.9);
  expect(perceptron.reduce((sum, a) => sum + a, 0) / perceptron.length).toBeLessThanOrEqual(0.8);
  await screenshots(page, 'perceptron-xor');

  await pick(page, 'XOR');
  await page.getByTestId('kind-network').check();
  await loadPreset(page, 'MLP, 2 hidden layers');
  await train(page, '100');
  expect(await lastValAccuracy(page)).toBe(1);
});

test('a CNN built from the palette for the digits trains to 95 % validation accuracy', async ({ page }) => {
  await lab.open(page, join(lab.dir, 'lab.db'));
  await pick(page, 'Digits 8×8');
  await loadPreset(page, 'Logistic / softmax regression');
  expect(await types(page)).toEqual(['flatten', 'dense', 'softmax']);

  // conv → relu → pool after the input, then a hidden dense layer after the flatten.
  await page.getByTestId('layer-input').click();
  await page.getByTestId('palette-conv2d').click();
  await layers(page).nth(0).getByTestId('option-filters').fill('16');
  await page.getByTestId('palette-relu').click();
  await page.getByTestId('palette-maxpool2d').click();
  await layers(page).nth(3).getByTestId('layer-main').click();
  await page.getByTestId('palette-dense').click();
  await layers(page).nth(4).getByTestId('option-units').fill('64');
  await page.getByTestId('palette-relu').click();
  expect(await types(page)).toEqual(['conv2d', 'relu', 'maxpool2d', 'flatten', 'dense', 'relu', 'dense', 'softmax']);
  await expect(layers(page).nth(2).getByTestId('layer-shape')).toHaveText('16×4×4');
  await expect(layers(page).nth(3).getByTestId('layer-shape')).toHaveText('256');
  await screenshots(page, 'digits-cnn');

  await page.getByTestId('model-tab-training').click();
  await page.getByTestId('field-learning-rate').fill('0.002');
  await train(page, '12');
  const accuracy = await lastValAccuracy(page);
  expect(accuracy).toBeGreaterThanOrEqual(0.95);
  await screenshots(page, 'digits-cnn-trained');
});

test('the digits’ default CNN trains to 95 % validation accuracy with its default settings', async ({ page }) => {
  await lab.open(page, join(lab.dir, 'lab.db'));
  await pick(page, 'Digits 8×8');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('progress-text')).toHaveText('Completed · Epoch 12 of 12', { timeout: 240_000 });
  expect(await lastValAccuracy(page)).toBeGreaterThanOrEqual(0.95);
});

test('Duplicate & edit loads a run’s layers into the editor; the edited copy trains with them; Discard restores', async ({ page }) => {
  await lab.open(page, join(lab.dir, 'lab.db'));
  await pick(page, 'XOR');
  await loadPreset(page, 'MLP, 1 hidden layer');
  await train(page, '5');
  // The run is shown (its network read-only); the dataset picked again is the editor.
  await expect(page.getByTestId('network-editor')).toHaveCount(0);
  expect(await types(page)).toEqual(['dense', 'relu', 'dense', 'sigmoid']);
  await pick(page, 'XOR');
  await loadPreset(page, 'Logistic / softmax regression');

  await page.getByTestId('run-item').first().click();
  await page.getByTestId('action-duplicate').click();
  await expect(page.getByTestId('model-draft')).toContainText('Editing a copy of XOR #1 (copy)');
  expect(await types(page)).toEqual(['dense', 'relu', 'dense', 'sigmoid']);
  await layers(page).nth(0).getByTestId('layer-main').click();
  await layers(page).nth(0).getByTestId('option-units').fill('8');
  await expect(layers(page).nth(0).getByTestId('layer-params')).toHaveText('24');
  await train(page, '5');
  const id = (await page.getByTestId('run-item').first().getAttribute('data-run-id'))!;
  const detail = await ask<{ name: string; spec: { layers: { type: string; units?: number }[] } }>(page, 'runs.get', { id });
  expect(detail.name).toBe('XOR #1 (copy)');
  expect(detail.spec.layers).toEqual([{ type: 'dense', units: 8, init: 'he_uniform' }, { type: 'relu' }, { type: 'dense', units: 1 }, { type: 'sigmoid' }]);

  await page.getByTestId('run-item').nth(1).click();
  await page.getByTestId('action-duplicate').click();
  await page.getByTestId('model-draft-discard').click();
  expect(await types(page)).toEqual(['dense', 'sigmoid']);
});
