import { ApiError } from '../../src-core/contract/api-error';
import { describeFileProblem, FileProblemError, MAX_CSV_BYTES, readRegularFile } from './read-regular-file';

/**
 * A CSV file's bytes, or an ApiError naming the file (`fileName`, as the user should see it): missing,
 * a folder, a device or pipe, too large, or unreadable. Used by the import worker and by the CLI's reader alike.
 */
export function readCsvBytes(path: string, fileName: string): Buffer {
  try {
    return readRegularFile(path, MAX_CSV_BYTES);
  } catch (error) {
    if (!(error instanceof FileProblemError)) throw error;
    throw new ApiError({
      code: error.problem.kind === 'missing' ? 'not_found' : 'bad_input',
      message: `${fileName}: ${describeFileProblem(error.problem, 'CSV file')}`,
      file: fileName,
    });
  }
}
