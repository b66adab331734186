import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as electron from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { eventChannel, requestChannel, requestNames } from '../../../src-core/contract/api-names';
import { EventBus } from '../../../src-main/app/event-bus';
import { forwardEvents, registerRequestHandlers } from '../../../src-main/electron/ipc';
import { isAppPage } from '../../../src-main/electron/renderer-target';
import { FakeWebContents, type FakeElectron } from './fake-electron';
import { recordingHandlers } from './recording-handlers';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());
const { ipcMain } = electron as unknown as FakeElectron;

const indexHtml = resolve('/opt/nn-lab/out/renderer/index.html');
const target = { kind: 'app-protocol', url: 'app://nn-lab/index.html', root: resolve(indexHtml, '..') } as const;
const appUrl = 'app://nn-lab/index.html#/runs';
const trusted = (frame: { url: string } | null) => frame !== null && isAppPage(frame.url, target);

function registered() {
  const { handlers, calls } = recordingHandlers();
  const unregister = registerRequestHandlers(ipcMain, handlers, trusted);
  return { calls, unregister };
}

describe('registerRequestHandlers', () => {
  it('registers exactly one channel per request of the contract, and removes them all', () => {
    const { unregister } = registered();
    expect(ipcMain.channels().sort()).toEqual(requestNames.map(requestChannel).sort());
    unregister();
    expect(ipcMain.channels()).toEqual([]);
  });

  it("answers the app's own page through the handlers", async () => {
    const { calls, unregister } = registered();
    try {
      expect(await ipcMain.invokeFrom(appUrl, requestChannel('runs.stop'), { id: 'r7' })).toMatchObject({
        ok: true,
        value: { id: 'r7', status: 'stopped' },
      });
      expect(await ipcMain.invokeFrom(appUrl, requestChannel('runs.get'), { id: 'r9' })).toEqual({
        ok: false,
        error: { code: 'not_found', message: 'No run r9' },
      });
      expect(calls.map((c) => c.name)).toEqual(['runs.stop', 'runs.get']);
    } finally {
      unregister();
    }
  });

  it('refuses a foreign frame, or a vanished one, before any handler runs', async () => {
    const { calls, unregister } = registered();
    try {
      const foreign = await ipcMain.invokeFrom('https://evil.example/', requestChannel('runs.list'), undefined);
      expect(foreign).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(JSON.stringify(foreign)).toContain('https://evil.example/');
      const otherFile = await ipcMain.invokeFrom('file:///tmp/page.html', requestChannel('app.info'), undefined);
      expect(otherFile).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      const builtFile = await ipcMain.invokeFrom(pathToFileURL(indexHtml).href, requestChannel('app.info'), undefined);
      expect(builtFile).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      const gone = await ipcMain.invokeFrom(null, requestChannel('app.info'), undefined);
      expect(gone).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(calls).toEqual([]);
    } finally {
      unregister();
    }
  });

  it('returns invalid_args naming the field for a bad payload, without reaching the handler', async () => {
    const { calls, unregister } = registered();
    try {
      const response = await ipcMain.invokeFrom(appUrl, requestChannel('runs.get'), { id: 42 });
      expect(response).toMatchObject({ ok: false, error: { code: 'invalid_args', field: 'id' } });
      expect((response as { error: { message: string } }).error.message).toMatch(/^runs\.get: id: /);
      const extra = await ipcMain.invokeFrom(appUrl, requestChannel('datasets.preview'), { id: 'moons', evil: true });
      expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
      expect(calls).toEqual([]);
    } finally {
      unregister();
    }
  });
});

describe('forwardEvents', () => {
  it("sends every bus event to the app's windows on its channel, and stops on unsubscribe", () => {
    const bus = new EventBus();
    const open = Object.assign(new FakeWebContents(), { url: appUrl });
    const closing = Object.assign(new FakeWebContents(), { url: appUrl, destroyed: true });
    const foreign = Object.assign(new FakeWebContents(), { url: 'https://evil.example/' });
    const stop = forwardEvents(bus, () => [open, closing, foreign], (url) => isAppPage(url, target));

    const progress = { runId: 'r1', metrics: { epoch: 1, loss: 0.5, lr: 0.01, seconds: 0.2 } };
    bus.emit('run.progress', progress);
    expect(open.sent).toEqual([{ channel: eventChannel('run.progress'), payload: progress }]);
    expect(closing.sent).toEqual([]);
    expect(foreign.sent).toEqual([]);

    stop();
    bus.emit('run.progress', progress);
    expect(open.sent).toHaveLength(1);
  });
});
