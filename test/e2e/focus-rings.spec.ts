import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { storeShortRuns, storeShortSweep } from '../support/stored-runs';
import { useLabHosts } from './browser-host';

/**
 * Focus rings are whole: a control reached with the keyboard shows its ring on all four sides, never cut by the list
 * or column that scrolls it. (The run list's first row lost the top of its ring to the list's edge, every row the
 * right side; the Build & train dataset list cut both sides, Compare's table the first column's left.)
 */

const lab = useLabHosts();

/**
 * Where the focused element's ring (its box grown by outline width + offset) reaches past an ancestor that clips it:
 * a scroller clips to its padding box (its client rect), paint containment to its box grown by overflow-clip-margin.
 * (A string: the page's DOM types are not this project's.)
 */
const ringCutsInPage = `(() => {
  const describe = (el) => el.tagName.toLowerCase() + (el.dataset.testid ? '[' + el.dataset.testid + ']' : '') +
    [...el.classList].filter((c) => !c.startsWith('svelte-')).map((c) => '.' + c).join('');
  const el = document.activeElement;
  if (!el || el === document.body) return [];
  const style = getComputedStyle(el);
  if (style.outlineStyle === 'none') return [];
  const reach = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
  const box = el.getBoundingClientRect();
  const ring = { top: box.top - reach, right: box.right + reach, bottom: box.bottom + reach, left: box.left - reach };
  const cuts = [];
  for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
    const s = getComputedStyle(a);
    const b = a.getBoundingClientRect();
    let clip;
    if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
      const left = b.left + a.clientLeft;
      const top = b.top + a.clientTop;
      clip = { top, right: left + a.clientWidth, bottom: top + a.clientHeight, left };
    } else if (s.contentVisibility === 'auto' || /paint|strict|content/.test(s.contain)) {
      const m = parseFloat(s.overflowClipMargin) || 0;
      clip = { top: b.top - m, right: b.right + m, bottom: b.bottom + m, left: b.left - m };
    } else continue;
    const past = { top: clip.top - ring.top, right: ring.right - clip.right, bottom: ring.bottom - clip.bottom, left: clip.left - ring.left };
    for (const [side, px] of Object.entries(past)) {
      if (px > 0.01) cuts.push(describe(el) + ' "' + (el.textContent || '').trim().slice(0, 24) + '": ' + px.toFixed(1) + ' px of its ring cut on the ' + side + ' by ' + describe(a));
    }
  }
  return cuts;
})()`;

async function ringCuts(page: Page): Promise<string[]> {
  return (await page.evaluate(ringCutsInPage)) as string[];
}

/** Presses Tab from `from` until `until` says the focused element is the one wanted (at most 20 times). */
async function tabTo(page: Page, from: string, until: (testId: string | null) => boolean): Promise<void> {
  await page.getByTestId(from).focus();
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    if (until((await page.evaluate(`document.activeElement?.getAttribute('data-testid') ?? null`)) as string | null)) return;
  }
  throw new Error(`Tab from ${from} never reached the element wanted`);
}

/** A crop around the focused element with 12 px to spare, to look at its ring. */
async function shootFocused(page: Page, path: string): Promise<void> {
  const box = (await page.locator(':focus').boundingBox())!;
  await page.screenshot({ path, clip: { x: box.x - 12, y: box.y - 12, width: box.width + 24, height: box.height + 24 } });
}

test('the run list\'s first and last rows, focused from the keyboard, show their whole rings', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const databasePath = join(lab.dir, 'lab.db');
  storeShortRuns(databasePath, 40);
  const host = await lab.open(page, databasePath);
  await page.goto(`${host.url.replace(/#.*$/, '')}#/runs`);
  await expect(page.getByTestId('run-item')).toHaveCount(40);

  // The list is one Tab stop after the filters: the first row (none is picked).
  await tabTo(page, 'run-search', (id) => id === 'run-item');
  await expect(page.locator(':focus')).toHaveAttribute('data-run-id', 'stored-39');
  expect(await ringCuts(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/focus-rings-runs-light.png' });
  await shootFocused(page, 'test-results/focus-rings-first-row-light.png');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/focus-rings-runs-dark.png' });
  await shootFocused(page, 'test-results/focus-rings-first-row-dark.png');
  await page.emulateMedia({ colorScheme: 'light' });

  // End goes to the last row, scrolled into view with room for its ring; each row on the way keeps it too.
  await page.keyboard.press('ArrowDown');
  await expect(page.locator(':focus')).toHaveAttribute('data-run-id', 'stored-38');
  expect(await ringCuts(page)).toEqual([]);
  await page.keyboard.press('End');
  await expect(page.locator(':focus')).toHaveAttribute('data-run-id', 'stored-0');
  expect(await ringCuts(page)).toEqual([]);
  await shootFocused(page, 'test-results/focus-rings-last-row-light.png');
});

test('every Tab stop in Runs, Build & train, Data, Compare and Learn shows its whole ring', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const databasePath = join(lab.dir, 'lab.db');
  storeShortRuns(databasePath, 40);
  storeShortSweep(databasePath, 'sweep-lr', 'Sweep of lr', 3); // heads the run list: its header is the first row
  const host = await lab.open(page, databasePath);
  const base = host.url.replace(/#.*$/, '');
  const places: [hash: string, ready: string][] = [
    ['#/runs', 'run-item'],
    ['#/runs/stored-39', 'run-item'],
    ['#/build', 'dataset-item'],
    ['#/data', 'dataset-item'],
    ['#/compare?runs=stored-0,stored-1,stored-2', 'compare-table'],
    ['#/learn', 'learn-contents'],
  ];
  const cuts = new Set<string>();
  for (const [hash, ready] of places) {
    await page.goto(base + hash);
    await expect(page.getByTestId(ready).first()).toBeVisible();
    // 60 stops: past the last control of each place (Compare's table is the furthest), the Tab order wraps.
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      for (const cut of await ringCuts(page)) cuts.add(`${hash}: ${cut}`);
    }
  }
  expect([...cuts]).toEqual([]);
});
