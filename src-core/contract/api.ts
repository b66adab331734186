import type { z } from 'zod';
import { ApiError } from './api-error';
import { appRequestSchemas, type AppEventPayloads, type AppRequestResults } from './app-api';
import { datasetsRequestSchemas, type DatasetsEventPayloads, type DatasetsRequestResults } from './datasets-api';
import { runsRequestSchemas, type RunsEventPayloads, type RunsRequestResults } from './runs-api';
import { sweepsRequestSchemas, type SweepsEventPayloads, type SweepsRequestResults } from './sweeps-api';
import { closestIssue, issueMessage } from './schema-issue';

/**
 * The one typed contract for everything that crosses a process boundary: the Electron preload
 * bridge and the browser host's WebSocket speak exactly this. Each request has a runtime schema
 * for its arguments (payloads are validated at the boundary) and a result type.
 *
 * It is composed of one file per domain (`app-api.ts`, `datasets-api.ts`, `runs-api.ts`, `sweeps-api.ts`), each
 * with its request schemas, results and events; a new domain (learn) is one more file and one more line in each
 * of the three maps below.
 */

export const requestSchemas = {
  ...appRequestSchemas,
  ...datasetsRequestSchemas,
  ...runsRequestSchemas,
  ...sweepsRequestSchemas,
} as const;

export interface RequestResults extends AppRequestResults, DatasetsRequestResults, RunsRequestResults, SweepsRequestResults {}

/** Events pushed from main to every connected renderer. */
export interface EventPayloads extends AppEventPayloads, DatasetsEventPayloads, RunsEventPayloads, SweepsEventPayloads {}

export type RequestName = keyof typeof requestSchemas;
export type EventName = keyof EventPayloads;
export type RequestArgs<K extends RequestName> = z.infer<(typeof requestSchemas)[K]>;
export type RequestResult<K extends RequestName> = RequestResults[K];

/** Every request name has a result type, and every result type a request: checked at compile time. */
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _namesMatch: Exact<RequestName, keyof RequestResults> = true;
void _namesMatch;

/** What the renderer sees, whatever the transport. */
export type LabApi = {
  [K in RequestName]: (args: RequestArgs<K>) => Promise<RequestResult<K>>;
};

/** What the main process implements; a missing handler is a type error. */
export type RequestHandlers = {
  [K in RequestName]: (args: RequestArgs<K>) => Promise<RequestResult<K>> | RequestResult<K>;
};

export type EventListener<K extends EventName> = (payload: EventPayloads[K]) => void;

/** Validates a payload at the boundary; the message names the request and the field. */
export function parseRequestArgs<K extends RequestName>(name: K, raw: unknown): RequestArgs<K> {
  const schema = requestSchemas[name] as z.ZodType;
  const result = schema.safeParse(raw);
  if (result.success) return result.data as RequestArgs<K>;
  const issue = closestIssue(result.error.issues[0]!);
  const field = issue.path.map(String).join('.');
  throw new ApiError({
    code: 'invalid_args',
    message: `${name}: ${field ? `${field}: ` : ''}${issueMessage(issue, raw)}`,
    ...(field ? { field } : {}),
  });
}

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requestSchemas, name);
}
