import { ApiError } from '../../../src-core/contract/api-error';

/** A refused import as the page shows it: which file, where in it, and why. Never a stack trace. */
export interface ImportFailure {
  fileName: string;
  /** "line 3, column 3", or null when the reason is about the whole file. */
  place: string | null;
  reason: string;
}

/** True when the import stopped because the user cancelled it (the service answers `conflict` "...the import was cancelled"). */
export function isCancelledImport(error: unknown): boolean {
  const apiError = ApiError.from(error);
  return apiError.code === 'conflict' && /import was cancelled/i.test(apiError.message);
}

/**
 * Splits the service's message ("ragged.csv: line 3, column 3: this row has 2 fields, the header has 3") into
 * the file, the place (from the error's line and column fields) and the reason, so each can be shown plainly.
 */
export function describeImportFailure(error: unknown, fileName: string): ImportFailure {
  const apiError = ApiError.from(error);
  const file = apiError.file ?? fileName;
  const parts: string[] = [];
  if (apiError.line !== undefined) parts.push(`line ${apiError.line}`);
  if (apiError.column !== undefined) parts.push(`column ${apiError.column}`);
  let reason = apiError.message.trim();
  for (const prefix of [`${file}:`, `${fileName}:`]) if (reason.startsWith(prefix)) reason = reason.slice(prefix.length).trim();
  reason = reason.replace(/^line \d+(, column \d+)?:\s*/i, '');
  if (!reason) reason = 'Something went wrong.';
  reason = reason.charAt(0).toUpperCase() + reason.slice(1);
  return { fileName: file, place: parts.length ? parts.join(', ') : null, reason };
}
