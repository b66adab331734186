import type { RequestHandlers } from '../../src-core/contract/api';
import { ApiError } from '../../src-core/contract/api-error';

export const pickFileUnavailable = 'Choosing a file by path is only available in the desktop app';

/**
 * Requests only the desktop shell can serve. The browser host has no native dialog (and a page may not learn
 * a file's path), so `app.pick-file` answers `unavailable` there and the page uploads the file instead;
 * the Electron shell replaces this handler with its open dialog (src-main/electron/dialogs.ts).
 */
export function createAppHandlers(): Pick<RequestHandlers, 'app.pick-file'> {
  return {
    'app.pick-file': () => {
      throw new ApiError({ code: 'unavailable', message: pickFileUnavailable });
    },
  };
}
