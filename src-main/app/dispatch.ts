import { isRequestName, parseRequestArgs, type RequestHandlers } from '../../src-core/contract/api';
import { ApiError, type ApiResponse } from '../../src-core/contract/api-error';

/**
 * Runs one request from any transport: checks the name, validates the payload, calls the handler,
 * and turns every failure into an `ApiErrorData` (no stack trace ever reaches the renderer).
 */
export async function dispatchRequest(
  handlers: RequestHandlers,
  name: unknown,
  rawArgs: unknown,
  log: (message: string, error: unknown) => void = logUnexpected,
): Promise<ApiResponse<unknown>> {
  try {
    if (!isRequestName(name)) {
      throw new ApiError({ code: 'invalid_args', message: `Unknown request ${JSON.stringify(String(name)).slice(0, 80)}` });
    }
    const args = parseRequestArgs(name, rawArgs);
    const handler = handlers[name] as (a: unknown) => unknown;
    return { ok: true, value: await handler(args) };
  } catch (error) {
    if (!(error instanceof ApiError)) log(`request ${String(name)} failed`, error);
    return { ok: false, error: ApiError.from(error).toData() };
  }
}

function logUnexpected(message: string, error: unknown): void {
  console.error(`[nn-lab] ${message}:`, error);
}
