import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, contentSecurityPolicyDirectives } from '../../../src-main/electron/content-security-policy';

const appTarget = { kind: 'app-protocol', url: 'app://nn-lab/index.html', root: resolve('/opt/nn-lab/out/renderer') } as const;
const devTarget = { kind: 'dev-server', url: 'http://localhost:5173/' } as const;

/** The meta tag in src-renderer/index.html, as directives. */
function rendererMetaPolicy(): string[] {
  const html = readFileSync(resolve(import.meta.dirname, '../../../src-renderer/index.html'), 'utf8');
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  expect(meta, 'src-renderer/index.html has no Content-Security-Policy meta tag').not.toBeNull();
  return meta![1]!.split(';').map((directive) => directive.trim().replace(/\s+/g, ' ')).filter(Boolean);
}

const connectSrc = (directives: string[]) => directives.find((d) => d.startsWith('connect-src '))!.split(' ').slice(1);

describe('the CSP of the desktop app', () => {
  it("lets the page connect to its own files only: no loopback port, no WebSocket", () => {
    expect(contentSecurityPolicy(appTarget)).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
  });

  it("lets the dev server's page reach Vite's hot-reload socket on that server only", () => {
    expect(connectSrc(contentSecurityPolicyDirectives(devTarget))).toEqual(["'self'", 'ws://localhost:5173']);
    expect(connectSrc(contentSecurityPolicyDirectives({ kind: 'dev-server', url: 'https://127.0.0.1:8443/' }))).toEqual([
      "'self'",
      'wss://127.0.0.1:8443',
    ]);
  });
});

describe("the renderer's CSP meta tag", () => {
  // The page obeys the header and the tag together; the tag also serves the browser host (its WebSocket on loopback).
  it("is the header's policy less frame-ancestors (which a meta tag cannot carry), connect-src at most wider", () => {
    const meta = rendererMetaPolicy();
    for (const target of [appTarget, devTarget]) {
      const header = contentSecurityPolicyDirectives(target).filter((d) => !d.startsWith('frame-ancestors'));
      const others = (directives: string[]) => directives.filter((d) => !d.startsWith('connect-src')).sort();
      expect(others(meta)).toEqual(others(header));
    }
    expect(connectSrc(meta)).toContain("'self'");
    expect(connectSrc(meta)).toContain('ws://localhost:*'); // covers the dev server's socket
  });
});
