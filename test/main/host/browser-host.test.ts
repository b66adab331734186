import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireServerMessage } from '../../../src-core/contract/wire';
import type { RunSummary } from '../../../src-core/contract/training';
import { createLab, type Lab } from '../../../src-main/app/create-lab';
import { startBrowserHost, type BrowserHost } from '../../../src-main/host/browser-host';
import { buildTrainWorker, removeBuiltTrainWorker } from '../../support/build-train-worker';
import { twoMoonsSpec, twoMoonsTrain } from '../pool/two-moons-run';
import { tensor } from '../../../src-core/contract/tensor';
import { WebSocketTransport, type SocketLike } from '../../../src-renderer/lib/api/websocket-transport';
import { WebSocket } from 'ws';
import { connectWire, type ConnectOptions, type WireClient } from './wire-client';

let dir: string;
let lab: Lab;
let host: BrowserHost;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nn-lab-host-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>NN Lab</title><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(join(dir, 'secret.txt'), 'SECRET');
  lab = await createLab({ databasePath: join(dir, 'lab.db'), host: 'browser', threads: 1, workerFile: await buildTrainWorker() });
  host = await startBrowserHost({ handlers: lab.handlers, bus: lab.bus, rendererDir: renderer, port: 0 });
});
afterAll(async () => {
  await host?.close();
  await lab?.close();
  await removeBuiltTrainWorker();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw HTTP GET (the path is sent exactly as given, and the Host header can be forged). */
function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(options: Omit<ConnectOptions, 'port' | 'token'> & { token?: string | null } = {}): Promise<WireClient> {
  return connectWire({ port: host.port, ...options, token: options.token === undefined ? host.token : options.token });
}

const responseTo = (id: number) => (m: WireServerMessage) => m.kind === 'response' && m.id === id;

describe('browser host: HTTP', () => {
  it('serves index.html with a strict Content-Security-Policy', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<title>NN Lab</title>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const script = await get('/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/assets/%00']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.body, path).not.toContain('SECRET');
    }
    expect((await get('/missing.js')).status).toBe(404);
    expect((await get('/favicon.ico')).status).toBe(204); // no console error in the page
  });

  it('answers only to 127.0.0.1 and localhost (DNS rebinding)', async () => {
    expect((await get('/', { host: 'evil.example:80' })).status).toBe(421);
    expect((await get('/', { host: `evil.example:${host.port}` })).status).toBe(421);
    expect((await get('/', { host: `localhost:${host.port}` })).status).toBe(200);
  });
});

