import type { EventName, RequestName } from './api';
import type { ApiResponse } from './api-error';

/**
 * The names alone, free of schemas, for the preload script (which must stay small).
 * The `satisfies` clauses make a missing or extra name a type error.
 */
export const requestNames = [
  'app.info',
  'app.pick-file',
  'datasets.list',
  'datasets.preview',
  'datasets.import',
  'datasets.upload-chunk',
  'datasets.import-bytes',
  'datasets.cancel-import',
  'datasets.inspect',
  'datasets.update-columns',
  'datasets.delete',
  'runs.start',
  'runs.list',
  'runs.get',
  'runs.metrics',
  'runs.diagnostics',
  'runs.snapshots',
  'runs.layer-images',
  'runs.stop',
  'runs.pause',
  'runs.resume',
  'runs.rerun',
  'runs.duplicate',
  'runs.continue',
  'runs.delete',
  'runs.tag',
  'runs.annotate',
  'runs.search',
  'runs.compare',
  'runs.export',
  'runs.import',
  'app.backup',
  'sweeps.start',
  'sweeps.list',
  'sweeps.start-plan',
  'sweeps.control',
  'runs.fork',
] as const satisfies readonly RequestName[];

export const eventNames = ['run.progress', 'run.status', 'run.diagnostics', 'run.snapshot', 'dataset.import-progress', 'app.command', 'sweep.status'] as const satisfies readonly EventName[];

type Missing<All, Listed> = Exclude<All, Listed>;
const _allRequests: Missing<RequestName, (typeof requestNames)[number]> extends never ? true : never = true;
const _allEvents: Missing<EventName, (typeof eventNames)[number]> extends never ? true : never = true;
void _allRequests;
void _allEvents;

/** The IPC channel names: one per request, one per event. */
export const requestChannel = (name: RequestName): string => `nn-lab:request:${name}`;
export const eventChannel = (name: EventName): string => `nn-lab:event:${name}`;

/** What the preload exposes on `window.nnLab`: one method per request, one subscribe per event. */
export interface PreloadBridge {
  request: { [K in RequestName]: (args: unknown) => Promise<ApiResponse<unknown>> };
  subscribe: { [K in EventName]: (listener: (payload: unknown) => void) => () => void };
}
