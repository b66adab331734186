import { defineConfig } from '@playwright/test';
import { findBrowserHere } from './scripts/find-browser.mjs';

// CHROMIUM_PATH, else a system Chromium or Chrome, else Playwright's browser cache, else the Chromium that the dev
// dependency @sparticuz/chromium ships (Linux x64), unpacked once into node_modules/.cache/nn-lab.
const browser = findBrowserHere();
if ('error' in browser) {
  console.error(browser.error);
  process.exit(1);
}
// Workers load this file too; only the runner says which browser it drives.
if (process.env.TEST_WORKER_INDEX === undefined) console.log(`Chromium for the end-to-end tests (${browser.source}): ${browser.path}`);

/** End-to-end tests drive a real Chromium against the browser host. */
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'reports/playwright.json' }]] : [['list']],
  use: {
    launchOptions: {
      executablePath: browser.path,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    screenshot: 'only-on-failure',
  },
});
