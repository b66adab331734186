import { expect, test, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSweepOverPage, useLabHosts, modelTab } from './browser-host';

/**
 * A run's life as a user manages it in the browser host: tags and notes that last, search, re-run, continue,
 * export, delete with confirmation, pause and resume, and the notice about a corrupt database set aside.
 */

const lab = useLabHosts();
const openLab = (page: Page, databasePath: string) => lab.open(page, databasePath);

const runItem = (page: Page, id: string) => page.locator(`[data-testid="run-item"][data-run-id="${id}"]`);

test('tags and notes last, search finds by tag, re-run, continue, export CSV, and delete with confirmation', async ({ page }) => {
  await openLab(page, join(lab.dir, 'lab.db'));
  await modelTab(page, 'training');
  await page.getByTestId('field-epochs').fill('40');
  await page.getByTestId('train-button').click();
  const progress = page.getByTestId('progress-text');
  await expect(progress).toHaveText('Completed · Epoch 40 of 40');
  const first = page.getByTestId('run-item').first();
  const runId = (await first.getAttribute('data-run-id'))!;
  const runName = (await first.locator('.name').textContent())!.trim();

  // Tag it and write a note (Ctrl+Enter saves the note and does not start a run).
  await page.getByTestId('tag-input').fill('baseline');
  await page.getByTestId('tag-input').press('Enter');
  await expect(page.getByTestId('tag-name')).toHaveText(['baseline']);
  await page.getByTestId('run-notes').fill('The default MLP, for comparison');
  await page.getByTestId('run-notes').press('Control+Enter');
  await expect(page.getByTestId('notes-state')).toHaveText('Saved');
  await expect(page.getByTestId('run-item')).toHaveCount(1);

  // Both are stored: they are back after a reload.
  await page.reload();
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await expect(runItem(page, runId)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('tag-name')).toHaveText(['baseline']);
  await expect(page.getByTestId('run-notes')).toHaveValue('The default MLP, for comparison');

  // Re-run: a new run with the same settings, whose header says where it came from.
  await page.getByTestId('action-rerun').click();
  await expect(page.getByTestId('run-item')).toHaveCount(2);
  await expect(progress).toHaveText('Completed · Epoch 40 of 40');
  const rerun = page.getByTestId('run-item').first();
  const rerunId = (await rerun.getAttribute('data-run-id'))!;
  const rerunName = (await rerun.locator('.name').textContent())!.trim();
  expect(rerunId).not.toBe(runId);
  await expect(page.getByTestId('run-lineage')).toHaveText(`re-run of ${runName}`);

  // Searching by the tag finds the tagged run alone (the service filters).
  await page.getByTestId('run-filter-tag').selectOption('baseline');
  await expect(page.getByTestId('run-search-count')).toHaveText('1 run found');
  await expect(page.getByTestId('run-item')).toHaveCount(1);
  await expect(runItem(page, runId)).toBeVisible();
  await page.getByTestId('run-filter-tag').selectOption('');
  await expect(page.getByTestId('run-item')).toHaveCount(2);

  // The lineage link selects the parent; continue it for 5 more epochs: they number on from 41.
  await page.getByTestId('run-parent-link').click();
  await expect(runItem(page, runId)).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('action-continue').click();
  const continueDialog = page.getByTestId('continue-dialog');
  await expect(continueDialog).toBeVisible();
  await page.getByTestId('field-continue-epochs').fill('0');
  await expect(page.getByTestId('error-continue-epochs')).toHaveText('Epochs must be a whole number from 1 to 100,000');
  await expect(page.getByTestId('continue-ok')).toBeDisabled();
  await page.getByTestId('field-continue-epochs').fill('5');
  await page.getByTestId('continue-ok').click();
  await expect(continueDialog).not.toBeVisible();
  await expect(page.getByTestId('run-item')).toHaveCount(3);
  await expect(progress).toHaveText('Completed · Epoch 45 of 45');
  await expect(page.getByTestId('metrics-chart')).toHaveAttribute('data-points', '5');
  await expect(page.getByTestId('run-lineage')).toHaveText(`continued from ${runName}`);
  const continuedId = (await page.getByTestId('run-item').first().getAttribute('data-run-id'))!;
  await page.setViewportSize({ width: 1280, height: 1000 }); // room for the run list below the model panel
  await page.getByTestId('tag-input').focus();
  await page.screenshot({ path: 'test-results/runs.png' });

  // Export the continued run's metrics as CSV: a file downloads, with the header line and epochs 41..45.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('action-more').click();
  await page.getByTestId('export-csv').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const lines = readFileSync((await download.path())!, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('epoch,loss,accuracy,val_loss,val_accuracy,lr,seconds');
  expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['41', '42', '43', '44', '45']);

  // Delete the re-run from the keyboard: Escape cancels, confirming removes it for good.
  await runItem(page, rerunId).click();
  await runItem(page, rerunId).press('Delete');
  const confirm = page.getByTestId('confirm-dialog');
  await expect(confirm).toBeVisible();
  await expect(page.getByTestId('delete-question')).toHaveText(`Delete run ${rerunName} and its metrics and weights? This cannot be undone.`);
  await page.keyboard.press('Escape');
  await expect(confirm).not.toBeVisible();
  await expect(runItem(page, rerunId)).toBeFocused();
  await expect(page.getByTestId('run-item')).toHaveCount(3);
  await runItem(page, rerunId).press('Delete');
  await page.getByTestId('confirm-ok').click();
  await expect(confirm).not.toBeVisible();
  await expect(runItem(page, rerunId)).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await expect(runItem(page, continuedId)).toBeVisible();
  await expect(page.getByTestId('run-item')).toHaveCount(2);
  await expect(runItem(page, rerunId)).toHaveCount(0);
});

