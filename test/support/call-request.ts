import type { RequestHandlers, RequestName, RequestResult } from '../../src-core/contract/api';
import type { FullRun } from '../../src-core/contract/training';
import { ApiError } from '../../src-core/contract/api-error';
import { dispatchRequest } from '../../src-main/app/dispatch';

/** A request through the same dispatch as IPC and the WebSocket: validated, errors thrown as ApiError. */
export async function callRequest<K extends RequestName>(handlers: RequestHandlers, name: K, args?: unknown): Promise<RequestResult<K>> {
  const response = await dispatchRequest(handlers, name, args);
  if (!response.ok) throw new ApiError(response.error);
  return response.value as RequestResult<K>;
}

/** A run whole, as a view reads it: `runs.get`, then every page of `runs.metrics` and `runs.diagnostics`. */
export async function callWholeRun(handlers: RequestHandlers, id: string): Promise<FullRun> {
  const run: FullRun = { ...(await callRequest(handlers, 'runs.get', { id })), metrics: [] };
  for (let from: number | undefined = 1; from !== undefined; ) {
    const page: RequestResult<'runs.metrics'> = await callRequest(handlers, 'runs.metrics', { id, from, limit: 7 });
    run.metrics.push(...page.metrics);
    from = page.next;
  }
  const diagnostics: NonNullable<FullRun['diagnostics']> = [];
  for (let from: number | undefined = 1; from !== undefined; ) {
    const page: RequestResult<'runs.diagnostics'> = await callRequest(handlers, 'runs.diagnostics', { id, from, limit: 2 });
    diagnostics.push(...page.diagnostics);
    from = page.next;
  }
  if (diagnostics.length) run.diagnostics = diagnostics;
  return run;
}

/** The text of a text export (CSV, JSON, a bundle, a script); fails the test when the export came as bytes. */
export function exportText(file: RequestResult<'runs.export'>): string {
  if (!('text' in file)) throw new Error(`${file.fileName} came as bytes, not text`);
  return file.text;
}

/** The bytes of a binary export (ONNX, safetensors); fails the test when the export came as text. */
export function exportBytes(file: RequestResult<'runs.export'>): Uint8Array {
  if (!('bytes' in file)) throw new Error(`${file.fileName} came as text, not bytes`);
  return file.bytes.data;
}
