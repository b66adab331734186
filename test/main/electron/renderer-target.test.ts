import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chooseRendererTarget, isAppPage, isAppResource } from '../../../src-main/electron/renderer-target';

const indexHtml = resolve('/opt/nn-lab/out/renderer/index.html');
const appTarget = { kind: 'app-protocol', url: 'app://nn-lab/index.html', root: resolve('/opt/nn-lab/out/renderer') } as const;
const devTarget = { kind: 'dev-server', url: 'http://localhost:5173/' } as const;

describe('chooseRendererTarget', () => {
  it('serves the built renderer as app://nn-lab/ unless an unpackaged app names a dev server', () => {
    expect(chooseRendererTarget(undefined, false, indexHtml)).toEqual(appTarget);
    expect(chooseRendererTarget(undefined, true, indexHtml)).toEqual(appTarget);
    expect(chooseRendererTarget('http://localhost:5173/', false, indexHtml)).toEqual(devTarget);
    expect(chooseRendererTarget('javascript:alert(1)', false, indexHtml)).toEqual(appTarget);
    expect(chooseRendererTarget('file:///etc/passwd', false, indexHtml)).toEqual(appTarget);
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app, whatever it names', () => {
    for (const url of ['http://localhost:5173/', 'https://evil.example/', 'http://127.0.0.1:9/']) {
      expect(chooseRendererTarget(url, true, indexHtml)).toEqual(appTarget);
    }
  });
});

describe('isAppPage', () => {
  it('accepts app://nn-lab/index.html with any hash or query, and nothing else', () => {
    expect(isAppPage('app://nn-lab/index.html', appTarget)).toBe(true);
    expect(isAppPage('app://nn-lab/index.html#/runs/3', appTarget)).toBe(true);
    expect(isAppPage('app://nn-lab/index.html?x=1', appTarget)).toBe(true);
    expect(isAppPage('app://nn-lab/other.html', appTarget)).toBe(false);
    expect(isAppPage('app://nn-lab/assets/index.js', appTarget)).toBe(false);
    expect(isAppPage('app://other/index.html', appTarget)).toBe(false);
    // The built file itself is no longer the app's page: file:// gets no bridge.
    expect(isAppPage(pathToFileURL(indexHtml).href, appTarget)).toBe(false);
    expect(isAppPage('file:///etc/passwd', appTarget)).toBe(false);
    expect(isAppPage('https://example.com/', appTarget)).toBe(false);
    expect(isAppPage('not a url', appTarget)).toBe(false);
  });

  it("accepts the dev server's origin only", () => {
    expect(isAppPage('http://localhost:5173/', devTarget)).toBe(true);
    expect(isAppPage('http://localhost:5173/runs?id=2', devTarget)).toBe(true);
    expect(isAppPage('http://localhost:5174/', devTarget)).toBe(false);
    expect(isAppPage('http://127.0.0.1:5173/', devTarget)).toBe(false);
    expect(isAppPage('https://localhost:5173/', devTarget)).toBe(false);
    expect(isAppPage('app://nn-lab/index.html', devTarget)).toBe(false);
  });
});

describe('isAppResource', () => {
  it('covers app://nn-lab/ and nothing on disk or elsewhere', () => {
    expect(isAppResource('app://nn-lab/assets/index.js', appTarget)).toBe(true);
    expect(isAppResource('app://nn-lab.evil/index.html', appTarget)).toBe(false);
    expect(isAppResource(pathToFileURL(join(indexHtml, '..', 'assets', 'index.js')).href, appTarget)).toBe(false);
    expect(isAppResource('https://cdn.example.com/x.js', appTarget)).toBe(false);
  });
});
