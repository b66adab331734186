import type { EventName, RequestName } from '../../src-core/contract/api';
import type { ApiResponse } from '../../src-core/contract/api-error';
import { eventChannel, eventNames, requestChannel, requestNames, type PreloadBridge } from '../../src-core/contract/api-names';

/** The part of Electron's ipcRenderer the bridge uses; the page never sees it. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

type Request = PreloadBridge['request'][RequestName];
type Subscribe = PreloadBridge['subscribe'][EventName];

/**
 * `window.nnLab`: one method per request of the contract and one subscribe per event, nothing else.
 * Requests always resolve to an ApiResponse, even when the main process has no handler; listeners
 * get the payload alone, never the IPC event (which would leak `sender`, i.e. ipcRenderer).
 */
export function createBridge(ipc: BridgeIpc): PreloadBridge {
  const request = {} as Record<RequestName, Request>;
  for (const name of requestNames) {
    const channel = requestChannel(name);
    request[name] = (args) => ipc.invoke(channel, args).then(asResponse, (error: unknown) => unreachable(name, error));
  }

  const subscribe = {} as Record<EventName, Subscribe>;
  for (const name of eventNames) {
    const channel = eventChannel(name);
    subscribe[name] = (listener) => {
      if (typeof listener !== 'function') throw new TypeError(`nnLab.subscribe['${name}'] needs a function`);
      const forward = (_event: unknown, payload: unknown): void => listener(payload);
      ipc.on(channel, forward);
      return () => void ipc.removeListener(channel, forward);
    };
  }

  return Object.freeze({ request: Object.freeze(request), subscribe: Object.freeze(subscribe) });
}

function asResponse(value: unknown): ApiResponse<unknown> {
  return value as ApiResponse<unknown>;
}

/** invoke rejects when main has no handler (it failed to start) or the args cannot be cloned. */
function unreachable(name: RequestName, error: unknown): ApiResponse<unknown> {
  const detail = error instanceof Error ? error.message : String(error);
  return { ok: false, error: { code: 'unavailable', message: `${name}: the request did not reach the main process (${detail})` } };
}
