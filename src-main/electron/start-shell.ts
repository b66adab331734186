import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import type { RequestHandlers } from '../../src-core/contract/api';
import type { AppInfo } from '../../src-core/contract/app-api';
import { unpackedPath } from '../app/asar-unpacked';
import type { EventBus } from '../app/event-bus';
import { appSchemePrivileges, createAppProtocolHandler } from './app-protocol';
import { contentSecurityPolicy } from './content-security-policy';
import { createBackupHandler } from './backup-dialog';
import { createPickFileHandler } from './dialogs';
import { createLinkOpener } from './external-links';
import { forwardEvents, registerRequestHandlers } from './ipc';
import { aboutDetail, buildMenuTemplate, emitCommandsOn } from './menu';
import { electronNativeBindingPath } from './native-binding';
import { appScheme, chooseRendererTarget, isAppPage, type RendererTarget } from './renderer-target';
import { applySessionPolicy } from './session-policy';
import { guardWebContents } from './web-contents-guards';
import { createMainWindow, windowTitle } from './window';

/** What the composition root (src-main/app/create-lab.ts) gives the shell. */
export interface ShellLab {
  handlers: RequestHandlers;
  bus: EventBus;
  info: AppInfo;
  /** Lab.backup: the save dialog's backup, which may overwrite the file the person confirmed. */
  backup(path: string, options: { overwrite?: boolean }): Promise<{ path: string; bytes: number }>;
  close(): Promise<void>;
}

export interface ShellLabOptions {
  databasePath: string;
  host: 'electron' | 'browser';
  threads?: number;
  nativeBinding?: string;
}

export interface ShellOptions {
  /** out/preload/index.cjs */
  preloadPath: string;
  /** out/renderer/index.html */
  rendererHtml: string;
  /** resources/icon.png */
  iconPath: string;
  /** `process.versions.electron`: names the folder of better-sqlite3's Electron build. */
  electronVersion: string;
  createLab: (options: ShellLabOptions) => Promise<ShellLab>;
}

/** What a started shell holds; tests read it, main.ts ignores it. */
export interface Shell {
  target: RendererTarget;
  lab: ShellLab;
  window: BrowserWindow;
}

/**
 * The Electron main process from start to quit: one instance, hardened web contents and session,
 * the menu, the lab (database, pool, service), IPC, and one window on app://nn-lab/ (or, developing,
 * electron-vite's dev server). Resolves to null when another instance already runs or the lab cannot
 * start (the user has been told why).
 */
export async function startShell(options: ShellOptions): Promise<Shell | null> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  app.enableSandbox(); // every renderer, not just our window (security checklist item 4)
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]); // only possible before 'ready'
  const target = chooseRendererTarget(process.env['ELECTRON_RENDERER_URL'], app.isPackaged, options.rendererHtml);
  const openWindow = (): BrowserWindow => createMainWindow({ preload: options.preloadPath, icon: options.iconPath }, target);

  const openLink = createLinkOpener(
    (question) => {
      const parent = BrowserWindow.getAllWindows()[0];
      return parent ? dialog.showMessageBox(parent, question) : dialog.showMessageBox(question);
    },
    (url) => shell.openExternal(url),
  );
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, target, openLink));
  app.on('second-instance', () => focus(BrowserWindow.getAllWindows()[0]));

  await app.whenReady();
  applySessionPolicy(session.defaultSession, target);
  if (target.kind === 'app-protocol') protocol.handle(appScheme, createAppProtocolHandler(target.root, contentSecurityPolicy(target)));
  const showAbout = (): void => {
    void dialog.showMessageBox({
      type: 'info',
      title: `About ${windowTitle}`,
      message: windowTitle,
      detail: aboutDetail({ app: app.getVersion(), ...process.versions }),
    });
  };
  const databasePath = join(app.getPath('userData'), 'lab.db');
  const lab = await openLab(options, databasePath);
  if (lab === null) return null;

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        appName: windowTitle,
        version: app.getVersion(),
        isDev: target.kind === 'dev-server',
        platform: process.platform,
        showAbout,
        command: emitCommandsOn(lab.bus),
      }),
    ),
  );

  // The shell answers app.pick-file with the native dialog (the shared service cannot: it has no window).
  const pickFile = createPickFileHandler({
    dialog,
    parent: () => BrowserWindow.getAllWindows()[0],
    memoryFile: join(app.getPath('userData'), 'dialogs.json'),
    defaultFolder: () => app.getPath('documents'),
  });
  // app.backup over the bridge is the save dialog's action only (the page cannot name a path to overwrite).
  const backup = createBackupHandler({ dialog, parent: () => BrowserWindow.getAllWindows()[0], backup: lab.backup, defaultFolder: () => app.getPath('documents') });
  const handlers: RequestHandlers = { ...lab.handlers, 'app.pick-file': pickFile, 'app.backup': backup };
  registerRequestHandlers(ipcMain, handlers, (frame) => frame !== null && isAppPage(frame.url, target));
  forwardEvents(
    lab.bus,
    () => BrowserWindow.getAllWindows().map((window) => window.webContents),
    (url) => isAppPage(url, target),
  );
  closeLabBeforeQuit(lab);

  const window = openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  return { target, lab, window };
}

/** Opens the lab with better-sqlite3's Electron build; on failure tells the user why and quits. */
async function openLab(options: ShellOptions, databasePath: string): Promise<ShellLab | null> {
  // Packaged, the addon is unpacked beside app.asar (a worker thread cannot load it from inside).
  const nativeBinding = unpackedPath(electronNativeBindingPath(app.getAppPath(), options.electronVersion));
  try {
    return await options.createLab({
      databasePath,
      host: 'electron',
      ...(existsSync(nativeBinding) ? { nativeBinding } : {}),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    dialog.showErrorBox(`${windowTitle} could not start`, startFailureMessage(databasePath, nativeBinding, reason));
    app.exit(1);
    return null;
  }
}

export function startFailureMessage(databasePath: string, nativeBinding: string, reason: string): string {
  const lines = [`The lab (database ${databasePath}) could not be opened:`, reason];
  if (/NODE_MODULE_VERSION|better_sqlite3|better-sqlite3|\.node\b/.test(reason)) {
    lines.push(
      '',
      `better-sqlite3 needs a build for this Electron at ${nativeBinding}.`,
      'Make it with: node scripts/electron-native.mjs --require',
    );
  }
  return lines.join('\n');
}

/** Electron does not wait for promises on quit: hold the quit until the lab has closed once. */
function closeLabBeforeQuit(lab: ShellLab): void {
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    lab
      .close()
      .catch((error: unknown) => console.error('[nn-lab] closing the lab failed:', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}

function focus(window: BrowserWindow | undefined): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}
