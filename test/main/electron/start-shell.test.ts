import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eventChannel, requestChannel, requestNames } from '../../../src-core/contract/api-names';
import { EventBus } from '../../../src-main/app/event-bus';
import type { ShellLab, ShellLabOptions } from '../../../src-main/electron/start-shell';
import { useTempDir } from '../../support/temp-dir';
import { createFakeElectron, fakeEvent, type FakeElectron } from './fake-electron';
import { recordingHandlers } from './recording-handlers';


const preloadPath = resolve('/opt/nn-lab/out/preload/index.cjs');
const rendererHtml = resolve('/opt/nn-lab/out/renderer/index.html');
const appUrl = 'app://nn-lab/index.html';

const temp = useTempDir('nn-lab-shell-');
beforeEach(() => {
  delete process.env['ELECTRON_RENDERER_URL'];
});

/** A fresh fake Electron and a fresh shell module for each test, as in a new process. */
async function boot(
  setup: (fake: FakeElectron) => void = () => {},
  createLab?: (o: ShellLabOptions) => Promise<ShellLab>,
  html: string = rendererHtml,
) {
  vi.resetModules();
  vi.doMock('electron', () => createFakeElectron());
  const electron = (await import('electron')) as unknown as FakeElectron;
  electron.fake.userData = join(temp.dir, 'user-data');
  electron.fake.appPath = join(temp.dir, 'app');
  setup(electron);
  const { startShell } = await import('../../../src-main/electron/start-shell');
  const labOptions: ShellLabOptions[] = [];
  const bus = new EventBus();
  const { handlers, calls } = recordingHandlers();
  let closes = 0;
  const lab: ShellLab = {
    handlers,
    bus,
    info: { name: 'NN Lab', version: '0.1.0', host: 'electron', databasePath: '', threads: 1 },
    backup: async (path) => ({ path, bytes: 0 }),
    close: async () => {
      closes += 1;
    },
  };
  const shell = await startShell({
    preloadPath,
    rendererHtml: html,
    iconPath: resolve('/opt/nn-lab/resources/icon.png'),
    electronVersion: '39.8.10',
    createLab:
      createLab ??
      (async (options) => {
        labOptions.push(options);
        return lab;
      }),
  });
  return { electron, shell, labOptions, bus, calls, closes: () => closes };
}

type Window = InstanceType<FakeElectron['BrowserWindow']>;

