import { z } from 'zod';
import { ApiError } from '../../src-core/contract/api-error';
import { modelSpecSchema } from '../../src-core/contract/model-spec';
import { dataSetupSchema, trainConfigSchema } from '../../src-core/contract/run-config';
import { issueMessage } from '../../src-core/contract/schema-issue';
import type { RunConfigJson } from './run-rows';

const storedConfigSchema = z.object({ spec: modelSpecSchema, train: trainConfigSchema, data: dataSetupSchema.optional() });

/** A run's stored `config` column, checked: a damaged one is an ApiError naming the run and the field. */
export function parseStoredRunConfig(runId: string, text: string): RunConfigJson {
  const damaged = (detail: string, field?: string): ApiError =>
    new ApiError({ code: 'unavailable', message: `Run ${runId}: its stored config is damaged (${detail}); the database was changed outside NN Lab.`, ...(field ? { field } : {}) });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw damaged('not valid JSON');
  }
  const result = storedConfigSchema.safeParse(raw);
  if (result.success) return result.data as RunConfigJson;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  throw damaged(`${field ? `${field}: ` : ''}${issueMessage(issue, raw)}`, field || undefined);
}
