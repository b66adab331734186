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
const target = { kind: 'app-protocol', url: 'app://nn-lab/index.html', root: resolve(indexHtml, '..') } as const;
const appPolicy = contentSecurityPolicy(target);

describe('withContentSecurityPolicy', () => {
  it("replaces a server's own policy whatever its case and keeps other headers", () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] }, appPolicy);
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [appPolicy] });
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
    expect(respond('app://nn-lab/index.html')).toEqual([
      { responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [appPolicy] } },
    ]);
    expect(respond(pathToFileURL(indexHtml).href)).toEqual([{}]);
    expect(respond('https://example.com/')).toEqual([{}]);
  });

  it("adds the dev server's policy to every response of the dev server", () => {
    const { session, seen } = sessionSpy();
    const dev = { kind: 'dev-server', url: 'http://localhost:5173/' } as const;
    applySessionPolicy(session, dev);
    const results: Array<{ responseHeaders?: Record<string, string[]> }> = [];
    seen.headers!({ url: 'http://localhost:5173/src/main.ts', responseHeaders: {} }, (r: never) => results.push(r));
    expect(results[0]?.responseHeaders?.['Content-Security-Policy']).toEqual([contentSecurityPolicy(dev)]);
  });
});
