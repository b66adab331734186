import { BrowserWindow, nativeTheme, type BrowserWindowConstructorOptions } from 'electron';
import type { RendererTarget } from './renderer-target';

export const windowTitle = 'NN Lab';

/** The page's background before Svelte paints (src-renderer/app.css `--bg`), so the window never flashes. */
export function windowBackground(dark: boolean): string {
  return dark ? '#0f1216' : '#f4f5f7';
}

export interface WindowFiles {
  /** out/preload/index.cjs */
  preload: string;
  /** resources/icon.png: the window and taskbar icon on Linux and Windows. */
  icon: string;
}

export interface WindowLook {
  /** The system prefers a dark theme (the renderer follows it through prefers-color-scheme). */
  dark: boolean;
}

/** The one window's options: sandboxed, isolated, no Node in the page, only our preload. */
export function mainWindowOptions(files: WindowFiles, look: WindowLook): BrowserWindowConstructorOptions {
  return {
    title: windowTitle,
    icon: files.icon,
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: windowBackground(look.dark),
    webPreferences: {
      preload: files.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** Creates the window, shows it once it has painted, and loads the renderer. */
export function createMainWindow(files: WindowFiles, target: RendererTarget): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(files, { dark: nativeTheme.shouldUseDarkColors }));
  window.once('ready-to-show', () => window.show());
  window.loadURL(target.url).catch((error: unknown) => console.error('[nn-lab] the window could not load the app:', error));
  return window;
}
