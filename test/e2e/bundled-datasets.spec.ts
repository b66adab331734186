import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { useLabHosts, modelTab } from './browser-host';

/** The real datasets shipped with the app (issue 8, point 5): listed with the generators, credited, trainable. */

const lab = useLabHosts();

for (const scheme of ['light', 'dark'] as const) {
  test(`Iris is listed with its source and licence, and a run on it completes (${scheme})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: scheme });
    await lab.open(page, join(lab.dir, 'lab.db'));
    const bundled = page.getByTestId('dataset-group-bundled').getByTestId('dataset-item');
    await expect(bundled).toHaveText([/Two moons/, /XOR/, /AND/, /OR/, /Circles/, /Spirals/, /Gaussian blobs/, /Linear regression/, /Sine regression/, /Iris/, /Wine/, /Breast Cancer/, /Digits 8×8/]);

    const iris = bundled.filter({ hasText: 'Iris' });
    await expect(iris).toHaveAccessibleDescription(/Fisher \(1936\).*CC BY 4\.0/);
    await expect(iris).toHaveAttribute('title', /Licence: CC BY 4\.0/);
    await iris.click();
    await expect(iris.getByTestId('dataset-credit')).toBeVisible();
    await expect(iris.getByTestId('dataset-credit')).toHaveText(/UCI Machine Learning Repository, Iris · CC BY 4\.0/);
    await expect(page.getByTestId('model-layers')).toHaveAccessibleName(/^Layers, input to output: 4, .*3 softmax$/);
    await page.screenshot({ path: `test-results/bundled-iris-${scheme}.png` });

    await modelTab(page, 'training');
    await page.getByTestId('field-epochs').fill('60');
    await page.getByTestId('train-button').click();
    await expect(page.getByTestId('progress-text')).toHaveText('Completed · Epoch 60 of 60');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Iris #1');
    await expect(page.getByTestId('metrics-chart')).toHaveAttribute('data-points', '60');
    await page.screenshot({ path: `test-results/bundled-iris-trained-${scheme}.png` });

    await bundled.filter({ hasText: 'Digits 8×8' }).click();
    await modelTab(page, 'network');
    await expect(page.getByTestId('model-layers')).toHaveAccessibleName(/^Layers, input to output: 1×8×8/);
    await page.screenshot({ path: `test-results/bundled-digits-${scheme}.png` });
  });
}
