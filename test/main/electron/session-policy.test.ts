import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Session } from 'electron';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src-main/electron/content-security-policy';
import { applySessionPolicy, withContentSecurityPolicy } from '../../../src-main/electron/session-policy';

type Handler = (...args: unknown[]) => unknown;

function sessionSpy() {
  const seen: { request?: Handler; check?: Handler; headers?: Handler } = {};
  const session = {
    setPermissionRequestHandler: (h: Handler) => (seen.request = h),
    setPermissionCheckHandler: (h: Handler) => (seen.check = h),
    webRequest: { onHeadersReceived: (h: Handler) => (seen.headers = h) },
  };
  return { session: session as unknown as Session, seen };
}

const indexHtml = resolve('/opt/nn-lab/out/renderer/index.html');
const target = { kind: 'file', file: indexHtml } as const;

describe('the CSP', () => {
  it('is strict: no inline or remote script, no objects, no framing, no forms', () => {
    expect(contentSecurityPolicy).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "connect-src 'self' ws://127.0.0.1:* ws://localhost:*; object-src 'none'; base-uri 'none'; " +
        "frame-ancestors 'none'; form-action 'none'",
    );
  });

  it("replaces a server's own policy whatever its case and keeps other headers", () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy] });
  });
});

describe('applySessionPolicy', () => {
  it('denies every permission request and check', () => {
    const { session, seen } = sessionSpy();
    applySessionPolicy(session, target);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const answers: boolean[] = [];
      seen.request!({}, permission, (granted: boolean) => answers.push(granted), {});
      expect(answers).toEqual([false]);
      expect(seen.check!({}, permission, 'file://', {})).toBe(false);
    }
  });

  it("adds the CSP header to the app's own responses only", () => {
    const { session, seen } = sessionSpy();
    applySessionPolicy(session, target);
    const respond = (url: string) => {
      const results: unknown[] = [];
      seen.headers!({ url, responseHeaders: { 'Content-Type': ['text/html'] } }, (r: unknown) => results.push(r));
      return results;
    };
    expect(respond(pathToFileURL(indexHtml).href)).toEqual([
      { responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy] } },
    ]);
    expect(respond('https://example.com/')).toEqual([{}]);
  });

  it('adds it to every response of the dev server', () => {
    const { session, seen } = sessionSpy();
    applySessionPolicy(session, { kind: 'dev-server', url: 'http://localhost:5173/' });
    const results: Array<{ responseHeaders?: Record<string, string[]> }> = [];
    seen.headers!({ url: 'http://localhost:5173/src/main.ts', responseHeaders: {} }, (r: never) => results.push(r));
    expect(results[0]?.responseHeaders?.['Content-Security-Policy']).toEqual([contentSecurityPolicy]);
  });
});
