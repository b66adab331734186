import type { EventName, RequestName } from '../../../src-core/contract/api';
import type { ApiResponse } from '../../../src-core/contract/api-error';

/** Whether requests can reach the main process right now. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

/**
 * How the renderer reaches the main process: the Electron preload bridge or the browser host's
 * WebSocket. Both carry the same `ApiResponse` values, so nothing above this interface can tell them apart.
 */
export interface Transport {
  request(name: RequestName, args: unknown): Promise<ApiResponse<unknown>>;
  /** Listens to one event; returns the unsubscribe function. */
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
  /** Reports the connection state now and on every change; returns the unsubscribe function. */
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
}
