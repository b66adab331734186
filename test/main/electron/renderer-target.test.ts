import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chooseRendererTarget, isAppPage, isAppResource } from '../../../src-main/electron/renderer-target';

const indexHtml = resolve('/opt/nn-lab/out/renderer/index.html');
const fileTarget = { kind: 'file', file: indexHtml } as const;
const devTarget = { kind: 'dev-server', url: 'http://localhost:5173/' } as const;

describe('chooseRendererTarget', () => {
  it('uses the dev server only in an unpackaged app with an http URL', () => {
    expect(chooseRendererTarget('http://localhost:5173/', false, indexHtml)).toEqual(devTarget);
    expect(chooseRendererTarget('http://localhost:5173/', true, indexHtml)).toEqual(fileTarget);
    expect(chooseRendererTarget(undefined, false, indexHtml)).toEqual(fileTarget);
    expect(chooseRendererTarget('javascript:alert(1)', false, indexHtml)).toEqual(fileTarget);
  });
});

describe('isAppPage', () => {
  it("accepts the built index.html with any hash or query, and nothing else on disk", () => {
    const page = pathToFileURL(indexHtml).href;
    expect(isAppPage(page, fileTarget)).toBe(true);
    expect(isAppPage(`${page}#/runs/3`, fileTarget)).toBe(true);
    expect(isAppPage(`${page}?x=1`, fileTarget)).toBe(true);
    expect(isAppPage(pathToFileURL(join(indexHtml, '..', 'other.html')).href, fileTarget)).toBe(false);
    expect(isAppPage('file:///etc/passwd', fileTarget)).toBe(false);
    expect(isAppPage('https://example.com/', fileTarget)).toBe(false);
    expect(isAppPage('not a url', fileTarget)).toBe(false);
  });

  it("accepts the dev server's origin only", () => {
    expect(isAppPage('http://localhost:5173/', devTarget)).toBe(true);
    expect(isAppPage('http://localhost:5173/runs?id=2', devTarget)).toBe(true);
    expect(isAppPage('http://localhost:5174/', devTarget)).toBe(false);
    expect(isAppPage('http://127.0.0.1:5173/', devTarget)).toBe(false);
    expect(isAppPage('https://localhost:5173/', devTarget)).toBe(false);
    expect(isAppPage(pathToFileURL(indexHtml).href, devTarget)).toBe(false);
  });
});

describe('isAppResource', () => {
  it('covers files under out/renderer but not beside it', () => {
    const root = join(indexHtml, '..');
    expect(isAppResource(pathToFileURL(join(root, 'assets', 'index.js')).href, fileTarget)).toBe(true);
    expect(isAppResource(pathToFileURL(join(root, '..', 'main', 'index.js')).href, fileTarget)).toBe(false);
    expect(isAppResource(pathToFileURL(`${root}-evil/index.html`).href, fileTarget)).toBe(false);
    expect(isAppResource('https://cdn.example.com/x.js', fileTarget)).toBe(false);
  });
});
