import type { EventName, RequestName } from '../../../src-core/contract/api';
import { ApiError, type ApiResponse } from '../../../src-core/contract/api-error';
import { WireDecoder, wirePath, wireTokenParam, type WireRequest, type WireServerMessage } from '../../../src-core/contract/wire';
import type { ConnectionState, Transport } from './transport';

/** The part of the DOM `WebSocket` this transport uses (the `ws` package's client has it too). */
export interface SocketLike {
  readonly readyState: number;
  /** Set to 'arraybuffer': binary frames (tensors' bytes) arrive as ArrayBuffers. */
  binaryType: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface WebSocketTransportOptions {
  /** Opens a socket; the browser's `WebSocket` by default. */
  createSocket?: (url: string) => SocketLike;
  /** The first reconnect delay, doubled after every failed attempt up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

interface Pending {
  name: RequestName;
  resolve: (response: ApiResponse<unknown>) => void;
  reject: (error: ApiError) => void;
}

const OPEN = 1;

/**
 * The browser host's transport: the frames of `src-core/contract/wire.ts` over one WebSocket (JSON text, and
 * binary frames for tensors).
 * Requests made while connecting are queued; when the socket closes every unanswered request is
 * rejected with an `unavailable` ApiError, and the socket reconnects with exponential backoff.
 */
export class WebSocketTransport implements Transport {
  private socket: SocketLike | undefined;
  private state: ConnectionState = 'connecting';
  private nextId = 1;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private closedByUser = false;
  private readonly pending = new Map<number, Pending>();
  private readonly outbox: WireRequest[] = [];
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly createSocket: (url: string) => SocketLike;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly url: string,
    options: WebSocketTransportOptions = {},
  ) {
    this.createSocket = options.createSocket ?? ((u) => new WebSocket(u));
    this.initialDelayMs = options.initialDelayMs ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 5000;
    this.connect();
  }

  request(name: RequestName, args: unknown): Promise<ApiResponse<unknown>> {
    if (this.closedByUser) {
      return Promise.reject(new ApiError({ code: 'unavailable', message: 'The connection to NN Lab is closed.' }));
    }
    const id = this.nextId++;
    const message: WireRequest = { kind: 'request', id, name, args };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { name, resolve, reject });
      if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(message));
      else this.outbox.push(message);
    });
  }

  subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  onConnectionChange(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => this.stateListeners.delete(listener);
  }

  /** Closes the socket for good and rejects whatever is unanswered. */
  close(): void {
    this.closedByUser = true;
    clearTimeout(this.retryTimer);
    this.socket?.close(1000, 'closed by the page');
    this.failPending();
  }

  private connect(): void {
    const socket = this.createSocket(this.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    const decoder = new WireDecoder();
    socket.addEventListener('open', () => {
      this.attempt = 0;
      this.setState('open');
      for (const message of this.outbox.splice(0)) socket.send(JSON.stringify(message));
    });
    socket.addEventListener('message', (event) => this.receive(decoder, event.data));
    // A failed connection reports 'error' and then 'close'; 'close' does the work.
    socket.addEventListener('error', () => {});
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.failPending();
      if (this.closedByUser) return;
      this.setState('reconnecting');
      const delay = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** this.attempt++);
      this.retryTimer = setTimeout(() => this.connect(), delay);
    });
  }

  private receive(decoder: WireDecoder, data: unknown): void {
    let message: WireServerMessage | undefined;
    try {
      message = decoder.push(data instanceof ArrayBuffer ? new Uint8Array(data) : String(data)) as WireServerMessage | undefined;
    } catch (error) {
      console.warn(`[nn-lab] ignored a WebSocket frame: ${(error as Error).message}`);
      return;
    }
    if (!message) return;
    if (message.kind === 'response') {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      pending.resolve(message.response);
    } else if (message.kind === 'event') {
      for (const listener of this.listeners.get(message.name) ?? []) {
        try {
          listener(message.payload);
        } catch (error) {
          console.error(`[nn-lab] a listener for ${message.name} failed:`, error);
        }
      }
    }
  }

  private failPending(): void {
    this.outbox.length = 0;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const { name, reject } of pending) {
      reject(
        new ApiError({
          code: 'unavailable',
          message: `Lost the connection to NN Lab before "${name}" was answered. Check that the NN Lab host is still running.`,
        }),
      );
    }
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }
}

/** The browser host's API address, with the session token taken from the page's own address. */
export function hostSocketUrl(location: { protocol: string; host: string; search: string }): string {
  const token = new URLSearchParams(location.search).get(wireTokenParam) ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${wirePath}?${wireTokenParam}=${encodeURIComponent(token)}`;
}
