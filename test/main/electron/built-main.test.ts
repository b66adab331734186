import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventChannel, eventNames, requestChannel, requestNames } from '../../../src-core/contract/api-names';
import type { PreloadBridge } from '../../../src-core/contract/api-names';
import type { RunSummary } from '../../../src-core/contract/training';
import { createFakeElectron, fakeEvent, type FakeElectron } from './fake-electron';

/**
 * The shell as electron-vite builds it: out/main/index.js (ESM) run against the fake Electron with
 * the real composition root (SQLite file, piscina pool), and out/preload/index.cjs run the way a
 * sandboxed preload runs, with a `require` that knows only 'electron'.
 */
const repo = resolve(import.meta.dirname, '..', '..', '..');
// Inside the checkout (so the bundle resolves node_modules) but in the git-ignored /tmp/ folder.
let work: string;

beforeAll(() => {
  mkdirSync(join(repo, 'tmp'), { recursive: true });
  work = mkdtempSync(join(repo, 'tmp', 'shell-build-'));
  const config = join(work, 'electron.vite.config.mjs');
  writeFileSync(
    config,
    `export default {
  main: { build: { outDir: ${JSON.stringify(join(work, 'out', 'main'))}, rollupOptions: { input: { index: ${JSON.stringify(join(repo, 'src-main/electron/main.ts'))}, 'train-worker': ${JSON.stringify(join(repo, 'src-main/pool/train-worker.ts'))} } } } },
  preload: { build: { outDir: ${JSON.stringify(join(work, 'out', 'preload'))}, externalizeDeps: false, rollupOptions: { input: { index: ${JSON.stringify(join(repo, 'src-main/preload/index.ts'))} }, output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false } } } },
};
`,
  );
  execFileSync(process.execPath, [join(repo, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--config', config], {
    cwd: repo,
    stdio: 'pipe',
  });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the built preload', () => {
  it('needs nothing but electron and exposes the whole bridge', () => {
    const code = readFileSync(join(work, 'out', 'preload', 'index.cjs'), 'utf8');
    expect(code).not.toMatch(/\bzod\b/);
    const electron = createFakeElectron();
    const required: string[] = [];
    const sandboxRequire = (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electron;
    };
    const module = { exports: {} };
    new Function('require', 'module', 'exports', code)(sandboxRequire, module, module.exports);
    expect(required).toEqual(['electron']);
    const bridge = electron.fake.exposed.get('nnLab') as PreloadBridge;
    expect(Object.keys(bridge.request).sort()).toEqual([...requestNames].sort());
    expect(Object.keys(bridge.subscribe).sort()).toEqual([...eventNames].sort());
  });
});

describe('the built main process', () => {
  it('starts, opens lab.db in userData, answers its page and refuses others, trains with live events, closes on quit', async () => {
    const userData = join(work, 'user-data');
    vi.resetModules();
    vi.doMock('electron', () => createFakeElectron());
    const electron = (await import('electron')) as unknown as FakeElectron;
    electron.fake.userData = userData;
    electron.fake.appPath = work;

    await import(pathToFileURL(join(work, 'out', 'main', 'index.js')).href);
    const how = await electron.started;
    expect({ how, errors: electron.fake.errorBoxes }).toEqual({ how: 'window', errors: [] });

    const window = electron.BrowserWindow.getAllWindows()[0]!;
    const rendererHtml = join(work, 'out', 'renderer', 'index.html');
    expect(window.loaded).toEqual({ url: 'app://nn-lab/index.html' });
    expect(electron.fake.protocolHandlers.has('app')).toBe(true);
    expect(window.options).toMatchObject({
      webPreferences: { preload: join(work, 'out', 'preload', 'index.cjs'), sandbox: true, contextIsolation: true, nodeIntegration: false },
    });

    const page = 'app://nn-lab/index.html';
    expect(await electron.ipcMain.invokeFrom(pathToFileURL(rendererHtml).href, requestChannel('app.info'), undefined)).toMatchObject({ ok: false });
    const info = await electron.ipcMain.invokeFrom(page, requestChannel('app.info'), undefined);
    expect(info).toMatchObject({ ok: true, value: { name: 'NN Lab', host: 'electron', databasePath: join(userData, 'lab.db') } });
    expect(existsSync(join(userData, 'lab.db'))).toBe(true);
    expect(await electron.ipcMain.invokeFrom(page, requestChannel('runs.list'), undefined)).toEqual({ ok: true, value: [] });
    expect(await electron.ipcMain.invokeFrom(page, requestChannel('runs.get'), { id: 7 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_args', field: 'id' },
    });
    expect(await electron.ipcMain.invokeFrom('https://evil.example/', requestChannel('runs.list'), undefined)).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });

    // A real training run, started from the page; its events reach the window.
    const contents = window.webContents;
    const finished = new Set(['completed', 'stopped', 'failed', 'diverged', 'interrupted']);
    const ended = contents.nextSent(eventChannel('run.status'), (p) => finished.has((p as RunSummary).status));
    const started = await electron.ipcMain.invokeFrom(page, requestChannel('runs.start'), {
      datasetId: 'two-moons',
      name: 'shell smoke test',
      spec: { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 2 }, { type: 'softmax' }] },
      train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32, epochs: 3, seed: 7 },
    });
    expect(started).toMatchObject({ ok: true, value: { name: 'shell smoke test' } });
    const done = (await ended) as RunSummary;
    expect(done).toMatchObject({ status: 'completed', epochsDone: 3 });
    const progress = contents.sent.filter((m) => m.channel === eventChannel('run.progress'));
    // Progress is throttled: one event may carry epochs that arrived together in `earlier`.
    type Progress = { metrics: { epoch: number }; earlier?: Array<{ epoch: number }> };
    const epochs = progress.flatMap((m) => {
      const payload = m.payload as Progress;
      return [...(payload.earlier ?? []), payload.metrics].map((e) => e.epoch);
    });
    expect(epochs).toEqual([1, 2, 3]);

    const quit = fakeEvent();
    electron.app.emit('will-quit', quit);
    expect(quit.defaultPrevented).toBe(true);
    await electron.quitCalled; // after the lab has closed its pool and database
  });
});
