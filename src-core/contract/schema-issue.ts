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

/**
 * For a value no branch of a union accepts, the first issue of the branch that came closest (fewest issues,
 * the first on a tie), with its path made whole; zod alone says only "Invalid input" at the union.
 */
export function closestIssue(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const branch = issue.errors.reduce((best, issues) => (issues.length < best.length ? issues : best));
  const first = branch[0];
  return first ? closestIssue({ ...first, path: [...issue.path, ...first.path] }) : issue;
}
