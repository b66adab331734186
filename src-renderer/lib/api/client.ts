import type { PreloadBridge } from '../../../src-core/contract/api-names';
import { IpcTransport } from './ipc-transport';
import { createLabApi } from './lab-api';
import type { Transport } from './transport';
import { wireTokenParam } from '../../../src-core/contract/wire';
import { WebSocketTransport, hostSocketUrl } from './websocket-transport';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a browser. */
    nnLab?: PreloadBridge;
  }
}

/** The Electron bridge when the preload exposed one, otherwise the browser host's WebSocket. */
function pickTransport(): Transport {
  if (window.nnLab) return new IpcTransport(window.nnLab);
  return new WebSocketTransport(hostSocketUrl(window.location));
}

let chosen: Transport | undefined;
const current = (): Transport => (chosen ??= pickTransport());

/**
 * The app's one transport, picked on first use (so importing a store opens no connection), and the
 * one typed API over it.
 */
export const transport: Transport = {
  request: (name, args) => current().request(name, args),
  subscribe: (event, listener) => current().subscribe(event, listener),
  onConnectionChange: (listener) => current().onConnectionChange(listener),
};
export const api = createLabApi(transport);

/** Why the lab may be unable to connect, when the page itself can tell: a browser address without its token. */
export function connectionHint(): string | null {
  if (window.nnLab || new URLSearchParams(window.location.search).get(wireTokenParam)) return null;
  return 'This address has no session token. Open the full address that `npm run serve` printed (it ends in ?token=…).';
}
