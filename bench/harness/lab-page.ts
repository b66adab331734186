/**
 * The render suites' set-up: the built browser host on a database, and a real Chromium at 1280×800 with the app open
 * and connected (bench/suites/compare-render.ts, dashboard-render.ts). Needs `npx electron-vite build` and a Chromium.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findBrowserHere } from '../../scripts/find-browser.mjs';
import { serveScript, startHost } from '../../test/support/lab-host';

export interface LabPage {
  page: Page;
  /** The Chromium it runs in (for tracing). */
  chrome: Browser;
  /** Where the browser came from (for the report). */
  browser: string;
  /** The app's URL without its hash. */
  base: string;
  close(): Promise<void>;
}

/** Opens the app served from `databasePath` (with serve.js's `hostArgs`) at `hash`; a string says why it cannot. */
export async function openLabPage(databasePath: string, hash: string, hostArgs: readonly string[] = []): Promise<LabPage | string> {
  if (!existsSync(serveScript)) return `Not measured: ${serveScript} is missing (run \`npx electron-vite build\`).`;
  const browser = findBrowserHere();
  if ('error' in browser) return `Not measured: ${browser.error}`;
  const host = await startHost(databasePath, hostArgs);
  const chrome = await chromium.launch({ executablePath: browser.path, args: ['--no-sandbox', '--disable-gpu'] });
  const close = async (): Promise<void> => {
    await chrome.close();
    await host.kill();
  };
  try {
    const page = await chrome.newPage({ viewport: { width: 1280, height: 800 } });
    const base = host.url.replace(/#.*$/, '');
    await page.goto(`${base}${hash}`);
    await page.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor();
    return { page, chrome, browser: browser.source, base, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Sets the page's hash as the app's links do (page source: this file is compiled without the DOM's types). */
export async function goHash(page: Page, hash: string): Promise<void> {
  await page.evaluate(`void (location.hash = ${JSON.stringify(hash)})`);
}

/** The value below which a share `q` (0..1) of `xs` lies (nearest rank). */
export function percentile(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
