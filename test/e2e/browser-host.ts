import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { askOverPage, startHost, type RunningHost } from '../support/lab-host';

export { askOverPage, requestOverPage, startHost, startRunsOverPage, type RunningHost } from '../support/lab-host';

/** A temp directory for one test's database, removed afterwards. */
export function tempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'nn-lab-e2e-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Each test's folder and the hosts it started, cleaned up after it: call once at a spec file's top level. */
export interface LabHosts {
  /** This test's temp folder (a fresh one per test). */
  readonly dir: string;
  /** Starts a host on `databasePath` without opening a page (the caller decides what to open). */
  start(databasePath: string, args?: readonly string[]): Promise<RunningHost>;
  /** Starts a host on `databasePath`, opens it in `page`, and waits until the page is connected. */
  open(page: Page, databasePath: string, args?: readonly string[]): Promise<RunningHost>;
}

export function useLabHosts(): LabHosts {
  let dir: ReturnType<typeof tempDir> | undefined;
  let hosts: RunningHost[] = [];
  test.beforeEach(() => {
    dir = tempDir();
    hosts = [];
  });
  test.afterEach(async () => {
    for (const host of hosts) await host.kill();
    dir?.remove();
  });
  const start = async (databasePath: string, args: readonly string[] = []): Promise<RunningHost> => {
    const host = await startHost(databasePath, args);
    hosts.push(host);
    return host;
  };
  return {
    get dir() {
      if (!dir) throw new Error('useLabHosts: the folder exists only inside a test');
      return dir.path;
    },
    start,
    async open(page, databasePath, args = []) {
      const host = await start(databasePath, args);
      await page.goto(host.url);
      await expect(page.getByTestId('connection')).toHaveText('Connected');
      return host;
    },
  };
}

/** Starts a sweep on a listed dataset as another client would, over the page's own connection to the host. */
export function startSweepOverPage(page: Page, datasetName: string, args: Record<string, unknown>): Promise<{ ok: boolean; value?: { runIds: string[] } }> {
  return askOverPage(page, 'sweeps.start', args, datasetName);
}

/** Shows a tab of the model column: the layers are on Network, the `field-*` settings on Training. */
export async function modelTab(page: Page, tab: 'network' | 'training' | 'code'): Promise<void> {
  await page.getByTestId(`model-tab-${tab}`).click();
}
