import type { z } from 'zod';

/** The value at `path` in `root`, or undefined when any step is absent. */
function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * A schema issue's message as a person should read it: an absent required field is "missing" (zod says
 * "Invalid input" for a union, "expected string, received undefined" for the rest).
 */
export function issueMessage(issue: z.core.$ZodIssue, root: unknown): string {
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_union') && valueAt(root, issue.path) === undefined) return 'missing';
  return issue.message;
}