test("a CLI run's Re-run offers to import the file it trained on, then re-runs on the imported data", async ({ page }) => {
  const db = join(lab.dir, 'lab.db');
  const rows = ['x,y,label', ...Array.from({ length: 80 }, (_, i) => `${((i * 37) % 17) / 4 + (i % 2) * 3},${((i * 53) % 13) / 4},${i % 2 ? 'b' : 'a'}`)];
  writeFileSync(join(lab.dir, 'blobs.csv'), `${rows.join('\n')}\n`);
  const model = { input: [2], layers: [{ type: 'dense', units: 6 }, { type: 'tanh' }, { type: 'dense', units: 2 }, { type: 'softmax' }] };
  const train = { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.05 }, batchSize: 16, epochs: 5, seed: 3 };
  writeFileSync(join(lab.dir, 'run.json'), JSON.stringify({ name: 'from the cli', data: { path: 'blobs.csv', target: 'label' }, model, train }));
  const trained = spawnSync(process.execPath, [join(process.cwd(), 'out/main/cli.js'), 'train', '--config', 'run.json', '--db', 'lab.db'], { cwd: lab.dir, encoding: 'utf8' });
  expect(trained.status, trained.stderr).toBe(0);

  await openLab(page, db);
  const cliRun = page.getByTestId('run-item').first();
  await expect(cliRun.locator('.name')).toHaveText('from the cli');
  await cliRun.click();
  await page.getByTestId('action-rerun').click();
  const toast = page.getByTestId('error-toast').filter({ hasText: 'is not stored in this lab' });
  await expect(toast).toContainText(join(lab.dir, 'blobs.csv'));
  await expect(toast.getByTestId('toast-action')).toHaveText('Import blobs.csv…');
  await page.screenshot({ path: 'test-results/runs-cli-data-missing.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/runs-cli-data-missing-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  await toast.getByTestId('toast-action').click();
  await expect(page.getByTestId('import-outcome')).toContainText('Imported blobs.csv');
  await expect(toast).toHaveCount(0);
  await page.getByTestId('tab-training').click(); // the import showed the new dataset's doctor
  await page.getByTestId('run-item').first().click();
  await page.getByTestId('action-rerun').click();
  await expect(page.getByTestId('run-item')).toHaveCount(2);
  await expect(page.getByTestId('run-item').first().locator('.name')).toHaveText('from the cli (re-run)');
  await expect(page.getByTestId('progress-text')).toHaveText('Completed · Epoch 5 of 5');
});

test('a long run pauses and resumes from the toolbar, with Pause and Resume offered only when they fit', async ({ page }) => {
  await openLab(page, join(lab.dir, 'lab.db'));
  await modelTab(page, 'training');
  await page.getByTestId('field-epochs').fill('100000');
  await page.getByTestId('train-button').click();
  const progress = page.getByTestId('progress-text');
  await expect(progress).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('action-continue')).toBeDisabled();
  await expect(page.getByTestId('action-continue')).toHaveAttribute('title', 'Continue is for runs that have ended');

  await page.getByTestId('action-pause').click();
  await expect(page.getByTestId('run-item').first()).toHaveAttribute('data-status', 'paused');
  await expect(progress).toHaveAttribute('data-status', 'paused');
  // Resumed, training moves on from the epoch it paused at.
  const pausedAt = await progress.getAttribute('data-epoch');
  await page.getByTestId('action-resume').click();
  await expect(page.getByTestId('run-item').first()).toHaveAttribute('data-status', 'running');
  await expect(progress).not.toHaveAttribute('data-epoch', pausedAt!);

  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-item').first()).toHaveAttribute('data-status', 'stopped');
  await expect(page.getByTestId('action-pause')).toBeDisabled();
  await expect(page.getByTestId('action-pause')).toHaveAttribute('title', 'Only a running run can be paused');
  await expect(page.getByTestId('action-continue')).toBeEnabled();
});

