import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the window's page comes from, and so which URLs count as "the app's own":
 * electron-vite's dev server while developing, else the built file out/renderer/index.html.
 */
export type RendererTarget =
  | { kind: 'dev-server'; url: string } // e.g. http://localhost:5173/
  | { kind: 'file'; file: string }; // absolute path of out/renderer/index.html

/** The dev server is used only in an unpackaged app and only when it is a plain http(s) URL. */
export function chooseRendererTarget(
  devServerUrl: string | undefined,
  isPackaged: boolean,
  indexHtml: string,
): RendererTarget {
  if (!isPackaged && devServerUrl && isHttpUrl(devServerUrl)) return { kind: 'dev-server', url: devServerUrl };
  return { kind: 'file', file: resolve(indexHtml) };
}

/** The app's page itself: the renderer's index.html (any hash or query), or any page of the dev server. */
export function isAppPage(url: string, target: RendererTarget): boolean {
  if (target.kind === 'dev-server') return sameOrigin(url, target.url);
  const file = filePathOf(url);
  return file !== null && samePath(file, target.file);
}

/** Anything the app's page loads from its own place: files under out/renderer, or the dev server's origin. */
export function isAppResource(url: string, target: RendererTarget): boolean {
  if (target.kind === 'dev-server') return sameOrigin(url, target.url);
  const file = filePathOf(url);
  if (file === null) return false;
  const root = dirname(target.file);
  return samePath(file, root) || normalise(file).startsWith(normalise(root + sep));
}

export function isHttpUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:');
}

function sameOrigin(a: string, b: string): boolean {
  const left = parseUrl(a);
  const right = parseUrl(b);
  return left !== null && right !== null && left.origin !== 'null' && left.origin === right.origin;
}

function filePathOf(url: string): string | null {
  const parsed = parseUrl(url);
  if (parsed === null || parsed.protocol !== 'file:') return null;
  try {
    return resolve(fileURLToPath(parsed));
  } catch {
    return null; // e.g. a file URL with a host on POSIX
  }
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

// Windows paths compare case-insensitively.
const normalise = (path: string): string => (process.platform === 'win32' ? path.toLowerCase() : path);
const samePath = (a: string, b: string): boolean => normalise(resolve(a)) === normalise(resolve(b));
