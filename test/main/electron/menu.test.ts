import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { EventName } from '../../../src-core/contract/api';
import { EventBus } from '../../../src-main/app/event-bus';
import { aboutDetail, buildMenuTemplate, emitCommandsOn, type MenuOptions } from '../../../src-main/electron/menu';

function template(overrides: Partial<MenuOptions> = {}) {
  let aboutShown = 0;
  const bus = new EventBus();
  const events: Array<{ name: EventName; payload: unknown }> = [];
  bus.subscribe((name, payload) => events.push({ name, payload }));
  const items = buildMenuTemplate({
    appName: 'NN Lab',
    version: '0.1.0',
    isDev: false,
    platform: 'linux',
    showAbout: () => (aboutShown += 1),
    command: emitCommandsOn(bus),
    ...overrides,
  });
  return { items, aboutShown: () => aboutShown, events };
}

const submenu = (items: MenuItemConstructorOptions[], label: string) =>
  (items.find((item) => item.label === label || item.role === label)?.submenu ?? []) as MenuItemConstructorOptions[];
const roles = (items: MenuItemConstructorOptions[]) => items.map((item) => item.role).filter(Boolean);
const click = (item: MenuItemConstructorOptions | undefined) => item!.click!({} as never, undefined, {} as never);
/** The lab's own items of a menu: label and accelerator. */
const commands = (items: MenuItemConstructorOptions[]) =>
  items.filter((item) => item.accelerator !== undefined).map((item) => [item.label, item.accelerator]);

describe('buildMenuTemplate', () => {
  it('has File, Edit, View and Help on Linux and Windows, with Quit in File', () => {
    const { items } = template();
    expect(items.map((item) => item.label ?? item.role)).toEqual(['File', 'Edit', 'View', 'Run', 'help']);
    expect(roles(submenu(items, 'File'))).toEqual(['quit']);
    expect(roles(submenu(items, 'Edit'))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']);
  });

  it('offers reload and the developer tools only while developing', () => {
    expect(roles(submenu(template().items, 'View'))).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    expect(roles(submenu(template({ isDev: true }).items, 'View'))).toEqual([
      'reload',
      'forceReload',
      'toggleDevTools',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'togglefullscreen',
    ]);
  });

  it('puts Import CSV…, Train, Stop and the two views in the menu with their accelerators', () => {
    const { items } = template();
    expect(commands(submenu(items, 'File'))).toEqual([['Import CSV…', 'CmdOrCtrl+O']]);
    expect(commands(submenu(items, 'Run'))).toEqual([
      ['Train', 'CmdOrCtrl+Enter'],
      ['Stop', 'CmdOrCtrl+.'],
    ]);
    expect(commands(submenu(items, 'View'))).toEqual([
      ['Training', 'CmdOrCtrl+1'],
      ['Dataset doctor', 'CmdOrCtrl+2'],
    ]);
  });

  it('sends each command to the window as app.command on the bus', () => {
    const { items, events } = template();
    const item = (menu: string, label: string) => submenu(items, menu).find((entry) => entry.label === label);
    click(item('File', 'Import CSV…'));
    click(item('Run', 'Train'));
    click(item('Run', 'Stop'));
    click(item('View', 'Training'));
    click(item('View', 'Dataset doctor'));
    expect(events).toEqual(
      [{ action: 'import-dataset' }, { action: 'train' }, { action: 'stop' }, { place: 'build' }, { place: 'data' }].map((command) => ({
        name: 'app.command',
        payload: { command },
      })),
    );
  });

  it('has the same commands on macOS, Import CSV… above Close', () => {
    const { items } = template({ platform: 'darwin' });
    expect(submenu(items, 'File').map((item) => item.label ?? item.role ?? item.type)).toEqual(['Import CSV…', 'separator', 'close']);
    expect(commands(submenu(items, 'Run'))).toEqual([
      ['Train', 'CmdOrCtrl+Enter'],
      ['Stop', 'CmdOrCtrl+.'],
    ]);
  });

  it('opens About from Help', () => {
    const { items, aboutShown } = template();
    const about = submenu(items, 'help').find((item) => item.label === 'About NN Lab');
    click(about);
    expect(aboutShown()).toBe(1);
  });

  it("follows macOS: an app menu with About and Quit, File closes the window, a Window menu", () => {
    const { items } = template({ platform: 'darwin' });
    expect(items.map((item) => item.label ?? item.role)).toEqual(['NN Lab', 'File', 'Edit', 'View', 'Run', 'Window', 'help']);
    const appMenu = submenu(items, 'NN Lab');
    expect(appMenu[0]?.label).toBe('About NN Lab');
    expect(roles(appMenu)).toContain('quit');
    expect(roles(submenu(items, 'File'))).toEqual(['close']);
  });
});

describe('aboutDetail', () => {
  it("states the app's version and the runtime's", () => {
    const text = aboutDetail({ app: '0.1.0', electron: '39.8.10', chrome: '142.0.1', node: '22.20.0' });
    expect(text).toContain('Version 0.1.0');
    expect(text).toContain('Electron 39.8.10 · Chromium 142.0.1 · Node 22.20.0');
  });
});
