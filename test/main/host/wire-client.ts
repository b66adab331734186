import { WebSocket } from 'ws';
import { WireDecoder, type WireServerMessage } from '../../../src-core/contract/wire';

export interface WireClient {
  ws: WebSocket;
  /** Messages no `next` has taken yet, in arrival order. */
  messages: WireServerMessage[];
  /** The next message that matches (taken out of `messages`). */
  next(match: (m: WireServerMessage) => boolean): Promise<WireServerMessage>;
  /** Sends a request and resolves with its response. */
  request(id: number, name: string, args?: unknown): Promise<Extract<WireServerMessage, { kind: 'response' }>>;
}

export interface ConnectOptions {
  port: number;
  token: string | null;
  /** The Host header; default 127.0.0.1:port. */
  host?: string;
  /** The Origin header (null: none); default the page's own origin. */
  origin?: string | null;
  path?: string;
}

/** Opens the API WebSocket as the page would; rejects with `refused <status>` when the upgrade is refused. */
export function connectWire(options: ConnectOptions): Promise<WireClient> {
  const { port, token } = options;
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  const ws = new WebSocket(`ws://127.0.0.1:${port}${options.path ?? '/api'}${query}`, {
    headers: { host: options.host ?? `127.0.0.1:${port}` },
    ...(options.origin === null ? {} : { origin: options.origin ?? `http://127.0.0.1:${port}` }),
  });
  const messages: WireServerMessage[] = [];
  const waiters: Array<{ match: (m: WireServerMessage) => boolean; resolve: (m: WireServerMessage) => void }> = [];
  const decoder = new WireDecoder();
  ws.on('message', (data: Buffer, isBinary) => {
    const message = decoder.push(isBinary ? new Uint8Array(data) : String(data)) as WireServerMessage | undefined;
    if (!message) return;
    const waiter = waiters.find((w) => w.match(message));
    if (!waiter) {
      messages.push(message);
      return;
    }
    waiters.splice(waiters.indexOf(waiter), 1);
    waiter.resolve(message);
  });
  const next = (match: (m: WireServerMessage) => boolean): Promise<WireServerMessage> => {
    const already = messages.find(match);
    if (already) {
      messages.splice(messages.indexOf(already), 1);
      return Promise.resolve(already);
    }
    return new Promise((resolve) => waiters.push({ match, resolve }));
  };
  const request = async (id: number, name: string, args?: unknown) => {
    ws.send(JSON.stringify({ kind: 'request', id, name, args }));
    return (await next((m) => m.kind === 'response' && m.id === id)) as Extract<WireServerMessage, { kind: 'response' }>;
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, messages, next, request }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once('error', reject);
  });
}
