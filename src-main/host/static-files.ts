import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/**
 * The file under `root` a URL path names, or undefined when it would leave `root` (`..`, encoded
 * slashes, NUL bytes) or cannot be decoded. `/` is index.html.
 */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const file = resolve(base, relative);
  return file.startsWith(base + sep) ? file : undefined;
}

export function contentTypeOf(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Answers GET and HEAD for the files of the built renderer; everything else is 404 or 405. */
export async function serveStaticFile(
  request: IncomingMessage,
  response: ServerResponse,
  root: string,
  headers: Record<string, string>,
): Promise<void> {
  const send = (status: number, text: string): void => {
    response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(text);
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return send(405, 'Method not allowed');
  }
  const urlPath = (request.url ?? '/').split('?')[0]!.split('#')[0]!;
  const file = resolveStaticPath(root, urlPath);
  if (!file) return send(404, 'Not found');
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) return send(404, 'Not found');
    size = info.size;
  } catch {
    if (urlPath === '/favicon.ico') {
      // Browsers ask for it unprompted; an empty answer keeps a 404 out of the page's console.
      response.writeHead(204, headers);
      response.end();
      return;
    }
    const indexMissing = urlPath === '/' || urlPath === '/index.html';
    return indexMissing ? send(503, `The app is not built: ${file} is missing. Run 'npm run build'.`) : send(404, 'Not found');
  }
  response.writeHead(200, { ...headers, 'Content-Type': contentTypeOf(file), 'Content-Length': String(size) });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}
