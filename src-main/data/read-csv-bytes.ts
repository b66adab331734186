import { readFileSync, statSync } from 'node:fs';
import { ApiError } from '../../src-core/contract/api-error';

/** Files above this size are refused before reading: Node's Buffer and the typed columns would not fit. */
const MAX_BYTES = 1.5 * 1024 ** 3;

/**
 * A CSV file's bytes, or an ApiError naming the file (`fileName`, as the user should see it): missing,
 * a folder, too large, or unreadable. Used by the import worker and by the CLI's reader alike.
 */
export function readCsvBytes(path: string, fileName: string): Buffer {
  try {
    const info = statSync(path);
    if (info.isDirectory()) throw new ApiError({ code: 'bad_input', message: `${fileName}: is a folder, not a CSV file`, file: fileName });
    if (info.size > MAX_BYTES) {
      throw new ApiError({ code: 'bad_input', message: `${fileName}: ${(info.size / 1024 ** 3).toFixed(1)} GB is more than the 1.5 GB a CSV file may have`, file: fileName });
    }
    return readFileSync(path);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ApiError({
      code: code === 'ENOENT' ? 'not_found' : 'bad_input',
      message: code === 'ENOENT' ? `${fileName}: no such file` : `${fileName}: cannot be read (${code ?? (error as Error).message})`,
      file: fileName,
    });
  }
}
