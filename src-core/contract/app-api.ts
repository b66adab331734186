import { z } from 'zod';

/** The application's requests and events: facts about the lab, the native file dialog, backups, menu commands. */

export const appRequestSchemas = {
  'app.info': z.void(),
  /** Electron's native open dialog; the browser host answers `unavailable` (the page uploads the file instead). */
  'app.pick-file': z.strictObject({ purpose: z.literal('dataset') }),
  /**
   * A new file to back the database up to (never an existing one, never in a missing folder). In the desktop app
   * no path is given: the native save dialog asks for the file (and asks before overwriting one).
   */
  'app.backup': z.strictObject({ path: z.string().min(1).max(4096).optional() }),
} as const;

export interface AppInfo {
  name: string;
  version: string;
  /** How the renderer is connected: the Electron preload bridge or the browser host. */
  host: 'electron' | 'browser';
  databasePath: string;
  threads: number;
  /** Things the user must be told about the database (a corrupt file set aside at start-up). */
  notices?: AppNotice[];
}

/** A notice for the user about the database, shown once (`app.info`). */
export interface AppNotice {
  /** A corrupt database was set aside and a fresh one started; or the database can only be read. */
  kind: 'database-set-aside' | 'database-read-only';
  message: string;
  /** The file as it was set aside (never deleted), or the read-only database. */
  file: string;
}

export interface AppRequestResults {
  'app.info': AppInfo;
  /** The chosen file's path, or null when the user cancelled. */
  'app.pick-file': { path: string } | null;
  /** null: the person cancelled the save dialog. */
  'app.backup': { path: string; bytes: number } | null;
}

/** The places of the window: data, build and train, runs and compare, learn. */
export const places = ['data', 'build', 'runs', 'learn'] as const;
export type Place = (typeof places)[number];

/** What the application menu can do in the window: the action of one of its buttons. */
export const appActions = ['import-dataset', 'train', 'stop'] as const;
export type AppAction = (typeof appActions)[number];

/** A menu command: go to a place of the window, or carry out an action there. */
export type AppCommand = { place: Place } | { action: AppAction };

export interface AppEventPayloads {
  /** The user chose a command in the desktop app's menu (or pressed its accelerator); the renderer carries it out. */
  'app.command': { command: AppCommand };
}
