import { ApiError } from '../../../src-core/contract/api-error';

/** A readable one-line message for anything thrown: what is wrong and where, never a stack trace. */
export function describeError(error: unknown): string {
  const apiError = ApiError.from(error);
  const where: string[] = [];
  if (apiError.file) {
    let place = apiError.file;
    if (apiError.line !== undefined) place += `:${apiError.line}`;
    if (apiError.column !== undefined) place += `:${apiError.column}`;
    where.push(place);
  }
  if (apiError.field && !apiError.message.includes(apiError.field)) where.push(`field ${apiError.field}`);
  const message = apiError.message.trim() || 'Something went wrong.';
  return where.length ? `${message} (${where.join(', ')})` : message;
}
