import { renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ApiError } from '../../../src-core/contract/api-error';
import { displayPath } from './read-input-file';

/** Writes a file whole or not at all (a temporary file renamed over the target), so no half-written output. */
export function writeOutputFile(path: string, cwd: string, text: string | Uint8Array): string {
  const full = resolve(cwd, path);
  const shownAs = displayPath(full, cwd);
  const temporary = `${full}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, full);
    return shownAs;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'its folder does not exist' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new ApiError({ code: 'bad_input', message: `cannot write the output file: ${reason}`, file: shownAs });
  }
}

/** Fails before any long work when the output file's folder does not exist. */
export function checkOutputFolder(path: string, cwd: string): void {
  const full = resolve(cwd, path);
  let isFolder = false;
  try {
    isFolder = statSync(dirname(full)).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) {
    throw new ApiError({ code: 'bad_input', message: 'cannot write the output file: its folder does not exist', file: displayPath(full, cwd) });
  }
}
