import type { PreloadBridge } from '../../../src-core/contract/api-names';
import { IpcTransport } from './ipc-transport';
import { createLabApi } from './lab-api';
import type { Transport } from './transport';
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

/** The app's one transport and the one typed API over it. */
export const transport: Transport = pickTransport();
export const api = createLabApi(transport);