describe('browser host: WebSocket API', () => {
  it('refuses a connection without the token, with a wrong token, Host, Origin or path', async () => {
    await expect(connect({ token: null })).rejects.toThrow('refused 401');
    await expect(connect({ token: 'not-the-token' })).rejects.toThrow('refused 401');
    await expect(connect({ host: `evil.example:${host.port}` })).rejects.toThrow('refused 421');
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('refused 403');
    await expect(connect({ origin: `http://localhost:${host.port}` })).rejects.toThrow('refused 403');
    await expect(connect({ origin: null })).rejects.toThrow('refused 403');
    await expect(connect({ path: '/other' })).rejects.toThrow('refused 404');
    const ok = await connect({ host: `localhost:${host.port}`, origin: `http://localhost:${host.port}` });
    ok.ws.close();
  });

  it('answers a request through the dispatcher', async () => {
    const client = await connect();
    client.ws.send(JSON.stringify({ kind: 'request', id: 1, name: 'app.info' }));
    const reply = await client.next(responseTo(1));
    expect(reply).toMatchObject({ kind: 'response', id: 1, response: { ok: true, value: { name: 'NN Lab', host: 'browser', threads: 1 } } });
    client.ws.send(JSON.stringify({ kind: 'request', id: 2, name: 'runs.get', args: { id: 'nope' } }));
    expect(await client.next(responseTo(2))).toMatchObject({ response: { ok: false, error: { code: 'not_found' } } });
    client.ws.close();
  });

  it('survives malformed frames, answering each with an error, and keeps serving', async () => {
    const client = await connect();
    const bad: Array<[string | Buffer, number, RegExp]> = [
      ['not json', 0, /not valid JSON/],
      ['[1,2]', 0, /JSON object/],
      ['{"kind":"request","name":"app.info"}', 0, /integer "id"/],
      ['{"kind":"nonsense","id":5}', 5, /"kind"/],
      ['{"kind":"request","id":6,"name":"no.such"}', 6, /Unknown request/],
      ['{"kind":"request","id":7,"name":"runs.start","args":{"datasetId":5}}', 7, /runs.start: /],
      [Buffer.from([1, 2, 3]), 0, /Binary/],
    ];
    for (const [frame, id, message] of bad) {
      client.ws.send(frame);
      const reply = await client.next(responseTo(id));
      expect(reply).toMatchObject({ response: { ok: false } });
      if (reply.kind === 'response' && !reply.response.ok) expect(reply.response.error.message).toMatch(message);
    }
    client.ws.send(JSON.stringify({ kind: 'request', id: 8, name: 'datasets.list' }));
    expect(await client.next(responseTo(8))).toMatchObject({ response: { ok: true } });
    client.ws.close();
  });

  it('carries a 5 MB tensor as binary frames of at most 1 MiB, reassembled bit for bit by the page\'s transport', async () => {
    const big = tensor('float64', [640, 1024], Float64Array.from({ length: 640 * 1024 }, (_, i) => Math.sin(i) * 1e3));
    const small = tensor('uint8', [3], Uint8Array.of(9, 8, 7));
    const raw = await connect();
    const frames: Array<{ binary: boolean; bytes: number }> = [];
    raw.ws.on('message', (data: Buffer, isBinary) => frames.push({ binary: isBinary, bytes: data.byteLength }));
    const transport = new WebSocketTransport(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, {
      createSocket: (url) => new WebSocket(url, { origin: `http://127.0.0.1:${host.port}` }) as unknown as SocketLike,
    });
    const received = new Promise<unknown>((resolve) => transport.subscribe('run.status', resolve));
    await new Promise<void>((resolve) => transport.onConnectionChange((state) => state === 'open' && resolve()));
    const payload = { id: 'tensors', sample: { small, big } };
    lab.bus.emit('run.status', payload as unknown as RunSummary);
    const got = (await received) as typeof payload;
    expect(got.sample.big.data).toBeInstanceOf(Float64Array);
    expect(got.sample.big.shape).toEqual([640, 1024]);
    expect(Buffer.from(got.sample.big.data.buffer, got.sample.big.data.byteOffset, got.sample.big.data.byteLength).equals(Buffer.from(big.data.buffer))).toBe(true);
    expect([...got.sample.small.data]).toEqual([9, 8, 7]);
    await raw.next((m) => m.kind === 'event' && m.name === 'run.status');
    expect(frames[0]).toMatchObject({ binary: false });
    expect(frames[0]!.bytes).toBeLessThan(1000);
    const binary = frames.filter((f) => f.binary);
    expect(binary.length).toBe(6); // 8 + 5 MiB in frames of 1 MiB
    expect(Math.max(...binary.map((f) => f.bytes))).toBe(1 << 20);
    transport.close();
    raw.ws.close();
  });

  it('broadcasts run events to every client', async () => {
    const starter = await connect();
    const watcher = await connect();
    starter.ws.send(
      JSON.stringify({ kind: 'request', id: 1, name: 'runs.start', args: { datasetId: 'two-moons', spec: twoMoonsSpec, train: twoMoonsTrain(3) } }),
    );
    const started = await starter.next(responseTo(1));
    const run = (started as Extract<WireServerMessage, { kind: 'response' }>).response as { ok: true; value: RunSummary };
    expect(run.ok).toBe(true);
    const isCompleted = (m: WireServerMessage) =>
      m.kind === 'event' && m.name === 'run.status' && (m.payload as RunSummary).id === run.value.id && (m.payload as RunSummary).status === 'completed';
    for (const client of [starter, watcher]) {
      await client.next(isCompleted);
      // Progress is throttled: one event may carry the epochs that arrived together in `earlier`.
      type Progress = { metrics: { epoch: number }; earlier?: Array<{ epoch: number }> };
      const epochs = client.messages
        .filter((m) => m.kind === 'event' && m.name === 'run.progress')
        .flatMap((m) => {
          const payload = (m as { payload: Progress }).payload;
          return [...(payload.earlier ?? []), payload.metrics].map((e) => e.epoch);
        });
      expect(epochs).toEqual([1, 2, 3]);
    }
    starter.ws.close();
    watcher.ws.close();
  });
});

