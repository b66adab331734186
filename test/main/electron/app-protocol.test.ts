import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { appSchemePrivileges, createAppProtocolHandler } from '../../../src-main/electron/app-protocol';
import { useTempDir } from '../../support/temp-dir';

const policy = "default-src 'self'; connect-src 'self'";
const temp = useTempDir('nn-lab-app-protocol-');
let root = '';
let serve: (request: Request) => Promise<Response>;

/** A built renderer folder, and beside it a file the page must never reach. */
beforeEach(() => {
  root = join(temp.dir, 'out', 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>NN Lab</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {};');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'icon-abc.svg'), '<svg/>');
  writeFileSync(join(root, 'assets', 'kernels.wasm'), new Uint8Array([0, 97, 115, 109]));
  writeFileSync(join(root, 'assets', 'notes.xyz'), '<script>alert(1)</script>');
  writeFileSync(join(temp.dir, 'out', 'secret.txt'), 'SECRET');
  writeFileSync(join(temp.dir, 'secret.txt'), 'SECRET');
  serve = createAppProtocolHandler(root, policy);
});

const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

describe('the app:// scheme', () => {
  it('is standard and secure, so the page has an origin of its own and fetch works', () => {
    expect(appSchemePrivileges).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    });
  });
});

describe('createAppProtocolHandler', () => {
  it('serves the built files with their MIME types, the CSP and nosniff', async () => {
    const page = await get('app://nn-lab/index.html');
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<!doctype html><title>NN Lab</title>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(policy);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');

    const types = async (path: string) => (await get(`app://nn-lab/${path}`)).headers.get('content-type');
    expect(await types('assets/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(await types('assets/index-abc.css')).toBe('text/css; charset=utf-8');
    expect(await types('assets/icon-abc.svg')).toBe('image/svg+xml');
    expect(await types('assets/kernels.wasm')).toBe('application/wasm');
    expect(await types('assets/notes.xyz')).toBe('application/octet-stream');
    expect(new Uint8Array(await (await get('app://nn-lab/assets/kernels.wasm')).arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109]));
  });

  it('serves index.html for the bare origin, ignores hash and query, and decodes escapes', async () => {
    expect(await (await get('app://nn-lab/')).text()).toContain('NN Lab');
    expect(await (await get('app://nn-lab/index.html?x=1#/runs')).text()).toContain('NN Lab');
    expect((await get('app://nn-lab/assets/index%2Dabc.js')).status).toBe(200);
  });

  it('refuses every path that climbs out of the renderer folder, however it is spelt', async () => {
    const attempts = [
      'app://nn-lab/..%2fsecret.txt',
      'app://nn-lab/..%2f..%2fsecret.txt',
      'app://nn-lab/assets/..%2f..%2f..%2fsecret.txt',
      'app://nn-lab/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://nn-lab/..%5c..%5csecret.txt',
      `app://nn-lab/${encodeURIComponent(join(temp.dir, 'secret.txt'))}`,
      'app://nn-lab/index.html%00.png',
      'app://nn-lab/%E0%A4%A',
    ];
    for (const url of attempts) {
      const response = await get(url);
      const body = await response.text();
      expect({ url, status: response.status, leaked: body.includes('SECRET') }).toMatchObject({ url, leaked: false });
      expect([403, 404]).toContain(response.status);
      expect(response.headers.get('content-security-policy')).toBe(policy);
    }
    // URL parsing already folds plain dot segments into the root: they land on files inside it, or on nothing.
    expect((await get('app://nn-lab/../../secret.txt')).status).toBe(404);
  });

  it('answers only its own host and only GET or HEAD', async () => {
    expect((await get('app://evil.example/index.html')).status).toBe(403);
    expect((await get('app://nn-lab/index.html', 'POST')).status).toBe(405);
    const head = await get('app://nn-lab/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 404 for a missing file or a folder', async () => {
    expect((await get('app://nn-lab/missing.js')).status).toBe(404);
    expect((await get('app://nn-lab/assets')).status).toBe(404);
    expect((await get('app://nn-lab/assets/')).status).toBe(404);
  });
});
