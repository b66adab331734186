import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const projectRoot = resolve(__dirname, '../../..');

/**
 * Builds the `serve` entry and the training worker from the current sources into a temp app folder laid
 * out like the project's build (`main/serve.js`, `main/train-worker.js`, `renderer/index.html`), with the
 * project's node_modules linked in for the native and external packages. Returns the app folder.
 */
export async function buildServeApp(): Promise<string> {
  const app = mkdtempSync(join(tmpdir(), 'nn-lab-serve-'));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ type: 'module' }));
  symlinkSync(join(projectRoot, 'node_modules'), join(app, 'node_modules'), 'dir');
  mkdirSync(join(app, 'renderer'));
  writeFileSync(join(app, 'renderer', 'index.html'), '<!doctype html><title>NN Lab</title>');
  await build({
    configFile: false,
    logLevel: 'silent',
    root: projectRoot,
    build: {
      ssr: true,
      outDir: join(app, 'main'),
      minify: false,
      rollupOptions: {
        input: {
          serve: join(projectRoot, 'src-main/host/serve.ts'),
          'train-worker': join(projectRoot, 'src-main/pool/train-worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  });
  return app;
}
