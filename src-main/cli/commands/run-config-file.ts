import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { ApiError } from '../../../src-core/contract/api-error';
import { modelSpecSchema } from '../../../src-core/contract/model-spec';
import { runConfigSchema, type RunConfig } from '../../../src-core/contract/run-config';
import { issueMessage } from '../../../src-core/contract/schema-issue';
import { locateJsonPath, parseJson } from '../../../src-core/nn/json-text';
import { readInputFile } from './read-input-file';

export interface LoadedRunConfig {
  config: RunConfig;
  /** The config file as shown in messages. */
  shownAs: string;
  /** The folder that `data.path` and `model.file` are relative to. */
  folder: string;
  /** Adds the line and column of its field to an error about this config file that lacks them. */
  locate(error: unknown): unknown;
}

/** Reads and validates a run config file; errors name the file, line, column and field. */
export function loadRunConfig(path: string, cwd: string): LoadedRunConfig {
  const { text, shownAs } = readInputFile(path, cwd, 'run config');
  const raw = parseJson(text, shownAs);
  const locate = (error: unknown): unknown => {
    if (!(error instanceof ApiError) || error.file !== shownAs || error.field === undefined || error.line !== undefined) return error;
    const where = locateJsonPath(text, error.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
    return where ? new ApiError({ ...error.toData(), ...where }) : error;
  };
  return { config: validate(runConfigSchema, raw, text, shownAs), shownAs, folder: dirname(resolve(cwd, path)), locate };
}

function validate<T>(schema: z.ZodType<T>, raw: unknown, text: string, shownAs: string): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  let issue = result.error.issues[0]!;
  // `model` is a spec or {"file": ...}: the union's own message says nothing, so ask the branch the user meant.
  const model = (raw as { model?: unknown } | null)?.model;
  if (issue.path[0] === 'model' && typeof model === 'object' && model !== null && !('file' in model)) {
    const inner = modelSpecSchema.safeParse(model);
    if (!inner.success) issue = { ...inner.error.issues[0]!, path: ['model', ...inner.error.issues[0]!.path] };
  }
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const field = path.join('.');
  const where = locateJsonPath(text, path) ?? locateJsonPath(text, path.slice(0, -1));
  throw new ApiError({
    code: 'bad_input',
    message: field ? `${field}: ${issueMessage(issue, raw)}` : issueMessage(issue, raw),
    file: shownAs,
    ...(where ?? {}),
    ...(field ? { field } : {}),
  });
}
