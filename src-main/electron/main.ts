import { fileURLToPath } from 'node:url';
import { createLab } from '../app/create-lab';
import { startShell } from './start-shell';

/**
 * The Electron main process entry, built to out/main/index.js (ESM). The preload, the renderer and
 * the icon are found relative to this built file: out/preload/index.cjs, out/renderer/index.html
 * and resources/icon.png.
 */
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererHtml = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
const iconPath = fileURLToPath(new URL('../../resources/icon.png', import.meta.url));

startShell({ preloadPath, rendererHtml, iconPath, electronVersion: process.versions.electron ?? 'unknown', createLab }).catch((error: unknown) => {
  console.error('[nn-lab] the main process failed to start:', error);
  process.exit(1);
});
