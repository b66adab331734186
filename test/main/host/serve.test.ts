import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail, RunSummary } from '../../../src-core/contract/training';
import type { WireServerMessage } from '../../../src-core/contract/wire';
import { twoMoonsSpec, twoMoonsTrain } from '../pool/two-moons-run';
import { buildServeApp } from './build-serve';
import { connectWire, type WireClient } from './wire-client';

let app: string;
let dir: string;
const children: ChildProcess[] = [];
const clients: WireClient[] = [];

beforeAll(async () => {
  app = await buildServeApp();
  dir = mkdtempSync(join(tmpdir(), 'nn-lab-serve-data-'));
});
afterEach(() => {
  for (const client of clients.splice(0)) client.ws.terminate();
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
afterAll(() => {
  rmSync(app, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

interface Served {
  child: ChildProcess;
  port: number;
  token: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

const urlLine = /^NN Lab is running at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+)\n$/;

/** Starts `node main/serve.js` and waits for its one line. */
function serve(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [join(app, 'main', 'serve.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (): void => {
      const match = urlLine.exec(stdout);
      if (!match) return;
      child.stdout!.off('data', onData);
      resolve({ child, port: Number(match[1]), token: match[2]!, stdout: () => stdout, stderr: () => stderr, exited });
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => reject(new Error(`serve exited with ${code} before printing its URL: ${stderr}`)));
  });
}

async function client(served: Served): Promise<WireClient> {
  const c = await connectWire({ port: served.port, token: served.token });
  clients.push(c);
  return c;
}

const statusIs = (id: string, status: RunSummary['status']) => (m: WireServerMessage) =>
  m.kind === 'event' && m.name === 'run.status' && (m.payload as RunSummary).id === id && (m.payload as RunSummary).status === status;

describe('serve entry (child process)', () => {
  it('prints exactly one URL line, trains, shuts down cleanly, and the run is still there after a restart', async () => {
    const db = join(dir, 'restart.db');
    const first = await serve(['--port', '0', '--db', db, '--threads', '1']);
    const page = await fetch(`http://127.0.0.1:${first.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");

    const c = await client(first);
    const started = await c.request(1, 'runs.start', { datasetId: 'two-moons', name: 'kept', spec: twoMoonsSpec, train: twoMoonsTrain(4) });
    expect(started.response.ok).toBe(true);
    const run = (started.response as { value: RunSummary }).value;
    await c.next(statusIs(run.id, 'completed'));

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.stdout()).toMatch(urlLine);
    expect(first.stderr()).toBe('');

    const second = await serve(['--port=0', `--db=${db}`]);
    expect(second.token).not.toBe(first.token);
    const c2 = await client(second);
    const list = await c2.request(1, 'runs.list');
    expect((list.response as { value: RunSummary[] }).value.map((r) => [r.name, r.status, r.epochsDone])).toEqual([['kept', 'completed', 4]]);
    const info = await c2.request(2, 'app.info');
    expect(info.response).toMatchObject({ ok: true, value: { host: 'browser', databasePath: db } });
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

  it('SIGINT mid-run stops the run gracefully: after a restart it is stopped, with its weights', async () => {
    const db = join(dir, 'sigint.db');
    const first = await serve(['--port', '0', '--db', db, '--threads', '1']);
    const c = await client(first);
    const started = await c.request(1, 'runs.start', { datasetId: 'two-moons', spec: twoMoonsSpec, train: twoMoonsTrain(100_000) });
    const run = (started.response as { value: RunSummary }).value;
    await c.next((m) => m.kind === 'event' && m.name === 'run.progress');
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);

    const second = await serve(['--port', '0', '--db', db]);
    const c2 = await client(second);
    const detail = (await c2.request(1, 'runs.get', { id: run.id })).response as { ok: true; value: RunDetail };
    expect(detail.value.status).toBe('stopped');
    expect(detail.value.hasWeights).toBe(true);
    expect(detail.value.epochsDone).toBeGreaterThan(0);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('refuses a bad flag with a clear message and no stack trace', async () => {
    await expect(serve(['--port', 'eighty'])).rejects.toThrow(/--port must be a whole number from 0 to 65535, not "eighty"/);
    const error = await serve(['--verbose']).catch((e: Error) => e);
    expect(String(error)).toMatch(/nn-lab serve: Unknown option "--verbose"/);
    expect(String(error)).not.toMatch(/\n\s+at /); // no stack trace
    expect(children.at(-1)!.exitCode).toBe(1);
  });

  it('says so when the port is taken', async () => {
    const db = join(dir, 'port.db');
    const first = await serve(['--port', '0', '--db', db]);
    await expect(serve(['--port', String(first.port), '--db', join(dir, 'other.db')])).rejects.toThrow(
      new RegExp(`Port ${first.port} on 127.0.0.1 is already in use`),
    );
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  });
});
