import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { guardWebContents, handleWindowOpen } from '../../../src-main/electron/web-contents-guards';
import { FakeWebContents, fakeEvent } from './fake-electron';

const indexHtml = resolve('/opt/nn-lab/out/renderer/index.html');
const target = { kind: 'file', file: indexHtml } as const;

function guarded() {
  const contents = new FakeWebContents();
  const opened: string[] = [];
  guardWebContents(contents as unknown as WebContents, target, async (url) => {
    opened.push(url);
  });
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

    const own = fakeEvent(`${pathToFileURL(indexHtml).href}#/runs`);
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

  it('denies every new window and sends http(s) links to the browser only', () => {
    const { contents, opened } = guarded();
    const open = (url: string) => contents.windowOpenHandler!({ url });
    expect(open('https://pytorch.org/docs')).toEqual({ action: 'deny' });
    expect(open('http://example.com/')).toEqual({ action: 'deny' });
    expect(open('file:///usr/bin/xterm')).toEqual({ action: 'deny' });
    expect(open('smb://share/x.exe')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://pytorch.org/docs', 'http://example.com/']);
  });
});

describe('handleWindowOpen', () => {
  it('survives a browser that fails to open', () => {
    const result = handleWindowOpen('https://example.com/', () => Promise.reject(new Error('no browser')));
    expect(result).toEqual({ action: 'deny' });
  });
});
