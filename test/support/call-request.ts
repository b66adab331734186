import type { RequestHandlers, RequestName, RequestResult } from '../../src-core/contract/api';
import { ApiError } from '../../src-core/contract/api-error';
import { dispatchRequest } from '../../src-main/app/dispatch';

/** A request through the same dispatch as IPC and the WebSocket: validated, errors thrown as ApiError. */
export async function callRequest<K extends RequestName>(handlers: RequestHandlers, name: K, args?: unknown): Promise<RequestResult<K>> {
  const response = await dispatchRequest(handlers, name, args);
  if (!response.ok) throw new ApiError(response.error);
  return response.value as RequestResult<K>;
}
