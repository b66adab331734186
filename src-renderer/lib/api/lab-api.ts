import type { EventName, EventPayloads, LabApi, RequestName } from '../../../src-core/contract/api';
import { ApiError } from '../../../src-core/contract/api-error';
import { requestNames } from '../../../src-core/contract/api-names';
import type { Transport } from './transport';

/** The typed API over any transport: each method resolves to its result or throws an `ApiError`. */
export function createLabApi(transport: Transport): LabApi {
  const call = async (name: RequestName, args: unknown): Promise<unknown> => {
    let response;
    try {
      response = await transport.request(name, args);
    } catch (error) {
      throw ApiError.from(error);
    }
    if (!response.ok) throw new ApiError(response.error);
    return response.value;
  };
  const api: Record<string, (args: unknown) => Promise<unknown>> = {};
  for (const name of requestNames) api[name] = (args) => call(name, args);
  return api as unknown as LabApi;
}

/** Listens to one typed event; returns the unsubscribe function. */
export function onEvent<K extends EventName>(
  transport: Transport,
  name: K,
  listener: (payload: EventPayloads[K]) => void,
): () => void {
  return transport.subscribe(name, (payload) => listener(payload as EventPayloads[K]));
}