test('a corrupt database is set aside and the banner names where it went until dismissed', async ({ page }) => {
  const databasePath = join(lab.dir, 'lab.db');
  writeFileSync(databasePath, randomBytes(4096));
  await openLab(page, databasePath);
  const notice = page.getByTestId('app-notice');
  await expect(notice).toContainText(`Your run database could not be read and was set aside as ${databasePath}.corrupt-`);
  await expect(notice).toContainText('NN Lab started a new one.');
  await expect(page.getByTestId('run-list')).toContainText('No runs yet');
  await page.getByTestId('app-notice-dismiss').click();
  await expect(notice).toHaveCount(0);
});

test('Duplicate & edit loads the run into the model panel; Train starts the edited copy with the same seed', async ({ page }) => {
  await openLab(page, join(lab.dir, 'lab.db'));
  await modelTab(page, 'training');
  await page.getByTestId('field-epochs').fill('20');
  await page.getByTestId('field-learning-rate').fill('0.05');
  await page.getByTestId('train-button').click();
  const progress = page.getByTestId('progress-text');
  await expect(progress).toHaveText('Completed · Epoch 20 of 20');
  const seed = /seed \d+/.exec((await page.locator('.subtitle').textContent())!)![0];

  // The form (the dataset's, the run shows its own settings read-only) goes back to other values, then the copy
  // of the run brings the run's own.
  await page.getByTestId('dataset-item').filter({ hasText: 'Two moons' }).click();
  await modelTab(page, 'training');
  await page.getByTestId('field-epochs').fill('200');
  await page.getByTestId('field-learning-rate').fill('0.01');
  await page.getByTestId('run-item').first().click();
  await page.getByTestId('action-duplicate').click();
  await expect(page.getByTestId('model-draft')).toContainText('Editing a copy of Two moons #1 (copy)');
  await expect(page.getByTestId('field-epochs')).toHaveValue('20');
  await expect(page.getByTestId('field-learning-rate')).toHaveValue('0.05');

  await modelTab(page, 'training');

  await page.getByTestId('field-epochs').fill('30');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-item')).toHaveCount(2);
  await expect(progress).toHaveText('Completed · Epoch 30 of 30');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Two moons #1 (copy)');
  await expect(page.locator('.subtitle')).toContainText(`lr 0.05, batch 32, BCE loss, ${seed}`);
});

