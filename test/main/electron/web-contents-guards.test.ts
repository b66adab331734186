import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { guardWebContents, handleWindowOpen } from '../../../src-main/electron/web-contents-guards';
import { FakeWebContents, fakeEvent } from './fake-electron';

const indexHtml = resolve('/opt/nn-lab/out/renderer/index.html');
const target = { kind: 'app-protocol', url: 'app://nn-lab/index.html', root: resolve(indexHtml, '..') } as const;

function guarded() {
  const contents = new FakeWebContents();
  const opened: string[] = [];
  guardWebContents(contents as unknown as WebContents, target, (url) => opened.push(url));
  return { contents, opened };
}

describe('guardWebContents', () => {
  it('refuses navigation to a foreign URL and allows the app page', () => {
    const { contents } = guarded();
    const foreign = fakeEvent('https://evil.example/');
    contents.emit('will-navigate', foreign);
    expect(foreign.defaultPrevented).toBe(true);

    const other = fakeEvent('file:///etc/passwd');
    contents.emit('will-navigate', other);
    expect(other.defaultPrevented).toBe(true);

    const builtFile = fakeEvent(pathToFileURL(indexHtml).href);
    contents.emit('will-navigate', builtFile);
    expect(builtFile.defaultPrevented).toBe(true);

    const own = fakeEvent('app://nn-lab/index.html#/runs');
    contents.emit('will-navigate', own);
    expect(own.defaultPrevented).toBe(false);
  });

  it('refuses a redirect away from the app', () => {
    const { contents } = guarded();
    const redirect = fakeEvent('https://evil.example/');
    contents.emit('will-redirect', redirect);
    expect(redirect.defaultPrevented).toBe(true);
  });

  it('never attaches a webview', () => {
    const { contents } = guarded();
    const attach = fakeEvent();
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.defaultPrevented).toBe(true);
  });

  it('denies every new window and hands every URL to the link policy', () => {
    const { contents, opened } = guarded();
    const open = (url: string) => contents.windowOpenHandler!({ url });
    for (const url of ['https://pytorch.org/docs', 'file:///usr/bin/xterm', 'javascript:alert(1)']) expect(open(url)).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://pytorch.org/docs', 'file:///usr/bin/xterm', 'javascript:alert(1)']);
  });
});

describe('handleWindowOpen', () => {
  it('denies the window whatever the link policy does with the URL', () => {
    expect(handleWindowOpen('https://example.com/', () => undefined)).toEqual({ action: 'deny' });
  });
});
