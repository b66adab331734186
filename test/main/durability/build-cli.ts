import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const projectRoot = resolve(__dirname, '../../..');

/**
 * Builds the `nn-lab` CLI entry from the current sources into a temp app folder (`main/cli.js`), with the
 * project's node_modules linked in for better-sqlite3. Returns the path of cli.js; `removeBuiltCli` deletes it.
 */
export async function buildCli(): Promise<string> {
  const app = mkdtempSync(join(tmpdir(), 'nn-lab-cli-build-'));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ type: 'module' }));
  symlinkSync(join(projectRoot, 'node_modules'), join(app, 'node_modules'), 'dir');
  await build({
    configFile: false,
    logLevel: 'silent',
    root: projectRoot,
    build: {
      ssr: true,
      outDir: join(app, 'main'),
      minify: false,
      rollupOptions: {
        input: { cli: join(projectRoot, 'src-main/cli/main.ts') },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  });
  return join(app, 'main', 'cli.js');
}

export function removeBuiltCli(cli: string): void {
  rmSync(resolve(cli, '../..'), { recursive: true, force: true });
}
