import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildEnvironment,
  buildSteps,
  conclude,
  electronNativeBinding,
  planElectronNative,
  type Facts,
} from '../../scripts/electron-native-plan.mjs';
import { electronNativeBindingPath } from '../../src-main/electron/native-binding';

const facts: Facts = {
  electronVersion: '39.8.10',
  betterSqliteVersion: '12.11.1',
  platform: 'linux',
  arch: 'x64',
  electronBinaryPresent: true,
  skipBinaryDownload: false,
  bindingExists: false,
  stamp: null,
};
const identity = { electron: '39.8.10', betterSqlite3: '12.11.1', platform: 'linux', arch: 'x64' };

describe('planElectronNative', () => {
  it('builds when there is no build yet and Electron is installed', () => {
    expect(planElectronNative(facts)).toEqual({ action: 'build', identity });
  });

  it('does nothing when a build for this Electron, better-sqlite3, platform and arch exists', () => {
    const stamp = { ...identity, method: 'prebuild-install', builtAt: '2026-01-01T00:00:00Z' };
    expect(planElectronNative({ ...facts, bindingExists: true, stamp })).toEqual({ action: 'up-to-date', identity });
    // Even without Electron's binary: the build is there, nothing needs it.
    expect(planElectronNative({ ...facts, bindingExists: true, stamp, electronBinaryPresent: false }).action).toBe('up-to-date');
  });

  it('rebuilds a stale build: another better-sqlite3, another arch, or no stamp', () => {
    expect(planElectronNative({ ...facts, bindingExists: true, stamp: { ...identity, betterSqlite3: '12.4.0' } }).action).toBe('build');
    expect(planElectronNative({ ...facts, bindingExists: true, stamp: { ...identity, arch: 'arm64' } }).action).toBe('build');
    expect(planElectronNative({ ...facts, bindingExists: true, stamp: null }).action).toBe('build');
    expect(planElectronNative({ ...facts, bindingExists: false, stamp: identity }).action).toBe('build');
  });

  it("skips, saying why, when Electron's binary is absent", () => {
    const skipped = planElectronNative({ ...facts, electronBinaryPresent: false, skipBinaryDownload: true });
    expect(skipped).toMatchObject({ action: 'skip', reason: expect.stringContaining('ELECTRON_SKIP_BINARY_DOWNLOAD') });
    const missing = planElectronNative({ ...facts, electronBinaryPresent: false });
    expect(missing).toMatchObject({ action: 'skip', reason: expect.stringContaining('missing') });
    expect(missing).toMatchObject({ remedy: expect.stringContaining('node_modules/electron/install.js') });
  });

  it('skips when electron or better-sqlite3 is not installed', () => {
    expect(planElectronNative({ ...facts, electronVersion: null })).toMatchObject({ action: 'skip', reason: expect.stringContaining('electron') });
    expect(planElectronNative({ ...facts, betterSqliteVersion: null })).toMatchObject({ action: 'skip', reason: expect.stringContaining('better-sqlite3') });
  });
});

describe('buildSteps', () => {
  it("tries Electron's prebuilt binary first, then node-gyp against Electron's headers", () => {
    const steps = buildSteps({ prebuildInstall: '/p/bin.js', nodeGyp: '/g/node-gyp.js', node: '/usr/bin/node', electronVersion: '39.8.10', platform: 'linux', arch: 'x64' });
    expect(steps.map((s) => s.name)).toEqual(['prebuild-install', 'node-gyp']);
    expect(steps[0]!.args).toEqual(['/p/bin.js', '--runtime', 'electron', '--target', '39.8.10', '--arch', 'x64', '--platform', 'linux', '--verbose']);
    expect(steps[1]!.args).toEqual([
      '/g/node-gyp.js',
      'rebuild',
      '--release',
      '--target=39.8.10',
      '--arch=x64',
      '--dist-url=https://electronjs.org/headers',
      '--runtime=electron',
    ]);
  });

  it('leaves out a tool that is not there', () => {
    const steps = buildSteps({ prebuildInstall: null, nodeGyp: '/g/node-gyp.js', node: 'node', electronVersion: '39.8.10', platform: 'linux', arch: 'x64' });
    expect(steps.map((s) => s.name)).toEqual(['node-gyp']);
  });
});

describe('buildEnvironment', () => {
  it("drops npm settings that would build for Node's headers, keeps the rest", () => {
    const env = buildEnvironment({
      PATH: '/usr/bin',
      npm_config_nodedir: '/usr',
      NPM_CONFIG_TARGET: '20.0.0',
      npm_config_runtime: 'node',
      npm_config_disturl: 'https://nodejs.org/dist',
      npm_config_https_proxy: 'http://proxy:3128',
    });
    expect(env).toEqual({ PATH: '/usr/bin', npm_config_https_proxy: 'http://proxy:3128' });
  });
});

describe('conclude', () => {
  const skipped = { kind: 'skipped', electronVersion: '39.8.10', reason: 'no network', remedy: 'connect and retry' } as const;

  it('never fails an install: a skip is one line on stdout and exit 0', () => {
    const result = conclude(skipped, { require: false, dirLabel: '.electron-native/39.8.10' });
    expect(result).toMatchObject({ exitCode: 0, stream: 'stdout' });
    expect(result.line).toMatch(/^electron-native: skipped the Electron build of better-sqlite3: no network\./);
    expect(result.line).not.toContain('\n');
  });

  it('fails npm start / dev with the reason and the fix when the build is missing', () => {
    const result = conclude(skipped, { require: true, dirLabel: '.electron-native/39.8.10' });
    expect(result).toMatchObject({ exitCode: 1, stream: 'stderr' });
    expect(result.line).toContain('no network');
    expect(result.line).toContain('To fix: connect and retry');
  });

  it('succeeds, with --require too, when the build is there', () => {
    const ready = conclude({ kind: 'up-to-date', electronVersion: '39.8.10' }, { require: true, dirLabel: '.electron-native/39.8.10' });
    expect(ready).toMatchObject({ exitCode: 0, line: expect.stringContaining('nothing to do') });
    const built = conclude({ kind: 'built', electronVersion: '39.8.10', method: 'node-gyp' }, { require: true, dirLabel: 'x' });
    expect(built).toMatchObject({ exitCode: 0, line: expect.stringContaining('with node-gyp') });
  });
});

describe('the binding path', () => {
  it('is the same in the script and in the Electron main process', () => {
    const root = join('/opt', 'nn-lab');
    expect(electronNativeBinding(root, '39.8.10')).toBe(electronNativeBindingPath(root, '39.8.10'));
    expect(electronNativeBindingPath(root, '39.8.10')).toBe(join(root, '.electron-native', '39.8.10', 'better_sqlite3.node'));
  });
});
