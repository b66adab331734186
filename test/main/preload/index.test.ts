import { resolve } from 'node:path';
import * as electron from 'electron';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { PreloadBridge } from '../../../src-core/contract/api-names';
import { eventChannel, eventNames, requestNames } from '../../../src-core/contract/api-names';
import { registerRequestHandlers } from '../../../src-main/electron/ipc';
import { isAppPage } from '../../../src-main/electron/renderer-target';
import type { FakeElectron } from '../electron/fake-electron';
import { recordingHandlers } from '../electron/recording-handlers';

vi.mock('electron', async () => (await import('../electron/fake-electron')).createFakeElectron());
const fake = electron as unknown as FakeElectron;

const target = { kind: 'app-protocol', url: 'app://nn-lab/index.html', root: resolve('/opt/nn-lab/out/renderer') } as const;

let bridge: PreloadBridge;
beforeAll(async () => {
  await import('../../../src-main/preload/index');
  bridge = fake.fake.exposed.get('nnLab') as PreloadBridge;
});

describe('the preload', () => {
  it('exposes window.nnLab and nothing else', () => {
    expect([...fake.fake.exposed.keys()]).toEqual(['nnLab']);
  });

  it('has exactly one request method per request and one subscribe per event', () => {
    expect(Object.keys(bridge).sort()).toEqual(['request', 'subscribe']);
    expect(Object.keys(bridge.request).sort()).toEqual([...requestNames].sort());
    expect(Object.keys(bridge.subscribe).sort()).toEqual([...eventNames].sort());
    for (const method of [...Object.values(bridge.request), ...Object.values(bridge.subscribe)]) {
      expect(typeof method).toBe('function');
    }
  });

  it('cannot be changed by the page', () => {
    expect(Object.isFrozen(bridge) && Object.isFrozen(bridge.request) && Object.isFrozen(bridge.subscribe)).toBe(true);
  });

  it("carries a request to main's handler and its ApiResponse back", async () => {
    const { handlers, calls } = recordingHandlers();
    const unregister = registerRequestHandlers(fake.ipcMain, handlers, (f) => f !== null && isAppPage(f.url, target));
    try {
      fake.fake.rendererUrl = target.url;
      expect(await bridge.request['datasets.preview']({ id: 'two-moons' })).toEqual({
        ok: true,
        value: { id: 'two-moons', points: [[0, 1]], labels: [1] },
      });
      expect(await bridge.request['runs.get']({ id: '' })).toMatchObject({ ok: false, error: { code: 'invalid_args', field: 'id' } });
      expect(calls).toEqual([{ name: 'datasets.preview', args: { id: 'two-moons' } }]);
    } finally {
      unregister();
    }
  });

  it('answers with an ApiError when main has no handler, rather than throwing', async () => {
    const response = await bridge.request['app.info'](undefined);
    expect(response).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(JSON.stringify(response)).toContain('app.info');
  });

  it('gives a listener the payload alone, and unsubscribe stops it', () => {
    const received: unknown[][] = [];
    const unsubscribe = bridge.subscribe['run.status']((...args: unknown[]) => received.push(args));
    const channel = eventChannel('run.status');
    fake.ipcRenderer.deliver(channel, { id: 'r1', status: 'running' });
    expect(received).toEqual([[{ id: 'r1', status: 'running' }]]);

    unsubscribe();
    fake.ipcRenderer.deliver(channel, { id: 'r1', status: 'completed' });
    expect(received).toHaveLength(1);
    expect(fake.ipcRenderer.listenerCount(channel)).toBe(0);
  });

  it('refuses a listener that is not a function', () => {
    expect(() => bridge.subscribe['run.progress'](42 as never)).toThrow(/needs a function/);
  });
});
