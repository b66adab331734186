import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { ApiError } from '../../../src-core/contract/api-error';

/** A path as the user should see it in a message: relative to the working folder when inside it. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** Reads a UTF-8 text file; a missing or unreadable file is an ApiError naming it, never a stack trace. */
export function readInputFile(path: string, cwd: string, what: string): { text: string; shownAs: string } {
  const full = resolve(cwd, path);
  const shownAs = displayPath(full, cwd);
  try {
    return { text: readFileSync(full, 'utf8'), shownAs };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? `${what} not found` : code === 'EISDIR' ? `${what} is a folder, not a file` : `cannot read the ${what}: ${(error as Error).message}`;
    throw new ApiError({ code: code === 'ENOENT' ? 'not_found' : 'bad_input', message: reason, file: shownAs });
  }
}
