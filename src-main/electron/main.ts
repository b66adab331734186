import { fileURLToPath } from 'node:url';
import { createLab } from '../app/create-lab';
import { startShell } from './start-shell';

/**
 * The Electron main process entry, built to out/main/index.js (ESM). The preload and the renderer
 * are found relative to this built file: out/preload/index.cjs and out/renderer/index.html.
 */
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererHtml = fileURLToPath(new URL('../renderer/index.html', import.meta.url));

startShell({ preloadPath, rendererHtml, electronVersion: process.versions.electron ?? 'unknown', createLab }).catch((error: unknown) => {
  console.error('[nn-lab] the main process failed to start:', error);
  process.exit(1);
});
