import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CustomScheme } from 'electron';
import { contentTypeOf, resolveStaticPath } from '../host/static-files';
import { appHost, appScheme, parseUrl } from './renderer-target';

/**
 * app:// is a standard, secure scheme (an origin of its own, like https): registered before the app is
 * ready, it gives the page `'self'`, fetch and V8's code cache, which file:// pages lack or over-grant
 * (Electron security checklist item 18). `corsEnabled` stays off: the page's module scripts are
 * same-origin and need no CORS, and without it no other origin may read app:// files.
 */
export const appSchemePrivileges: CustomScheme = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/**
 * The `protocol.handle('app', …)` handler: app://nn-lab/<path> is the file <root>/<path> (`/` is
 * index.html). Only GET and HEAD, only that host, and only files inside root: a path that climbs out
 * (`..` encoded or not, a backslash, NUL) is refused with 403, by the browser host's own path check
 * (host/static-files.ts), and types come from its table. Every response carries the CSP and `nosniff`.
 * fs reads through Electron's asar support, so root may lie inside app.asar.
 */
export function createAppProtocolHandler(root: string, contentSecurityPolicy: string): (request: Request) => Promise<Response> {
  const base = resolve(root);
  const respond = (status: number, body: string | Uint8Array | null, type = 'text/plain; charset=utf-8'): Response =>
    new Response(body, {
      status,
      headers: {
        'Content-Type': type,
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, `${request.method} is not allowed`);
    const url = parseUrl(request.url);
    if (url === null || url.protocol !== `${appScheme}:` || url.host !== appHost) return respond(403, 'Not an app page');
    const file = resolveStaticPath(base, url.pathname);
    if (file === undefined) return respond(403, 'Outside the app');
    try {
      if (!(await stat(file)).isFile()) return respond(404, 'Not found');
      const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(file));
      return respond(200, body, contentTypeOf(file));
    } catch {
      return respond(404, 'Not found');
    }
  };
}
