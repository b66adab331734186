import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';

/**
 * One build for every process. `out/main` holds four Node entries that share chunks:
 *   index.js         the Electron main process
 *   serve.js         the browser host (`npm run serve`)
 *   cli.js           the `nn-lab` command line (bin/nn-lab.mjs loads it)
 *   train-worker.js  the piscina task file that trains in worker threads
 *   import-worker.js the worker thread that reads, types and checks an imported CSV
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('src-main/electron/main.ts'),
          serve: resolve('src-main/host/serve.ts'),
          cli: resolve('src-main/cli/main.ts'),
          'train-worker': resolve('src-main/pool/train-worker.ts'),
          'import-worker': resolve('src-main/data/import-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload may only require('electron'): one self-contained CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    base: './',
    build: {
      outDir: 'out/renderer',
      minify: true,
      // One ~650 KB bundle (ECharts is most of it) loaded from disk or loopback: splitting it buys nothing here.
      chunkSizeWarningLimit: 1024,
      rollupOptions: { input: resolve('src-renderer/index.html') },
    },
    plugins: [svelte()],
  },
});
