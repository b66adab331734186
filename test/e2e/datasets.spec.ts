import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, tempDir, type RunningHost, modelTab } from './browser-host';

/**
 * Importing a CSV file as a user does in a browser (the file input and the chunked upload), reading the dataset
 * doctor, changing the columns, training on the result, and the ways an import can end: refused, cancelled, reused.
 */

let dir: ReturnType<typeof tempDir>;
let host: RunningHost | undefined;

test.beforeEach(() => {
  dir = tempDir();
  host = undefined;
});

test.afterEach(async () => {
  await host?.kill();
  dir.remove();
});

async function openLab(page: Page): Promise<void> {
  host = await startHost(join(dir.path, 'lab.db'));
  await page.goto(host.url);
  await expect(page.getByTestId('connection')).toHaveText('Connected');
}

/** A seeded generator, so the files are the same on every run. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Iris-like flowers (three species, four measurements) with three planted problems: a row number (an id column),
 * a code that copies the species (leakage), and a constant column.
 */
function writeFlowers(name: string): string {
  const random = lcg(7);
  const species = ['setosa', 'versicolor', 'virginica'];
  const centres = [
    [5.0, 3.4, 1.5, 0.2],
    [5.9, 2.8, 4.3, 1.3],
    [6.6, 3.0, 5.6, 2.0],
  ];
  const lines = ['row_id,sepal_length,sepal_width,petal_length,petal_width,species_code,site,species'];
  for (let i = 0; i < 150; i++) {
    const k = i % 3;
    const measures = centres[k]!.map((c) => (c + (random() - 0.5) * 0.6).toFixed(2));
    lines.push([i + 1, ...measures, k, 'greenhouse', species[k]].join(','));
  }
  const path = join(dir.path, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const importFile = (page: Page, path: string) => page.getByTestId('import-file-input').setInputFiles(path);
const column = (page: Page, name: string) => page.locator(`[data-testid="doctor-column"][data-column="${name}"]`);

test('imports a CSV, explains its problems, takes column changes and trains on it', async ({ page }) => {
  await openLab(page);
  await expect(page.getByTestId('dataset-group-imported')).toContainText('None yet');
  const path = writeFlowers('flowers.csv');
  await importFile(page, path);

  const item = page.locator('[data-testid="dataset-item"][data-imported="true"]');
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute('aria-selected', 'true');
  await expect(item.getByTestId('dataset-meta')).toHaveText('150 × 8');
  await expect(page.getByTestId('import-outcome')).toContainText('Imported flowers.csv: 150 rows × 8 columns.');

  // The doctor opens on the new dataset: its facts, the planted problems, the class balance.
  const doctor = page.getByTestId('dataset-doctor');
  await expect(doctor).toBeVisible();
  await expect(page.getByTestId('tab-doctor')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('doctor-rows')).toHaveText('150');
  await expect(page.getByTestId('doctor-target')).toHaveText('species');
  await expect(page.locator('[data-testid="doctor-warning"][data-code="id_column"]')).toContainText('row_id');
  const leak = page.locator('[data-testid="doctor-warning"][data-code="leakage"]');
  await expect(leak).toContainText('species_code');
  await expect(leak).toContainText('known before the answer');
  await expect(page.getByTestId('class-balance')).toHaveAttribute('data-points', '3');
  await expect(column(page, 'row_id')).toHaveAttribute('data-kind', 'id');
  await expect(column(page, 'site')).toHaveAttribute('data-kind', 'constant');
  await expect(column(page, 'sepal_length').locator('svg rect')).not.toHaveCount(0);
  await page.screenshot({ path: 'test-results/datasets-doctor.png' });
  await page.getByTestId('doctor-columns').screenshot({ path: 'test-results/datasets-columns.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/datasets-doctor-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  // A constant column cannot be the target: the service's reason shows inline, and nothing changes.
  await column(page, 'site').getByTestId('column-use').selectOption('target');
  await column(page, 'species').getByTestId('column-use').selectOption('excluded');
  await page.getByTestId('doctor-apply').click();
  await expect(page.getByTestId('doctor-error')).toHaveText("The target 'site' has one class ('greenhouse'): a classifier needs at least two");
  await expect(page.getByTestId('doctor-target')).toHaveText('species');
  await page.screenshot({ path: 'test-results/datasets-override-error.png' });

  // Back to species as the target, the leaked code excluded and a measurement read as categorical.
  await column(page, 'site').getByTestId('column-use').selectOption('excluded');
  await column(page, 'species').getByTestId('column-use').selectOption('target');
  await column(page, 'species_code').getByTestId('column-use').selectOption('excluded');
  await page.getByTestId('doctor-apply').click();
  await expect(column(page, 'species_code')).toHaveAttribute('data-use', 'excluded');
  await expect(leak).toHaveCount(0);
  await expect(page.getByTestId('doctor-error')).toHaveCount(0);
  await expect(item).toHaveAttribute('data-dataset-id', /\.cfg-/);

  // The default model fits the derived dataset: 4 measurements in, 3 species out.
  await expect(page.getByTestId('model-layers')).toHaveAccessibleName('Layers, input to output: 4, 32 relu, 32 relu, 3 softmax');
  await modelTab(page, 'training');
  await page.getByTestId('field-epochs').fill('40');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('tab-training')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('progress-text')).toHaveText('Completed · Epoch 40 of 40');
  await expect(page.getByTestId('run-item').first()).toHaveAttribute('data-status', 'completed');
  await page.screenshot({ path: 'test-results/datasets-trained.png' });

  // The same bytes again are recognised and reused, not stored twice.
  await importFile(page, path);
  await expect(page.getByTestId('import-outcome')).toHaveAttribute('data-kind', 'reused');
  await expect(page.getByTestId('import-outcome')).toContainText('flowers.csv was imported before');
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute('data-dataset-id', /\.cfg-/); // the column settings chosen stay
  // ... also after a reload.
  const configId = await item.getAttribute('data-dataset-id');
  await page.reload();
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await expect(item).toHaveAttribute('data-dataset-id', configId!);
  await item.click();
  await page.getByTestId('tab-doctor').click();
  await expect(column(page, 'species_code')).toHaveAttribute('data-use', 'excluded');

  // Deleting asks first; the service refuses while a run uses the dataset, and says so in the dialog.
  const deleteButton = page.getByTestId('dataset-delete');
  await deleteButton.click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('confirm-cancel')).toBeFocused();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('confirm-error')).toContainText(/run/i);
  await page.screenshot({ path: 'test-results/datasets-delete-refused.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(deleteButton).toBeFocused();
  await expect(item).toHaveCount(1);
});

test('keeps unique ages as a feature, warns, and excludes them in one click from the warning', async ({ page }) => {
  await openLab(page);
  const lines = ['age,income,bought'];
  for (let i = 0; i < 40; i++) lines.push(`${20 + ((i * 7) % 40)},${(1000 + ((i * 37) % 23) * 150).toFixed(0)}.5,${i % 3 === 0 ? 'yes' : 'no'}`);
  const path = join(dir.path, 'shoppers.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  await importFile(page, path);
  await expect(page.getByTestId('dataset-doctor')).toBeVisible();
  await expect(column(page, 'age')).toHaveAttribute('data-use', 'feature');
  const warning = page.locator('[data-testid="doctor-warning"][data-code="possible_id"]');
  await expect(warning).toContainText("'age' holds a different integer in every row (20..59)");
  await page.screenshot({ path: 'test-results/datasets-possible-id.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/datasets-possible-id-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });
  await warning.getByTestId('doctor-exclude').click();
  await expect(column(page, 'age')).toHaveAttribute('data-use', 'excluded');
  await expect(page.locator('[data-testid="doctor-warning"][data-code="possible_id"]')).toHaveCount(0);
});

test('goes back to the file’s own settings, then deletes the dataset no run uses, after confirming', async ({ page }) => {
  await openLab(page);
  await importFile(page, writeFlowers('flowers.csv'));
  const item = page.locator('[data-testid="dataset-item"][data-imported="true"]');
  await expect(item).toHaveCount(1);
  const baseId = (await item.getAttribute('data-dataset-id'))!;
  await column(page, 'species_code').getByTestId('column-use').selectOption('excluded');
  await page.getByTestId('doctor-apply').click();
  await expect(item).toHaveAttribute('data-dataset-id', /\.cfg-/);
  await page.getByTestId('doctor-original').click();
  await expect(item).toHaveAttribute('data-dataset-id', baseId);
  await expect(column(page, 'species_code')).toHaveAttribute('data-use', 'feature');
  await expect(page.getByTestId('doctor-original')).toHaveCount(0);

  await page.getByTestId('dataset-delete').click();
  await page.getByTestId('confirm-ok').click();
  await expect(item).toHaveCount(0);
  await expect(page.getByTestId('dataset-group-imported')).toContainText('None yet');
  // Gone from the database too: a fresh page lists none.
  await page.reload();
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await expect(page.getByTestId('dataset-group-imported')).toContainText('None yet');
});

test('shows sample images of an image dataset and trains its default CNN on it', async ({ page }) => {
  await openLab(page);
  // 8×8 grey "digits" in MNIST layout (label, then 64 pixels 0..255): class k is a bright bar in row 2k.
  const random = lcg(11);
  const lines = [['label', ...Array.from({ length: 64 }, (_, i) => `pixel${i + 1}`)].join(',')];
  for (let r = 0; r < 240; r++) {
    const k = r % 4;
    const pixels = Array.from({ length: 64 }, (_, i) => (Math.floor(i / 8) === 2 * k ? 200 + Math.floor(random() * 55) : Math.floor(random() * 40)));
    lines.push([k, ...pixels].join(','));
  }
  const path = join(dir.path, 'bars.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  await importFile(page, path);

  await expect(page.getByTestId('dataset-doctor')).toBeVisible();
  await expect(page.getByTestId('image-samples').locator('canvas')).toHaveCount(12);
  await expect(page.getByTestId('model-layers')).toHaveAccessibleName('Layers, input to output: 1×8×8, 8×8×8 relu, 8×4×4, 16×4×4 relu, 16×2×2, 64, 64 relu, 4 softmax');
  await page.screenshot({ path: 'test-results/datasets-images.png' });
  // The tabs are one Tab stop; Left and Right switch between them.
  await page.getByTestId('tab-doctor').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('tab-training')).toBeFocused();
  await expect(page.getByTestId('tab-training')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('dataset-doctor')).toHaveCount(0);
  await modelTab(page, 'training');
  await page.getByTestId('field-epochs').fill('20');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('progress-text')).toHaveText('Completed · Epoch 20 of 20');
});

test('Ctrl+O opens the file chooser, and a file dropped on the window is imported', async ({ page }) => {
  const path = writeFlowers('flowers.csv');
  // Listening before the page loads turns on Playwright's file-chooser interception before Ctrl+O can open one.
  const chosen: string[] = [];
  page.on('filechooser', (chooser) => {
    chosen.push('flowers.csv');
    void chooser.setFiles(path);
  });
  await openLab(page);
  await page.keyboard.press('Control+o');
  const item = page.locator('[data-testid="dataset-item"][data-imported="true"]');
  await expect(item).toHaveCount(1);
  await expect(item.locator('.name')).toHaveText('flowers.csv');
  expect(chosen).toEqual(['flowers.csv']);

  // A drag of a file over the window shows the overlay; dropping it imports the file.
  const csv = 'a,b,label\n' + Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 2 ? 'yes' : 'no'}`).join('\n') + '\n';
  // Built inside the page (a string: the test's own types have no DOM).
  const transfer = await page.evaluateHandle(`(() => {
    const data = new DataTransfer();
    data.items.add(new File([${JSON.stringify(csv)}], 'dropped.csv', { type: 'text/csv' }));
    return data;
  })()`);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await expect(page.getByTestId('drop-overlay')).toContainText('Drop to import the dataset');
  await page.screenshot({ path: 'test-results/datasets-drop.png' });
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-overlay')).toHaveCount(0);
  await expect(item).toHaveCount(2);
  await expect(page.getByTestId('import-outcome')).toContainText('Imported dropped.csv: 40 rows × 3 columns.');
  await expect(item.first().locator('.name')).toHaveText('dropped.csv');
  await expect(item.first()).toHaveAttribute('aria-selected', 'true');
});

test('refuses a ragged file, naming the file, the line and the column', async ({ page }) => {
  await openLab(page);
  const path = join(dir.path, 'ragged.csv');
  writeFileSync(path, 'a,b,label\n1,2,x\n3,4,y\n5,z\n7,8,x\n');
  await importFile(page, path);
  const error = page.getByTestId('import-error');
  await expect(error).toContainText('Could not import ragged.csv');
  await expect(page.getByTestId('import-error-place')).toHaveText('At line 4, column 3');
  await expect(page.getByTestId('import-error-reason')).toHaveText('This row has 2 fields, the header has 3');
  await expect(error).not.toContainText('Error:');
  await expect(page.locator('[data-testid="dataset-item"][data-imported="true"]')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/datasets-refused.png' });
});

test('cancels the import of a large file and adds nothing', async ({ page }) => {
  await openLab(page);
  // About 30 MB of numbers: long enough to upload and read that Cancel is pressed while it runs.
  const random = lcg(3);
  const rows: string[] = ['x1,x2,x3,x4,x5,x6,label'];
  while (rows.length < 420_000) rows.push([...Array.from({ length: 6 }, () => (random() * 1000).toFixed(4)), rows.length % 2].join(','));
  const path = join(dir.path, 'large.csv');
  writeFileSync(path, `${rows.join('\n')}\n`);

  await importFile(page, path);
  const progress = page.getByTestId('import-progress');
  await expect(progress).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await page.screenshot({ path: 'test-results/datasets-importing.png' });
  await page.getByTestId('import-cancel').click();
  await expect(page.getByTestId('import-outcome')).toHaveAttribute('data-kind', 'cancelled');
  await expect(page.getByTestId('import-outcome')).toContainText('Import of large.csv cancelled. Nothing was added.');
  await expect(progress).toHaveCount(0);
  await expect(page.locator('[data-testid="dataset-item"][data-imported="true"]')).toHaveCount(0);
  // Nothing was stored: a fresh page lists no imported dataset either.
  await page.reload();
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await expect(page.getByTestId('dataset-group-imported')).toContainText('None yet');
});
