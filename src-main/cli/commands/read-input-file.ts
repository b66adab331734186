import { isAbsolute, relative, resolve } from 'node:path';
import { ApiError } from '../../../src-core/contract/api-error';
import { describeFileProblem, FileProblemError, MAX_JSON_BYTES, readRegularFile } from '../../data/read-regular-file';

/** A path as the user should see it in a message: relative to the working folder when inside it. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * A user's file's bytes (a regular file of at most `limit` bytes); a missing, special, too large or unreadable
 * file is an ApiError naming it (`what`: "data file", "run config"), never a stack trace.
 */
export function readUserFile(full: string, shownAs: string, what: string, limit: number): Buffer {
  try {
    return readRegularFile(full, limit);
  } catch (error) {
    if (!(error instanceof FileProblemError)) throw error;
    const { problem } = error;
    const reason = problem.kind === 'missing' ? `${what} not found` : `the ${what} ${describeFileProblem(problem, 'file')}`;
    throw new ApiError({ code: problem.kind === 'missing' ? 'not_found' : 'bad_input', message: reason, file: shownAs });
  }
}

/** Reads a UTF-8 text file; a missing or unreadable file is an ApiError naming it, never a stack trace. */
export function readInputFile(path: string, cwd: string, what: string): { text: string; shownAs: string } {
  const full = resolve(cwd, path);
  const shownAs = displayPath(full, cwd);
  return { text: readUserFile(full, shownAs, what, MAX_JSON_BYTES).toString('utf8'), shownAs };
}
