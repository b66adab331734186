import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useLabHosts } from './browser-host';

/** Small things that looked broken (issue 8, point 7): toasts that never left, a sidebar the import text widened, an empty preview. */

const lab = useLabHosts();
const schemes = ['light', 'dark'] as const;

async function openAt1280(page: Page, scheme: (typeof schemes)[number]): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: scheme });
  await lab.open(page, join(lab.dir, 'lab.db'));
}

for (const scheme of schemes) {
  test(`an error toast leaves by itself, but not while hovered (${scheme})`, async ({ page }) => {
    await openAt1280(page, scheme);
    const bad = join(lab.dir, 'not-a-bundle.json');
    writeFileSync(bad, '{"hello": 1}');
    await page.getByTestId('import-input').setInputFiles(bad);
    const toast = page.getByTestId('error-toast');
    await expect(toast).toContainText('Could not import not-a-bundle.json');
    await page.screenshot({ path: `test-results/rough-edges-toast-${scheme}.png` });

    await toast.hover();
    await page.waitForTimeout(7000);
    await expect(toast).toHaveCount(1);
    await page.mouse.move(640, 20);
    await expect(toast).toHaveCount(0, { timeout: 10_000 });
  });

  test(`the sine regression previews its curve (${scheme})`, async ({ page }) => {
    await openAt1280(page, scheme);
    await page.getByTestId('dataset-item').filter({ hasText: 'Sine' }).click();
    await expect(page.getByTestId('dataset-preview')).toHaveAttribute('data-points', '200');
    await page.screenshot({ path: `test-results/rough-edges-sine-${scheme}.png` });
  });
}

test('a long import text keeps the sidebar 280 px wide and Cancel on screen', async ({ page }) => {
  await openAt1280(page, 'light');
  let seed = 3;
  const random = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const rows: string[] = ['x1,x2,x3,x4,x5,x6,label'];
  while (rows.length < 420_000) rows.push([...Array.from({ length: 6 }, () => (random() * 1000).toFixed(4)), rows.length % 2].join(','));
  const path = join(lab.dir, 'measurements-of-the-whole-greenhouse-season-2026.csv');
  writeFileSync(path, `${rows.join('\n')}\n`);

  await page.getByTestId('import-file-input').setInputFiles(path);
  const text = page.getByTestId('import-progress-text');
  await expect(text).toContainText(/Reading|Typing the columns|Checking|Storing/);
  const sidebar = await page.getByRole('complementary', { name: 'Lab' }).boundingBox();
  const cancel = await page.getByTestId('import-cancel').boundingBox();
  const scrollWidth = await page.getByRole('complementary', { name: 'Lab' }).evaluate((el) => el.scrollWidth - el.clientWidth);
  await page.screenshot({ path: 'test-results/rough-edges-importing.png' });
  expect(sidebar!.width).toBe(280);
  expect(scrollWidth).toBe(0);
  expect(cancel!.x + cancel!.width).toBeLessThanOrEqual(sidebar!.x + sidebar!.width);
  await page.getByTestId('import-cancel').click();
  await expect(page.getByTestId('import-outcome')).toHaveAttribute('data-kind', 'cancelled');
});
