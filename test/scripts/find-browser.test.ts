import { chromium } from '@playwright/test';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bundledChromiumServes,
  bundledPackage,
  findBrowser,
  installedPaths,
  nothingFoundLine,
  playwrightBrowsersDir,
  unpackBundledChromium,
} from '../../scripts/find-browser.mjs';
import { useTempDir } from '../support/temp-dir';

const temp = useTempDir('nn-lab-find-browser-');

/** A stand-in browser: a real file, executable unless told otherwise. */
function fakeExecutable(path: string, executable = true): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, executable ? 0o755 : 0o644);
  return path;
}

/** A machine with nothing on it (no PATH entries, no installers' places, an empty home) unless the test adds it. */
function facts(overrides: { env?: Record<string, string>; platform?: string; arch?: string; installed?: string[]; unpack?: () => string | null } = {}) {
  const unpacked: string[] = [];
  const home = join(temp.dir, 'home');
  return {
    unpacked,
    facts: {
      env: overrides.env ?? {},
      platform: overrides.platform ?? 'linux',
      arch: overrides.arch ?? 'x64',
      home,
      installed: overrides.installed ?? [],
      unpackBundled: () => {
        unpacked.push('called');
        return overrides.unpack ? overrides.unpack() : fakeExecutable(join(temp.dir, 'cache', 'chromium'));
      },
    },
  };
}

describe('findBrowser: the order of preference', () => {
  it('takes CHROMIUM_PATH first, then a Chromium on PATH, then an installed one, then Playwright’s cache, then the bundled one', () => {
    const chosen = fakeExecutable(join(temp.dir, 'chosen', 'my-chrome'));
    const onPath = fakeExecutable(join(temp.dir, 'bin', 'chromium'));
    const installed = fakeExecutable(join(temp.dir, 'opt', 'google', 'chrome', 'chrome'));
    const cached = fakeExecutable(join(temp.dir, 'pw', 'chromium-1200', 'chrome-linux64', 'chrome'));
    const env = { CHROMIUM_PATH: chosen, PATH: join(temp.dir, 'bin'), PLAYWRIGHT_BROWSERS_PATH: join(temp.dir, 'pw') };

    const all = facts({ env, installed: [installed] });
    expect(findBrowser(all.facts)).toEqual({ path: chosen, source: 'CHROMIUM_PATH' });
    const { CHROMIUM_PATH: _chosen, ...withoutChosen } = env;
    expect(findBrowser(facts({ env: withoutChosen, installed: [installed] }).facts)).toEqual({ path: onPath, source: 'system' });
    const { PATH: _path, ...withoutPath } = withoutChosen;
    expect(findBrowser(facts({ env: withoutPath, installed: [installed] }).facts)).toEqual({ path: installed, source: 'system' });
    const cacheOnly = facts({ env: withoutPath });
    expect(findBrowser(cacheOnly.facts)).toEqual({ path: cached, source: 'playwright' });
    expect(cacheOnly.unpacked).toEqual([]);

    const bare = facts();
    expect(findBrowser(bare.facts)).toEqual({ path: join(temp.dir, 'cache', 'chromium'), source: 'bundled' });
    expect(bare.unpacked).toEqual(['called']);
  });

  it('looks for each usual command name on PATH and passes over a file it may not execute', () => {
    const bin = join(temp.dir, 'bin');
    fakeExecutable(join(bin, 'chromium'), false);
    const chrome = fakeExecutable(join(bin, 'google-chrome-stable'));
    mkdirSync(join(temp.dir, 'usr-bin', 'chromium'), { recursive: true }); // a folder of that name is no browser
    const env = { PATH: [join(temp.dir, 'usr-bin'), 'relative/bin', bin].join(':') };
    expect(findBrowser(facts({ env }).facts)).toEqual({ path: chrome, source: 'system' });
  });

  it('takes the newest revision in Playwright’s cache, its full Chromium before the headless shell, in any layout', () => {
    const pw = join(temp.dir, 'pw');
    fakeExecutable(join(pw, 'chromium-1100', 'chrome-linux', 'chrome'));
    const shell = fakeExecutable(join(pw, 'chromium_headless_shell-1255', 'chrome-headless-shell-linux64', 'chrome-headless-shell'));
    const env = { PLAYWRIGHT_BROWSERS_PATH: pw };
    expect(findBrowser(facts({ env }).facts)).toEqual({ path: shell, source: 'playwright' });
    const full = fakeExecutable(join(pw, 'chromium-1255', 'chrome-linux64', 'chrome'));
    expect(findBrowser(facts({ env }).facts)).toEqual({ path: full, source: 'playwright' });
    // Firefox and other folders are not Chromium.
    fakeExecutable(join(pw, 'firefox-1600', 'firefox', 'firefox'));
    expect(findBrowser(facts({ env }).facts)).toMatchObject({ path: full });
  });

  it('finds Playwright’s cache where Playwright puts it: XDG_CACHE_HOME or ~/.cache, or inside playwright-core for PLAYWRIGHT_BROWSERS_PATH=0', () => {
    const home = join(temp.dir, 'home');
    expect(playwrightBrowsersDir({ env: {}, platform: 'linux', home, playwrightCoreDir: null })).toBe(join(home, '.cache', 'ms-playwright'));
    expect(playwrightBrowsersDir({ env: { XDG_CACHE_HOME: '/x' }, platform: 'linux', home, playwrightCoreDir: null })).toBe('/x/ms-playwright');
    expect(playwrightBrowsersDir({ env: {}, platform: 'darwin', home, playwrightCoreDir: null })).toBe(join(home, 'Library', 'Caches', 'ms-playwright'));
    expect(playwrightBrowsersDir({ env: { PLAYWRIGHT_BROWSERS_PATH: '0' }, platform: 'linux', home, playwrightCoreDir: '/pw-core' })).toBe('/pw-core/.local-browsers');

    const cached = fakeExecutable(join(home, '.cache', 'ms-playwright', 'chromium-1255', 'chrome-linux64', 'chrome'));
    expect(findBrowser(facts().facts)).toEqual({ path: cached, source: 'playwright' });
  });

  it('names the usual installed places for each platform', () => {
    expect(installedPaths({ env: {}, platform: 'linux', home: '/h' })).toEqual(['/usr/lib/chromium/chromium', '/snap/bin/chromium', '/opt/google/chrome/chrome']);
    expect(installedPaths({ env: {}, platform: 'darwin', home: '/h' })).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(installedPaths({ env: { PROGRAMFILES: 'C:/Program Files' }, platform: 'win32', home: '/h' })).toContain(
      join('C:/Program Files', 'Google', 'Chrome', 'Application', 'chrome.exe'),
    );
  });
});

