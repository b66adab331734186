import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../src-core/contract/app-api';
import type { EventBus } from '../app/event-bus';

export interface MenuOptions {
  appName: string;
  version: string;
  /** Running on electron-vite's dev server: adds reload and the developer tools. */
  isDev: boolean;
  platform: NodeJS.Platform;
  showAbout: () => void;
  /** Asks the window to carry out a command (start-shell emits it as `app.command` on the lab's bus). */
  command: (command: AppCommand) => void;
}

/**
 * The application menu. Edit, zoom and full-screen items use Electron's roles, which bring the
 * platform's standard accelerators (Ctrl/Cmd+C, Ctrl/Cmd+=, F11...). Reload and the developer tools
 * exist only while developing. The lab's own items (Import CSV…, Train, Stop, the two views) send
 * an `app.command` to the window, which does what its button or shortcut does, and nothing when
 * that button is disabled.
 */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: `About ${options.appName}`, click: () => options.showAbout() };
  const command = (label: string, accelerator: string, name: AppCommand): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => options.command(name),
  });

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: options.appName,
          submenu: [about, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      command('Import CSV…', 'CmdOrCtrl+O', { action: 'import-dataset' }),
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  };

  const developer: MenuItemConstructorOptions[] = options.isDev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      command('Training', 'CmdOrCtrl+1', { place: 'build' }),
      command('Dataset doctor', 'CmdOrCtrl+2', { place: 'data' }),
      { type: 'separator' },
      ...developer,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const run: MenuItemConstructorOptions = {
    label: 'Run',
    submenu: [command('Train', 'CmdOrCtrl+Enter', { action: 'train' }), command('Stop', 'CmdOrCtrl+.', { action: 'stop' })],
  };

  const windowMenu: MenuItemConstructorOptions[] = mac
    ? [{ label: 'Window', submenu: [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] }]
    : [];

  const help: MenuItemConstructorOptions = { role: 'help', submenu: [about] };

  return [...appMenu, file, edit, view, run, ...windowMenu, help];
}

/** Menu commands go out as `app.command` on the lab's bus, which ipc.ts forwards to every window. */
export function emitCommandsOn(bus: EventBus): (command: AppCommand) => void {
  return (command) => bus.emit('app.command', { command });
}

/** The About box's text: the app's version and the runtime's, for bug reports. */
export function aboutDetail(versions: { app: string; electron?: string; chrome?: string; node: string }): string {
  return [
    `Version ${versions.app}`,
    `Electron ${versions.electron ?? 'unknown'} · Chromium ${versions.chrome ?? 'unknown'} · Node ${versions.node}`,
    'An offline laboratory for neural networks.',
  ].join('\n');
}