test('a run bundle exported from one lab imports into another; a file that is not a bundle says why', async ({ page }) => {
  await openLab(page, join(lab.dir, 'first.db'));
  await modelTab(page, 'training');
  await page.getByTestId('field-epochs').fill('30');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('progress-text')).toHaveText('Completed · Epoch 30 of 30');
  const runId = (await page.getByTestId('run-item').first().getAttribute('data-run-id'))!;

  // The "⋯" menu from the keyboard: ArrowDown opens it on its first item.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('action-more').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('export-bundle')).toBeFocused();
  await page.keyboard.press('Enter');
  const bundlePath = join(lab.dir, 'run.nn-lab-run.json');
  await (await downloading).saveAs(bundlePath);
  await expect(page.getByTestId('run-menu')).toHaveCount(0);

  await openLab(page, join(lab.dir, 'second.db'));
  await expect(page.getByTestId('run-list')).toContainText('No runs yet');
  const badPath = join(lab.dir, 'notes.json');
  writeFileSync(badPath, '{"hello": "world"}\n');
  for (const [file, check] of [
    [badPath, async () => {
      const toast = page.getByTestId('error-toast').filter({ hasText: 'Could not import notes.json' });
      await expect(toast).toContainText('Could not import notes.json: This is not an NN Lab run bundle');
      await expect(toast).not.toContainText(/\bat .+:\d+:\d+/);
      await expect(page.getByTestId('run-list')).toContainText('No runs yet');
    }],
    [bundlePath, async () => {
      await expect(runItem(page, runId)).toHaveAttribute('data-status', 'completed');
      await expect(page.getByTestId('metrics-chart')).toHaveAttribute('data-points', '30');
    }],
  ] as const) {
    const choosing = page.waitForEvent('filechooser');
    await page.getByTestId('action-more').click();
    await page.getByTestId('import-bundle').click();
    await (await choosing).setFiles(file);
    await check();
  }

  // Right-clicking a run opens the same menu.
  await runItem(page, runId).click({ button: 'right' });
  await expect(page.getByTestId('run-menu')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('run-menu')).toHaveCount(0);
  await expect(page.getByTestId('action-more')).toBeFocused();
});

test("a sweep's runs are grouped under its name, and the group collapses", async ({ page }) => {
  await openLab(page, join(lab.dir, 'lab.db'));
  // Started as another client would (the app has no sweep form yet), over the page's own connection to the host.
  const started = await startSweepOverPage(page, 'Two moons', {
    name: 'Learning rates',
    spec: { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 1 }, { type: 'sigmoid' }] },
    train: { loss: 'bce', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32, epochs: 10 },
    sweep: { strategy: 'grid', parameters: { 'train.optimizer.lr': [0.01, 0.1] }, seeds: [1, 2] },
  });
  expect(started.ok).toBe(true);

  const group = page.getByTestId('sweep-group');
  await expect(group.getByTestId('sweep-toggle')).toContainText('Learning rates 4 runs');
  await expect(group.getByTestId('run-item')).toHaveCount(4);
  await expect(group.locator('[data-testid="run-item"][data-status="completed"]')).toHaveCount(4);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.screenshot({ path: 'test-results/runs-sweep.png' });
  await group.getByTestId('sweep-toggle').click();
  await expect(group.getByTestId('sweep-toggle')).toHaveAttribute('aria-expanded', 'false');
  await expect(group.getByTestId('run-item')).toHaveCount(0);
  await group.getByTestId('sweep-toggle').click();
  await expect(group.getByTestId('run-item')).toHaveCount(4);
});