describe('findBrowser: when there is nothing to use', () => {
  it('says what is wrong with a CHROMIUM_PATH that is not an executable, rather than quietly using another browser', () => {
    fakeExecutable(join(temp.dir, 'bin', 'chromium'));
    const env = { CHROMIUM_PATH: join(temp.dir, 'nowhere', 'chrome'), PATH: join(temp.dir, 'bin') };
    expect(findBrowser(facts({ env }).facts)).toEqual({
      error: `CHROMIUM_PATH is "${join(temp.dir, 'nowhere', 'chrome')}", which is not an executable file: point it at a Chromium or Chrome executable, or unset it.`,
    });
  });

  it('stops with one line saying what to install where no registry package ships a Chromium', () => {
    for (const [platform, arch, install] of [
      ['linux', 'arm64', '`sudo apt-get install chromium`'],
      ['darwin', 'arm64', 'install Google Chrome into /Applications'],
      ['win32', 'x64', 'install Google Chrome'],
    ] as const) {
      const machine = facts({ platform, arch });
      const found = findBrowser(machine.facts);
      expect(found).toEqual({ error: nothingFoundLine(platform, arch) });
      expect(machine.unpacked).toEqual([]);
      const line = 'error' in found ? found.error : '';
      expect(line).toMatch(new RegExp(`^No Chromium for the end-to-end tests on ${platform}-${arch}: `));
      expect(line).toContain(install);
      expect(line).toContain('`npx playwright install chromium`');
      expect(line).not.toContain('\n');
    }
    expect(bundledChromiumServes('linux', 'x64')).toBe(true);
    expect(bundledChromiumServes('linux', 'arm64')).toBe(false);
  });

  it('on Linux x64 without the package, says to run npm install; a failed unpack says why in one line', () => {
    expect(findBrowser(facts({ unpack: () => null }).facts)).toEqual({ error: nothingFoundLine('linux', 'x64') });
    expect(nothingFoundLine('linux', 'x64')).toContain('run `npm install`');
    const failed = findBrowser(facts({ unpack: () => { throw new Error('ENOSPC: no space left on device'); } }).facts);
    expect(failed).toEqual({ error: 'Could not unpack the Chromium of @sparticuz/chromium: ENOSPC: no space left on device' });
  });
});

describe('unpackBundledChromium: the fresh machine', () => {
  it.runIf(bundledChromiumServes(process.platform, process.arch) && bundledPackage() !== null)(
    'unpacks the Chromium of @sparticuz/chromium once into our cache folder, and Playwright drives it',
    async () => {
      const cache = join(temp.dir, 'cache');
      const executable = unpackBundledChromium(cache);
      expect(executable).toBe(join(cache, `sparticuz-chromium-${bundledPackage()!.version}`, 'chromium'));
      // Its SwiftShader libraries sit beside it; no staging folder is left behind.
      expect(existsSync(join(dirname(executable!), 'libGLESv2.so'))).toBe(true);
      expect(readdirSync(cache)).toEqual([`sparticuz-chromium-${bundledPackage()!.version}`]);

      const unpackedAt = statSync(executable!).mtimeMs;
      expect(unpackBundledChromium(cache)).toBe(executable);
      expect(statSync(executable!).mtimeMs).toBe(unpackedAt);

      // A broken copy (here: no longer executable) is unpacked again rather than handed to Playwright.
      chmodSync(executable!, 0o644);
      expect(unpackBundledChromium(cache)).toBe(executable);
      expect(statSync(executable!).mode & 0o100).toBe(0o100);
      expect(readdirSync(cache)).toEqual([`sparticuz-chromium-${bundledPackage()!.version}`]);

      const browser = await chromium.launch({ executablePath: executable!, args: ['--no-sandbox', '--disable-gpu'] });
      try {
        const page = await browser.newPage({ viewport: { width: 320, height: 200 } });
        await page.setContent('<p id="p">ready</p><script>document.getElementById("p").textContent = String(6 * 7)</script>');
        expect(await page.textContent('#p')).toBe('42');
      } finally {
        await browser.close();
      }
    },
  );
});
