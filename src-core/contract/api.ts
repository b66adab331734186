import { z } from 'zod';
import { ApiError } from './api-error';
import type { DatasetInfo, DatasetPreview } from './datasets';
import { modelSpecSchema } from './model-spec';
import { trainConfigSchema } from './run-config';
import type { EpochMetrics, RunDetail, RunSummary } from './training';

/**
 * The one typed contract for everything that crosses a process boundary: the Electron preload
 * bridge and the browser host's WebSocket speak exactly this. Each request has a runtime schema
 * for its arguments (payloads are validated at the boundary) and a result type.
 */

const runId = z.strictObject({ id: z.string().min(1).max(64) });

export const requestSchemas = {
  'app.info': z.void(),
  'datasets.list': z.void(),
  'datasets.preview': z.strictObject({ id: z.string().min(1).max(64) }),
  'runs.start': z.strictObject({
    datasetId: z.string().min(1).max(64),
    name: z.string().max(200).optional(),
    spec: modelSpecSchema,
    train: trainConfigSchema,
  }),
  'runs.list': z.void(),
  'runs.get': runId,
  'runs.stop': runId,
} as const;

export interface AppInfo {
  name: string;
  version: string;
  /** How the renderer is connected: the Electron preload bridge or the browser host. */
  host: 'electron' | 'browser';
  databasePath: string;
  threads: number;
}

export interface RequestResults {
  'app.info': AppInfo;
  'datasets.list': DatasetInfo[];
  'datasets.preview': DatasetPreview;
  'runs.start': RunSummary;
  'runs.list': RunSummary[];
  'runs.get': RunDetail;
  'runs.stop': RunSummary;
}

/** Events pushed from main to every connected renderer. */
export interface EventPayloads {
  /** One epoch finished and is stored. */
  'run.progress': { runId: string; metrics: EpochMetrics };
  /** A run changed status (queued, running, completed, failed...). */
  'run.status': RunSummary;
}

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
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  throw new ApiError({
    code: 'invalid_args',
    message: `${name}: ${field ? `${field}: ` : ''}${issue.message}`,
    ...(field ? { field } : {}),
  });
}

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requestSchemas, name);
}
