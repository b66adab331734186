import type { BaseWindow, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import type { RequestHandlers } from '../../src-core/contract/api';
import { ApiError } from '../../src-core/contract/api-error';
import type { BackupOptions } from '../store/backup-database';

/** The part of Electron's `dialog` used here. */
export interface SaveDialog {
  showSaveDialog(window: BaseWindow, options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
}

export interface BackupDialogOptions {
  dialog: SaveDialog;
  parent: () => BaseWindow | undefined;
  /** The lab's backup (Lab.backup). */
  backup: (path: string, options: BackupOptions) => Promise<{ path: string; bytes: number }>;
  /** Where the dialog opens: the user's documents. */
  defaultFolder: () => string;
}

/**
 * `app.backup` in the desktop app: the native save dialog chooses the file, and it asks before replacing one, so
 * only here may a backup overwrite (`overwrite: true`). The page cannot name a path over the bridge.
 */
export function createBackupHandler(options: BackupDialogOptions): RequestHandlers['app.backup'] {
  return async ({ path }) => {
    if (path !== undefined) {
      throw new ApiError({ code: 'invalid_args', field: 'path', message: "app.backup: path: in the desktop app the backup's file is chosen in the save dialog." });
    }
    const stamp = new Date().toISOString().slice(0, 10);
    const dialogOptions: SaveDialogOptions = {
      title: 'Back up the run database',
      buttonLabel: 'Back up',
      defaultPath: `${options.defaultFolder()}/nn-lab-backup-${stamp}.db`,
      filters: [{ name: 'SQLite database', extensions: ['db'] }],
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    };
    const parent = options.parent();
    const result = parent ? await options.dialog.showSaveDialog(parent, dialogOptions) : await options.dialog.showSaveDialog(dialogOptions);
    if (result.canceled || !result.filePath) return null;
    return options.backup(result.filePath, { overwrite: true });
  };
}
