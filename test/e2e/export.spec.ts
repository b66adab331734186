import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useLabHosts, modelTab } from './browser-host';

/**
 * The Export menu's model formats and the "Take it further" note: a trained run saves a PyTorch script, an
 * ONNX model and safetensors weights as downloads, and the note names each file and the command to run it.
 */
const lab = useLabHosts();

test('a run exports its model as PyTorch, ONNX, Keras and safetensors; Take it further says what each is for', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await lab.open(page, join(lab.dir, 'lab.db'));
  await modelTab(page, 'training');
  await page.getByTestId('field-epochs').fill('5');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('progress-text')).toHaveText('Completed · Epoch 5 of 5');
  const runName = (await page.getByTestId('run-item').first().locator('.name').textContent())!.trim();

  await page.getByTestId('action-more').click();
  await expect(page.getByTestId('export-pytorch')).toHaveText('PyTorch script');
  await page.getByTestId('export-onnx').focus();
  await page.screenshot({ path: 'test-results/export-menu-light.png' });

  const script = page.waitForEvent('download');
  await page.getByTestId('export-pytorch').click();
  const py = await script;
  expect(py.suggestedFilename()).toMatch(/\.py$/);
  expect(readFileSync((await py.path())!, 'utf8')).toContain('return nn.Sequential(');

  for (const [format, suffix] of [['onnx', '.onnx'], ['safetensors', '.safetensors']] as const) {
    const downloading = page.waitForEvent('download');
    await page.getByTestId('action-more').click();
    await page.getByTestId(`export-${format}`).click();
    const file = await downloading;
    expect(file.suggestedFilename().endsWith(suffix)).toBe(true);
    const bytes = readFileSync((await file.path())!);
    // Binary, not base64 text: ONNX starts with field 1 (ir_version, varint 7); safetensors with a u64 length.
    if (format === 'onnx') expect([...bytes.subarray(0, 2)]).toEqual([0x08, 0x07]);
    else expect(bytes.readUInt32LE(4)).toBe(0);
  }

  await page.getByTestId('action-more').click();
  await page.getByTestId('take-it-further-item').click();
  const dialog = page.getByTestId('take-it-further');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('further-pytorch')).toContainText(`torchrun --nproc_per_node=4 ${runName.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '')}.py train data.csv`);
  await page.screenshot({ path: 'test-results/take-it-further-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/take-it-further-dark.png' });
  const keras = page.waitForEvent('download');
  await dialog.getByTestId('further-export-keras').click();
  expect((await keras).suggestedFilename()).toMatch(/_keras\.py$/);
  await page.getByTestId('further-close').click();
  await expect(dialog).not.toBeVisible();
  await page.getByTestId('action-more').click();
  await page.getByTestId('export-onnx').focus();
  await page.screenshot({ path: 'test-results/export-menu-dark.png' });
});
