import { basename, dirname, resolve } from 'node:path';

/** The scheme and host the built renderer is served from (app-protocol.ts): app://nn-lab/index.html. */
export const appScheme = 'app';
export const appHost = 'nn-lab';
export const appOrigin = `${appScheme}://${appHost}`;

/**
 * Where the window's page comes from, and so which URLs count as "the app's own":
 * electron-vite's dev server while developing, else the built out/renderer folder served as app://nn-lab/.
 */
export type RendererTarget =
  | { kind: 'dev-server'; url: string } // e.g. http://localhost:5173/
  | { kind: 'app-protocol'; url: string; root: string }; // app://nn-lab/index.html, root = absolute out/renderer

/**
 * The dev server is used only in an unpackaged app and only when it is a plain http(s) URL: a packaged app
 * ignores ELECTRON_RENDERER_URL, so no environment variable can point the shipped window at another page.
 */
export function chooseRendererTarget(
  devServerUrl: string | undefined,
  isPackaged: boolean,
  indexHtml: string,
): RendererTarget {
  if (!isPackaged && devServerUrl && isHttpUrl(devServerUrl)) return { kind: 'dev-server', url: devServerUrl };
  const file = resolve(indexHtml);
  return { kind: 'app-protocol', url: `${appOrigin}/${basename(file)}`, root: dirname(file) };
}

/** The app's page itself: app://nn-lab/index.html (any hash or query), or any page of the dev server. */
export function isAppPage(url: string, target: RendererTarget): boolean {
  if (target.kind === 'dev-server') return sameOrigin(url, target.url);
  const parsed = parseUrl(url);
  const page = parseUrl(target.url);
  return parsed !== null && page !== null && isAppOrigin(parsed) && parsed.pathname === page.pathname;
}

/** Anything the app's page loads from its own place: app://nn-lab/…, or the dev server's origin. */
export function isAppResource(url: string, target: RendererTarget): boolean {
  if (target.kind === 'dev-server') return sameOrigin(url, target.url);
  const parsed = parseUrl(url);
  return parsed !== null && isAppOrigin(parsed);
}

export function isHttpUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:');
}

function isAppOrigin(url: URL): boolean {
  return url.protocol === `${appScheme}:` && url.host === appHost;
}

function sameOrigin(a: string, b: string): boolean {
  const left = parseUrl(a);
  const right = parseUrl(b);
  return left !== null && right !== null && left.origin !== 'null' && left.origin === right.origin;
}

export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
