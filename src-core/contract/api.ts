import { z } from 'zod';
import { ApiError } from './api-error';
import type { DatasetImportResult, DatasetInfo, DatasetInspection, DatasetPreview } from './datasets';
import { modelSpecSchema } from './model-spec';
import { trainConfigSchema } from './run-config';
import { runsRequestSchemas, type AppNotice, type RunsRequestResults } from './runs-api';
import type { EpochMetrics, RunDetail, RunSummary } from './training';
import { closestIssue, issueMessage } from './schema-issue';

/**
 * The one typed contract for everything that crosses a process boundary: the Electron preload
 * bridge and the browser host's WebSocket speak exactly this. Each request has a runtime schema
 * for its arguments (payloads are validated at the boundary) and a result type.
 */

const runId = z.strictObject({ id: z.string().min(1).max(64) });
const datasetId = z.strictObject({ id: z.string().min(1).max(64) });
/** Chosen by the caller, so it can match `dataset.import-progress` events and cancel before the import returns. */
const importId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only (at most 64)');
const columnKindSchema = z.enum(['numeric', 'boolean', 'categorical', 'text', 'id', 'constant', 'empty']);

export const requestSchemas = {
  'app.info': z.void(),
  /** Electron's native open dialog; the browser host answers `unavailable` (the page uploads the file instead). */
  'app.pick-file': z.strictObject({ purpose: z.literal('dataset') }),
  'datasets.list': z.void(),
  'datasets.preview': z.strictObject({ id: z.string().min(1).max(64) }),
  'datasets.import': z.strictObject({ path: z.string().min(1).max(4096), importId: importId.optional() }),
  /** One piece of a browser upload (base64, at most 512 KiB decoded), appended at `offset` to upload `uploadId`. */
  'datasets.upload-chunk': z.strictObject({
    uploadId: importId,
    offset: z.number().int().nonnegative(),
    base64: z.string().max(700_000),
  }),
  /** Imports what `datasets.upload-chunk` received for `uploadId` (browser host); the upload is then removed. */
  'datasets.import-bytes': z.strictObject({ uploadId: importId, fileName: z.string().min(1).max(255), importId: importId.optional() }),
  'datasets.cancel-import': z.strictObject({ importId }),
  'datasets.inspect': datasetId,
  'datasets.update-columns': z.strictObject({
    id: z.string().min(1).max(64),
    target: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    task: z.enum(['classification', 'regression', 'multilabel']).optional(),
    classes: z.array(z.union([z.string(), z.number()])).optional(),
    kinds: z.record(z.string(), columnKindSchema).optional(),
    use: z.record(z.string(), z.enum(['feature', 'excluded'])).optional(),
  }),
  'datasets.delete': datasetId,
  'runs.start': z.strictObject({
    datasetId: z.string().min(1).max(64),
    name: z.string().max(200).optional(),
    spec: modelSpecSchema,
    train: trainConfigSchema,
  }),
  'runs.list': z.void(),
  'runs.get': runId,
  'runs.stop': runId,
  ...runsRequestSchemas,
} as const;

export interface AppInfo {
  name: string;
  version: string;
  /** How the renderer is connected: the Electron preload bridge or the browser host. */
  host: 'electron' | 'browser';
  databasePath: string;
  threads: number;
  /** Things the user must be told about the database (a corrupt file set aside at start-up). */
  notices?: AppNotice[];
}

export interface RequestResults extends RunsRequestResults {
  'app.info': AppInfo;
  /** The chosen file's path, or null when the user cancelled. */
  'app.pick-file': { path: string } | null;
  'datasets.list': DatasetInfo[];
  'datasets.preview': DatasetPreview;
  'datasets.import': DatasetImportResult;
  'datasets.upload-chunk': { received: number };
  'datasets.import-bytes': DatasetImportResult;
  'datasets.cancel-import': { cancelled: boolean };
  'datasets.inspect': DatasetInspection;
  'datasets.update-columns': DatasetInspection;
  'datasets.delete': { id: string };
  'runs.start': RunSummary;
  'runs.list': RunSummary[];
  'runs.get': RunDetail;
  'runs.stop': RunSummary;
}

/** Events pushed from main to every connected renderer. */
export interface EventPayloads {
  /**
   * Epochs finished and are stored. Coalesced to about 10 events a second per run: `metrics` is the newest,
   * `earlier` (when present) the stored epochs since the previous event, oldest first. The last epoch of a run
   * is always sent before its final `run.status`.
   */
  'run.progress': { runId: string; metrics: EpochMetrics; earlier?: EpochMetrics[] };
  /** A run changed status (queued, running, completed, failed...). */
  'run.status': RunSummary;
  /**
   * An import is reading its file: `fraction` of the bytes read (0..1), `rows` rows so far. After parsing,
   * `phase` names the step under way (typing the columns, the doctor, storing the rows), with `fraction` 1.
   */
  'dataset.import-progress': { importId: string; fraction: number; rows: number; phase?: 'typing' | 'doctor' | 'storing' };
  /** The user chose a command in the desktop app's menu (or pressed its accelerator); the renderer carries it out. */
  'app.command': { command: AppCommand };
}

/** What the application menu can ask the window to do. */
export type AppCommand = 'import-dataset' | 'train' | 'stop' | 'show-training' | 'show-doctor';

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
