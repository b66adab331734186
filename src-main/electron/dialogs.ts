import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BaseWindow, OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import type { RequestHandlers } from '../../src-core/contract/api';

/** The part of Electron's `dialog` used here. */
export interface OpenDialog {
  showOpenDialog(window: BaseWindow, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
}

export interface PickFileOptions {
  dialog: OpenDialog;
  /** The window the dialog belongs to (modal to it), when one is open. */
  parent: () => BaseWindow | undefined;
  /** A small JSON file (in userData) where the last folder is kept between sessions. */
  memoryFile: string;
  /** Where the first dialog opens when none was remembered (the user's documents). */
  defaultFolder: () => string;
}

export const datasetFileFilters: OpenDialogOptions['filters'] = [
  { name: 'Data files (CSV, TSV, TXT)', extensions: ['csv', 'tsv', 'txt'] },
  { name: 'All files', extensions: ['*'] },
];

/**
 * `app.pick-file` in the desktop app: the native open dialog, filtered to CSV/TSV/TXT, opening in the folder
 * the user last picked from (remembered across sessions). Resolves to null when the user cancels.
 */
export function createPickFileHandler(options: PickFileOptions): RequestHandlers['app.pick-file'] {
  return async () => {
    const dialogOptions: OpenDialogOptions = {
      title: 'Import a dataset',
      buttonLabel: 'Import',
      defaultPath: readLastFolder(options.memoryFile) ?? options.defaultFolder(),
      filters: datasetFileFilters,
      properties: ['openFile'],
    };
    const parent = options.parent();
    const result = parent ? await options.dialog.showOpenDialog(parent, dialogOptions) : await options.dialog.showOpenDialog(dialogOptions);
    const path = result.filePaths[0];
    if (result.canceled || path === undefined) return null;
    writeLastFolder(options.memoryFile, dirname(path));
    return { path };
  };
}

/** The remembered folder, or undefined when there is none (or the file cannot be read: it is only a convenience). */
export function readLastFolder(memoryFile: string): string | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(memoryFile, 'utf8'));
    const folder = (value as { lastFolder?: unknown } | null)?.lastFolder;
    return typeof folder === 'string' && folder.length > 0 ? folder : undefined;
  } catch {
    return undefined;
  }
}

function writeLastFolder(memoryFile: string, folder: string): void {
  try {
    writeFileSync(memoryFile, `${JSON.stringify({ lastFolder: folder })}\n`);
  } catch {
    // Not remembering the folder costs the user one click next time; it is no reason to fail the pick.
  }
}
