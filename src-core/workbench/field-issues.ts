import type { z } from 'zod';
import { issueMessage } from '../contract/schema-issue';

/** One problem with a value, at a dotted field path ("optimizer.lr", "spec.layers.2.units"). */
export interface FieldIssue {
  field: string;
  message: string;
}

/** Validates `value` with a contract schema and maps zod's issues to per-field messages (none when it is valid). */
export function fieldIssues<T>(schema: z.ZodType<T>, value: unknown, prefix = ''): FieldIssue[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issueMessage(issue, value),
  }));
}