describe('startShell', () => {
  it('quits at once when another instance holds the lock', async () => {
    const { electron, shell, labOptions } = await boot((fake) => (fake.fake.singleInstanceLock = false));
    expect(shell).toBeNull();
    expect(electron.fake.quitCalls).toBe(1);
    expect(labOptions).toEqual([]);
    expect(electron.BrowserWindow.getAllWindows()).toEqual([]);
  });

  it('opens the lab in userData/lab.db and one sandboxed window on the built page', async () => {
    const { electron, shell, labOptions } = await boot();
    expect(labOptions).toEqual([{ databasePath: join(temp.dir, 'user-data', 'lab.db'), host: 'electron' }]);
    const windows = electron.BrowserWindow.getAllWindows();
    expect(windows).toHaveLength(1);
    expect(windows[0]).toBe(shell!.window);
    expect(windows[0]!.options).toMatchObject({ webPreferences: { preload: preloadPath, sandbox: true, contextIsolation: true } });
    expect(windows[0]!.loaded).toEqual({ url: appUrl });
  });

  it('registers app:// as a privileged scheme before the app is ready, and serves out/renderer on it', async () => {
    const renderer = join(temp.dir, 'out', 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>NN Lab</title>');
    writeFileSync(join(renderer, 'assets', 'index.js'), 'export {};');
    writeFileSync(join(temp.dir, 'out', 'secret.txt'), 'SECRET');
    const { electron } = await boot(undefined, undefined, join(renderer, 'index.html'));
    expect(electron.fake.privilegedSchemes).toEqual([
      { schemes: [{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }], beforeReady: true },
    ]);
    const serve = electron.fake.protocolHandlers.get('app')!;
    const page = await serve(new Request(appUrl));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('NN Lab');
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self';");
    expect((await serve(new Request('app://nn-lab/assets/index.js'))).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const out = await serve(new Request('app://nn-lab/..%2fsecret.txt'));
    expect(out.status).toBe(403);
    expect(await out.text()).not.toContain('SECRET');
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app: app:// page, no developer tools, the URL gets no bridge', async () => {
    const { electron } = await boot((fake) => {
      fake.fake.isPackaged = true;
      process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173';
    });
    expect((electron.BrowserWindow.getAllWindows()[0] as Window).loaded).toEqual({ url: appUrl });
    expect(await electron.ipcMain.invokeFrom('http://localhost:5173/', requestChannel('app.info'), undefined)).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    const menu = electron.fake.applicationMenu as { template: MenuItemConstructorOptions[] };
    expect(JSON.stringify(menu.template)).not.toContain('toggleDevTools');
  });

  it('sandboxes every renderer, app-wide', async () => {
    const { electron } = await boot();
    expect(electron.fake.sandboxEnabled).toBe(true);
  });

  it('brings the window back when the app is launched again', async () => {
    const { electron } = await boot();
    const window = electron.BrowserWindow.getAllWindows()[0] as Window;
    window.minimized = true;
    electron.app.emit('second-instance', {}, [], '/');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('opens a new window when the dock icon is clicked with none open (macOS)', async () => {
    const { electron } = await boot();
    (electron.BrowserWindow.getAllWindows()[0] as Window).closed = true;
    electron.app.emit('activate');
    expect(electron.BrowserWindow.getAllWindows()).toHaveLength(1);
  });

  it.runIf(process.platform !== 'darwin')('quits when the last window closes (Linux, Windows)', async () => {
    const { electron } = await boot();
    electron.app.emit('window-all-closed');
    expect(electron.fake.quitCalls).toBe(1);
  });

  it("passes better-sqlite3's Electron build to the lab when it exists", async () => {
    const binding = join(temp.dir, 'app', '.electron-native', '39.8.10', 'better_sqlite3.node');
    mkdirSync(join(binding, '..'), { recursive: true });
    writeFileSync(binding, 'binary');
    const { labOptions } = await boot();
    expect(labOptions[0]?.nativeBinding).toBe(binding);
  });

  it("passes the unpacked copy of the binding in a packaged app (a worker thread cannot load it from app.asar)", async () => {
    const inArchive = join(temp.dir, 'resources', 'app.asar', '.electron-native', '39.8.10', 'better_sqlite3.node');
    const unpacked = join(temp.dir, 'resources', 'app.asar.unpacked', '.electron-native', '39.8.10', 'better_sqlite3.node');
    for (const file of [inArchive, unpacked]) {
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, 'binary');
    }
    const { labOptions } = await boot((fake) => (fake.fake.appPath = join(temp.dir, 'resources', 'app.asar')));
    expect(labOptions[0]?.nativeBinding).toBe(unpacked);
  });

  it('answers app.backup over the bridge with the save dialog only: a page cannot name a path', async () => {
    const { electron, calls } = await boot();
    const answer = await electron.ipcMain.invokeFrom(appUrl, requestChannel('app.backup'), { path: join(temp.dir, 'lab.db') });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_args', field: 'path' } });
    expect(calls.map((c) => c.name)).not.toContain('app.backup');
  });

  it('serves every request channel to its page and refuses other pages', async () => {
    const { electron, calls } = await boot();
    expect(electron.ipcMain.channels().sort()).toEqual(requestNames.map(requestChannel).sort());
    expect(await electron.ipcMain.invokeFrom(appUrl, requestChannel('runs.list'), undefined)).toMatchObject({ ok: true });
    expect(await electron.ipcMain.invokeFrom('https://evil.example/', requestChannel('runs.list'), undefined)).toMatchObject({
      ok: false,
    });
    expect(calls.map((c) => c.name)).toEqual(['runs.list']);
  });

  it("sends the lab's events to the window", async () => {
    const { electron, bus } = await boot();
    const window = electron.BrowserWindow.getAllWindows()[0] as Window;
    const status = { id: 'r1', status: 'running' } as never;
    bus.emit('run.status', status);
    expect(window.webContents.sent).toEqual([{ channel: eventChannel('run.status'), payload: status }]);
  });

  it('guards the window: foreign navigation refused, windows denied, permissions refused', async () => {
    const { electron } = await boot();
    const contents = (electron.BrowserWindow.getAllWindows()[0] as Window).webContents;
    const away = fakeEvent('https://evil.example/');
    contents.emit('will-navigate', away);
    expect(away.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://pytorch.org/' })).toEqual({ action: 'deny' });
    const granted: boolean[] = [];
    electron.fake.permissionRequestHandler!({}, 'media', (g: boolean) => granted.push(g), {});
    expect(granted).toEqual([false]);
    expect(electron.fake.headersReceived).not.toBeNull();
  });

  it('asks before a link leaves for the browser, and opens it only on yes', async () => {
    const { electron } = await boot();
    const contents = (electron.BrowserWindow.getAllWindows()[0] as Window).webContents;
    const settled = () => new Promise((done) => setImmediate(done));

    electron.fake.messageBoxResponse = 1; // Cancel
    expect(contents.windowOpenHandler!({ url: 'https://archive.ics.uci.edu/dataset/53/iris' })).toEqual({ action: 'deny' });
    await settled();
    expect(electron.fake.messageBoxes).toEqual([
      expect.objectContaining({ message: 'Open https://archive.ics.uci.edu/dataset/53/iris in your browser?' }),
    ]);
    expect(electron.fake.externalUrls).toEqual([]);

    electron.fake.messageBoxResponse = 0; // Open
    contents.windowOpenHandler!({ url: 'https://archive.ics.uci.edu/dataset/53/iris' });
    await settled();
    expect(electron.fake.externalUrls).toEqual(['https://archive.ics.uci.edu/dataset/53/iris']);

    contents.windowOpenHandler!({ url: 'file:///usr/bin/xterm' });
    await settled();
    expect(electron.fake.messageBoxes).toHaveLength(2);
    expect(electron.fake.externalUrls).toHaveLength(1);
  });

  it('installs a menu without developer tools when running the built app', async () => {
    const { electron } = await boot();
    const menu = electron.fake.applicationMenu as { template: MenuItemConstructorOptions[] };
    expect(JSON.stringify(menu.template)).not.toContain('toggleDevTools');
  });

  it('uses the dev server, with developer tools, under electron-vite dev', async () => {
    const { electron } = await boot((fake) => {
      fake.fake.isPackaged = false;
      process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173';
    });
    expect((electron.BrowserWindow.getAllWindows()[0] as Window).loaded).toEqual({ url: 'http://localhost:5173' });
    expect(await electron.ipcMain.invokeFrom('http://localhost:5173/', requestChannel('app.info'), undefined)).toMatchObject({
      ok: true,
    });
    const menu = electron.fake.applicationMenu as { template: MenuItemConstructorOptions[] };
    expect(JSON.stringify(menu.template)).toContain('toggleDevTools');
  });

  it('closes the lab once before quitting', async () => {
    const { electron, closes } = await boot();
    const first = fakeEvent();
    electron.app.emit('will-quit', first);
    expect(first.defaultPrevented).toBe(true);
    await new Promise((done) => setImmediate(done)); // lets lab.close() settle
    expect(electron.fake.quitCalls).toBe(1);
    expect(closes()).toBe(1);
    const second = fakeEvent();
    electron.app.emit('will-quit', second);
    expect(second.defaultPrevented).toBe(false);
    expect(closes()).toBe(1);
  });

  it('tells the user how to rebuild when the database driver cannot load, and exits', async () => {
    const { electron, shell } = await boot(undefined, async () => {
      throw new Error('The module was compiled against NODE_MODULE_VERSION 115. This version requires 140.');
    });
    expect(shell).toBeNull();
    expect(electron.fake.exitCodes).toEqual([1]);
    expect(electron.BrowserWindow.getAllWindows()).toEqual([]);
    expect(electron.fake.errorBoxes).toHaveLength(1);
    const { title, content } = electron.fake.errorBoxes[0]!;
    expect(title).toBe('NN Lab could not start');
    expect(content).toContain(join(temp.dir, 'user-data', 'lab.db'));
    expect(content).toContain('node scripts/electron-native.mjs --require');
  });
});
