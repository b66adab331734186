import { homedir } from 'node:os';
import { join } from 'node:path';

/** The folder name Electron derives from the app name; the browser host and the CLI use the same one. */
export const appFolderName = 'nn-lab';
export const databaseFileName = 'lab.db';

interface PlatformEnv {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
}

/**
 * The app's user-data folder, the same as Electron's `app.getPath('userData')` for "nn-lab":
 * Linux `$XDG_CONFIG_HOME/nn-lab` (or `~/.config/nn-lab`), macOS `~/Library/Application Support/nn-lab`,
 * Windows `%APPDATA%\nn-lab`.
 */
export function defaultDataDir(
  where: PlatformEnv = { platform: process.platform, env: process.env, home: homedir() },
): string {
  const { platform, env, home } = where;
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), appFolderName);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', appFolderName);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), appFolderName);
}

/** Where the run database lives unless the user says otherwise. */
export function defaultDatabasePath(where?: PlatformEnv): string {
  return join(defaultDataDir(where), databaseFileName);
}
