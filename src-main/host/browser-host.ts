import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { RequestHandlers } from '../../src-core/contract/api';
import { wireFrameBytes, wirePath, wireTokenParam } from '../../src-core/contract/wire';
import { dispatchRequest } from '../app/dispatch';
import type { EventBus } from '../app/event-bus';
import { isAllowedHost, isAllowedOrigin, tokensMatch } from './request-guard';
import { securityHeaders } from './security-headers';
import { serveStaticFile } from './static-files';
import { encodeServerMessage, parseWireRequest } from './wire-messages';

export interface BrowserHostOptions {
  handlers: RequestHandlers;
  bus: EventBus;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** The session token; random by default. */
  token?: string;
}

export interface BrowserHost {
  port: number;
  token: string;
  /** What the user opens: the page, with the token the page passes on to the API. */
  url: string;
  close(): Promise<void>;
}

/** Largest request frame accepted (a run config is a few kilobytes). */
const maxFrameBytes = wireFrameBytes;

/**
 * The browser host: serves the built renderer over HTTP and the API over a WebSocket on `/api`, on
 * 127.0.0.1 only. Every request goes through `dispatchRequest`; every bus event goes to every client.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });
  await listen(server, options.port);
  const port = (server.address() as AddressInfo).port;
  const headers = securityHeaders(port);

  server.on('request', (request, response) => {
    if (!isAllowedHost(request.headers.host, port)) {
      response.writeHead(421, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Misdirected request: this server answers only to 127.0.0.1 and localhost.');
      return;
    }
    serveStaticFile(request, response, options.rendererDir, headers).catch(() => response.destroy());
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refusal = refuseUpgrade(request, port, token);
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => serveClient(ws, options.handlers));
  });

  const unsubscribe = options.bus.subscribe((name, payload) => {
    const frames = encodeServerMessage({ kind: 'event', name, payload });
    for (const client of wss.clients) if (client.readyState === client.OPEN) for (const frame of frames) client.send(frame);
  });

  const close = async (): Promise<void> => {
    unsubscribe();
    for (const client of wss.clients) client.close(1001, 'server closing');
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  return { port, token, url: `http://127.0.0.1:${port}/?${wireTokenParam}=${token}`, close };
}

/** The status line refusing a WebSocket upgrade, or undefined to accept it. */
function refuseUpgrade(request: IncomingMessage, port: number, token: string): string | undefined {
  const { host, origin } = request.headers;
  if (!isAllowedHost(host, port)) return '421 Misdirected Request';
  const url = new URL(request.url ?? '/', `http://${host}`);
  if (url.pathname !== wirePath) return '404 Not Found';
  if (!tokensMatch(url.searchParams.get(wireTokenParam), token)) return '401 Unauthorized';
  if (!isAllowedOrigin(origin, host, port)) return '403 Forbidden';
  return undefined;
}

function serveClient(ws: WebSocket, handlers: RequestHandlers): void {
  ws.on('error', () => ws.terminate());
  ws.on('message', (data, isBinary) => {
    const parsed = parseWireRequest(data, isBinary);
    if (!parsed.ok) {
      send(ws, { kind: 'response', id: parsed.id, response: { ok: false, error: { code: 'invalid_args', message: parsed.message } } });
      return;
    }
    const { id, name, args } = parsed.request;
    void dispatchRequest(handlers, name, args).then((response) => send(ws, { kind: 'response', id, response }));
  });
}

function send(ws: WebSocket, message: Parameters<typeof encodeServerMessage>[0]): void {
  // A message's frames are sent in one go, so no other message's frames come between them.
  if (ws.readyState === ws.OPEN) for (const frame of encodeServerMessage(message)) ws.send(frame);
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const message =
        error.code === 'EADDRINUSE'
          ? `Port ${port} on 127.0.0.1 is already in use; pass --port with another number, or --port 0 for any free port.`
          : `Cannot listen on 127.0.0.1:${port}: ${error.message}`;
      reject(new Error(message));
    };
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
}
