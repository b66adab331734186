import { join } from 'node:path';

/**
 * Where scripts/electron-native.mjs puts better-sqlite3 built for Electron's ABI, beside (never in)
 * node_modules/better-sqlite3/build, which stays built for Node (tests and the CLI use it).
 */
export function electronNativeBindingPath(appRoot: string, electronVersion: string): string {
  return join(appRoot, '.electron-native', electronVersion, 'better_sqlite3.node');
}
