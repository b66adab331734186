import type { EventName, RequestName } from './api';
import type { ApiResponse } from './api-error';

/**
 * The browser host's WebSocket messages (JSON text frames on `/api`). Electron's IPC carries the
 * same `ApiResponse` values, so the renderer cannot tell the transports apart.
 */
export interface WireRequest {
  kind: 'request';
  id: number;
  name: RequestName;
  args: unknown;
}

export type WireServerMessage =
  | { kind: 'response'; id: number; response: ApiResponse<unknown> }
  | { kind: 'event'; name: EventName; payload: unknown };

/** The WebSocket path, and the query parameter that carries the session token. */
export const wirePath = '/api';
export const wireTokenParam = 'token';
