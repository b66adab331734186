import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildAppEntries } from '../../support/build-entry';

/**
 * Builds the `nn-lab` CLI entry from the current sources into a temp app folder (`main/cli.js`), with the
 * project's node_modules linked in for better-sqlite3. Returns the path of cli.js; `removeBuiltCli` deletes it.
 */
export async function buildCli(): Promise<string> {
  const app = await buildAppEntries('nn-lab-cli-build-', { cli: 'src-main/cli/main.ts' });
  return join(app, 'main', 'cli.js');
}

export function removeBuiltCli(cli: string): void {
  rmSync(resolve(cli, '../..'), { recursive: true, force: true });
}