// The attacks that held in issue 10 (166/166), kept so they stay true: loopback only, bounded, a few seconds.
describe('browser host: attacks that held', () => {
  it('refuses every foreign Host spelling, over HTTP and on the upgrade', async () => {
    const port = host.port;
    const hosts = [
      'evil.example',
      '127.0.0.1.evil.example',
      `127.0.0.1.evil.example:${port}`,
      `localhost.evil.example:${port}`,
      `evil.example:${port}@127.0.0.1:${port}`,
      `127.0.0.1:${port + 1}`,
      `localhost:${port}0`,
      '127.0.0.1',
      'localhost',
      `LOCALHOST:${port}`,
      `[::1]:${port}`,
      `0.0.0.0:${port}`,
      `127.1:${port}`,
    ];
    for (const name of hosts) {
      expect((await get('/', { host: name })).status, name).toBe(421);
      await expect(connect({ host: name }), name).rejects.toThrow('refused 421');
    }
  });

  it('refuses every foreign or absent Origin on the upgrade', async () => {
    const port = host.port;
    for (const origin of [
      'null',
      'file://',
      `https://127.0.0.1:${port}`,
      `http://127.0.0.1:${port + 1}`,
      'http://127.0.0.1',
      `http://127.0.0.1:${port}.evil.example`,
      `http://evil.example:${port}`,
      `http://127.0.0.1:${port}/`,
      '',
    ]) {
      await expect(connect({ origin }), origin).rejects.toThrow('refused 403');
    }
  });

  it('never serves outside the renderer folder, whatever the spelling, and keeps serving', async () => {
    const paths = [
      '/../../secret.txt',
      '/./../secret.txt',
      '//secret.txt/../../secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/%2E%2E/secret.txt',
      '/.%2e/secret.txt',
      '/%252e%252e%252fsecret.txt', // double encoded
      '/..%252fsecret.txt',
      '/%c0%ae%c0%ae/secret.txt', // overlong UTF-8
      '/%e0%80%ae%e0%80%ae/secret.txt',
      '/..\\secret.txt',
      '/assets\\..\\..\\secret.txt',
      '/%5c..%5csecret.txt',
      '/index.html%00.js',
      '/%00',
      '/%',
      '/%zz',
      `/${'a/'.repeat(3000)}`,
      `/${'../'.repeat(2000)}secret.txt`,
    ];
    for (const path of paths) {
      const response = await get(path);
      expect(response.status, path.slice(0, 60)).toBeGreaterThanOrEqual(400);
      expect(response.body, path.slice(0, 60)).not.toContain('SECRET');
    }
    const tooLong = await get(`/${'x'.repeat(70_000)}`).catch((error: Error) => error);
    if (!(tooLong instanceof Error)) expect(tooLong.status).toBe(431); // or the socket is simply closed
    expect((await get('/')).status).toBe(200);
  });

  it('answers JSON of the wrong shape and absurd ids with an error, and closes on an oversized frame', async () => {
    const client = await connect();
    const bad: Array<[string, number, RegExp]> = [
      ['null', 0, /JSON object/],
      ['"request"', 0, /JSON object/],
      ['{"kind":"request","id":1e300,"name":"app.info"}', 0, /integer "id"/],
      ['{"kind":"request","id":9007199254740993,"name":"app.info"}', 0, /integer "id"/],
      ['{"kind":"request","id":"7","name":"app.info"}', 0, /integer "id"/],
      ['{"kind":"request","id":11,"name":5}', 11, /string "name"/],
      ['{"kind":"request","id":12,"name":"__proto__"}', 12, /Unknown request/],
      ['{"kind":"request","id":13,"name":"runs.get","args":{"id":"r","__proto__":{"polluted":1}}}', 13, /runs.get: /],
      [`{"kind":"request","id":14,"name":"runs.get","args":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, 14, /runs.get: /],
      [`${'['.repeat(500_000)}`, 0, /not valid JSON/],
    ];
    for (const [frame, id, message] of bad) {
      client.ws.send(frame);
      const reply = await client.next(responseTo(id));
      expect(reply, frame.slice(0, 60)).toMatchObject({ response: { ok: false, error: { code: 'invalid_args' } } });
      if (reply.kind === 'response' && !reply.response.ok) expect(reply.response.error.message, frame.slice(0, 60)).toMatch(message);
    }
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect((await client.request(15, 'app.info')).response.ok).toBe(true);
    const closed = new Promise<number>((resolve) => client.ws.once('close', (code) => resolve(code)));
    client.ws.send('x'.repeat((1 << 20) + 1));
    expect(await closed).toBe(1009); // message too big
    const again = await connect();
    expect((await again.request(1, 'app.info')).response.ok).toBe(true);
    again.ws.close();
  });

  it('still answers after 200 connections opened and closed and 2,000 messages in a burst', async () => {
    for (let wave = 0; wave < 10; wave++) {
      const clients = await Promise.all(Array.from({ length: 20 }, () => connect()));
      for (const c of clients) c.ws.terminate();
    }
    const client = await connect();
    const replies = Array.from({ length: 2000 }, (_, i) => {
      const id = 1000 + i;
      client.ws.send(i % 2 ? 'not json' : JSON.stringify({ kind: 'request', id, name: 'app.info' }));
      return i % 2 ? undefined : client.next(responseTo(id));
    }).filter((reply) => reply !== undefined);
    expect((await Promise.all(replies)).every((r) => r.kind === 'response' && r.response.ok)).toBe(true);
    client.ws.close();
    const fresh = await connect();
    expect((await fresh.request(1, 'runs.list')).response.ok).toBe(true);
    fresh.ws.close();
    expect((await get('/')).status).toBe(200);
  }, 20_000);
});
