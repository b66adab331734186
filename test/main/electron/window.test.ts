import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as electron from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createMainWindow, mainWindowOptions } from '../../../src-main/electron/window';
import type { FakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());
const fake = electron as unknown as FakeElectron;

const preload = resolve('/opt/nn-lab/out/preload/index.cjs');
const files = { preload, icon: resolve('/opt/nn-lab/resources/icon.png') };

describe('mainWindowOptions', () => {
  it('sandboxes the page: isolation on, no Node, web security on, only our preload', () => {
    const options = mainWindowOptions(files, { dark: false });
    expect(options.webPreferences).toMatchObject({
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(options).toMatchObject({ title: 'NN Lab', show: false, icon: files.icon });
    expect(options.minWidth).toBeLessThanOrEqual(options.width!);
    expect(options.minHeight).toBeLessThanOrEqual(options.height!);
  });
});

describe('createMainWindow', () => {
  it('loads the page from app://nn-lab/ (never file://), and shows the window only once it is ready', () => {
    const target = { kind: 'app-protocol', url: 'app://nn-lab/index.html', root: resolve('/opt/nn-lab/out/renderer') } as const;
    const window = createMainWindow(files, target) as unknown as InstanceType<FakeElectron['BrowserWindow']>;
    expect(window.options).toEqual(mainWindowOptions(files, { dark: false }));
    expect(window.loaded).toEqual({ url: 'app://nn-lab/index.html' });
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it("paints the renderer's background for the system theme before the page loads", () => {
    fake.fake.darkTheme = true;
    const dark = createMainWindow(files, { kind: 'dev-server', url: 'http://localhost:5173/' }) as unknown as InstanceType<
      FakeElectron['BrowserWindow']
    >;
    fake.fake.darkTheme = false;
    const light = createMainWindow(files, { kind: 'dev-server', url: 'http://localhost:5173/' }) as unknown as InstanceType<
      FakeElectron['BrowserWindow']
    >;
    // The renderer's own --bg, light then dark (src-renderer/app.css).
    const css = readFileSync(resolve(import.meta.dirname, '../../../src-renderer/app.css'), 'utf8');
    const lightBg = /:root\s*{[^}]*--bg:\s*(#[0-9a-f]{6})/i.exec(css)?.[1];
    const darkBg = /prefers-color-scheme:\s*dark\)\s*{\s*:root\s*{[^}]*--bg:\s*(#[0-9a-f]{6})/i.exec(css)?.[1];
    expect(light.options['backgroundColor']).toBe(lightBg);
    expect(dark.options['backgroundColor']).toBe(darkBg);
  });

  it('loads the dev server URL while developing', () => {
    const window = createMainWindow(files, { kind: 'dev-server', url: 'http://localhost:5173/' }) as unknown as InstanceType<
      FakeElectron['BrowserWindow']
    >;
    expect(window.loaded).toEqual({ url: 'http://localhost:5173/' });
    expect(fake.BrowserWindow.getAllWindows()).toContain(window);
  });
});
