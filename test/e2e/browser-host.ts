import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const serveScript = resolve('out/main/serve.js');
const urlLine = /^NN Lab is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m;

/** The built browser host (`node out/main/serve.js`) as a child process on a free port. */
export interface RunningHost {
  url: string;
  /** Ends the host the hard way (SIGKILL): nothing gets a chance to flush. */
  kill(): Promise<void>;
}

/** `args`: more of serve.js's flags (`--threads N`). */
export async function startHost(databasePath: string, args: readonly string[] = []): Promise<RunningHost> {
  if (!existsSync(serveScript)) throw new Error(`${serveScript} is missing: run \`npx electron-vite build\` first`);
  const child = spawn(process.execPath, [serveScript, '--port', '0', '--db', databasePath, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = urlLine.exec(stdout);
      if (match) resolveUrl(match[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the host exited (${code}) before printing its URL:\n${stdout}${stderr}`)));
  });
  return { url, kill: () => kill(child) };
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveExit) => {
    child.once('exit', () => resolveExit());
    child.kill('SIGKILL');
  });
}

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

/** One API request over the page's own connection to the host (as another client would send it); the API's answer. */
export async function requestOverPage<T = unknown>(page: Page, name: string, args: unknown): Promise<{ ok: boolean; value?: T; error?: { message: string } }> {
  return (await page.evaluate(
    `(async ([name, args]) => {
    const socket = new WebSocket(location.origin.replace('http', 'ws') + '/api' + location.search);
    await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
    const answer = await new Promise((resolve) => {
      socket.addEventListener('message', function listen(message) {
        if (typeof message.data !== 'string') return; // a tensor's binary frame
        const data = JSON.parse(message.data);
        if (data.kind !== 'response' || data.id !== 1) return;
        socket.removeEventListener('message', listen);
        resolve(data.response);
      });
      socket.send(JSON.stringify({ kind: 'request', id: 1, name, args: args ?? undefined }));
    });
    socket.close();
    return answer;
  })(${JSON.stringify([name, args ?? null])})`, // null stands for no arguments
  )) as { ok: boolean; value?: T; error?: { message: string } };
}

/**
 * Asks the API as another client would, over the page's own connection to the host; `datasetName` (when given)
 * is looked up in `datasets.list` and its id set as the args' `datasetId`. Answers the API's response.
 */
export async function askOverPage<T = unknown>(page: Page, name: string, args: Record<string, unknown>, datasetName?: string): Promise<{ ok: boolean; value?: T; error?: { message: string } }> {
  if (datasetName === undefined) return requestOverPage<T>(page, name, args);
  const datasets = await requestOverPage<Array<{ id: string; name: string }>>(page, 'datasets.list', undefined);
  const dataset = datasets.value!.find((d) => d.name === datasetName)!;
  return requestOverPage<T>(page, name, { datasetId: dataset.id, ...args });
}

/** Starts a sweep on a listed dataset as another client would, over the page's own connection to the host. */
export function startSweepOverPage(page: Page, datasetName: string, args: Record<string, unknown>): Promise<{ ok: boolean; value?: { runIds: string[] } }> {
  return askOverPage(page, 'sweeps.start', args, datasetName);
}

/** Starts runs on a listed dataset over the page's own connection, as another client would; answers each response. */
export async function startRunsOverPage(page: Page, datasetName: string, runs: Record<string, unknown>[]): Promise<{ ok: boolean; value?: { id: string } }[]> {
  const answers: { ok: boolean; value?: { id: string } }[] = [];
  for (const run of runs) answers.push(await askOverPage<{ id: string }>(page, 'runs.start', run, datasetName));
  return answers;
}

/** Shows a tab of the model column: the layers are on Network, the `field-*` settings on Training. */
export async function modelTab(page: Page, tab: 'network' | 'training' | 'code'): Promise<void> {
  await page.getByTestId(`model-tab-${tab}`).click();
}
