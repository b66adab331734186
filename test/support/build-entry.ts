import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

/** The repository root, which the builds below resolve their entries against. */
export const projectRoot = resolve(__dirname, '../..');

/**
 * Builds `entries` (output name → source path from the project root) from the current sources into
 * `main/` of a fresh temp app folder named `prefix…`, laid out like the project's build: a `package.json`
 * of type module and the project's node_modules linked in for the native and external packages.
 * Returns the app folder.
 */
export async function buildAppEntries(prefix: string, entries: Record<string, string>): Promise<string> {
  const app = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ type: 'module' }));
  symlinkSync(join(projectRoot, 'node_modules'), join(app, 'node_modules'), 'dir');
  const input = Object.fromEntries(Object.entries(entries).map(([name, source]) => [name, join(projectRoot, source)]));
  await build({
    configFile: false,
    logLevel: 'silent',
    root: projectRoot,
    build: {
      ssr: true,
      outDir: join(app, 'main'),
      minify: false,
      rollupOptions: {
        input,
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  });
  return app;
}

/**
 * Builds one entry (`source` from the project root) as electron-vite builds a worker for out/main: one
 * self-contained ES module, `outDir/fileName`, dependencies bundled in. Returns the built file's path.
 */
export async function buildSelfContainedEntry(source: string, outDir: string, fileName: string): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'silent',
    root: projectRoot,
    ssr: { noExternal: true },
    build: {
      ssr: join(projectRoot, source),
      outDir,
      emptyOutDir: false,
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: fileName } },
    },
  });
  return join(outDir, fileName);
}
