import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { aboutDetail, buildMenuTemplate, type MenuOptions } from '../../../src-main/electron/menu';

function template(overrides: Partial<MenuOptions> = {}) {
  let aboutShown = 0;
  const items = buildMenuTemplate({
    appName: 'NN Lab',
    version: '0.1.0',
    isDev: false,
    platform: 'linux',
    showAbout: () => (aboutShown += 1),
    ...overrides,
  });
  return { items, aboutShown: () => aboutShown };
}

const submenu = (items: MenuItemConstructorOptions[], label: string) =>
  (items.find((item) => item.label === label || item.role === label)?.submenu ?? []) as MenuItemConstructorOptions[];
const roles = (items: MenuItemConstructorOptions[]) => items.map((item) => item.role).filter(Boolean);

describe('buildMenuTemplate', () => {
  it('has File, Edit, View and Help on Linux and Windows, with Quit in File', () => {
    const { items } = template();
    expect(items.map((item) => item.label ?? item.role)).toEqual(['File', 'Edit', 'View', 'help']);
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

  it('opens About from Help', () => {
    const { items, aboutShown } = template();
    const about = submenu(items, 'help').find((item) => item.label === 'About NN Lab');
    about!.click!({} as never, undefined, {} as never);
    expect(aboutShown()).toBe(1);
  });

  it("follows macOS: an app menu with About and Quit, File closes the window, a Window menu", () => {
    const { items } = template({ platform: 'darwin' });
    expect(items.map((item) => item.label ?? item.role)).toEqual(['NN Lab', 'File', 'Edit', 'View', 'Window', 'help']);
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
