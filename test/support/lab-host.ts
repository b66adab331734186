/**
 * The built browser host (`node out/main/serve.js`) as a child process, and the API asked over a page's own
 * connection to it: shared by the Playwright specs (test/e2e/browser-host.ts) and the render benches (bench/suites).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

export const serveScript = resolve('out/main/serve.js');
const urlLine = /^NN Lab is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m;

/** The host on a free port. */
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

/** Starts runs on a listed dataset over the page's own connection, as another client would; answers each response. */
export async function startRunsOverPage(page: Page, datasetName: string, runs: Record<string, unknown>[]): Promise<{ ok: boolean; value?: { id: string } }[]> {
  const answers: { ok: boolean; value?: { id: string } }[] = [];
  for (const run of runs) answers.push(await askOverPage<{ id: string }>(page, 'runs.start', run, datasetName));
  return answers;
}
