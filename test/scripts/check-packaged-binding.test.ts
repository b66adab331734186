import { describe, expect, it } from 'vitest';
import { packagedBindingProblem, type PackageTarget } from '../../scripts/check-packaged-binding.mjs';

const target: PackageTarget = {
  electron: '39.8.10',
  betterSqlite3: '12.6.2',
  platform: 'linux',
  arch: 'x64',
  hostPlatform: 'linux',
  hostArch: 'x64',
};
const stamp = { electron: '39.8.10', betterSqlite3: '12.6.2', platform: 'linux', arch: 'x64', method: 'prebuild-install' };
const dirLabel = '.electron-native/39.8.10';

describe('packagedBindingProblem', () => {
  it('accepts a build made for this Electron, better-sqlite3, platform and architecture', () => {
    expect(packagedBindingProblem({ bindingExists: true, stamp, dirLabel }, target)).toBeNull();
  });

  it('refuses to package for another platform or architecture, and says where to package instead', () => {
    const windows = packagedBindingProblem({ bindingExists: true, stamp, dirLabel }, { ...target, platform: 'win32' });
    expect(windows).toBe(
      "better-sqlite3's Electron build in .electron-native/39.8.10 is for Electron 39.8.10 on linux-x64 with better-sqlite3 12.6.2, " +
        'but this package is for Electron 39.8.10 on win32-x64 with better-sqlite3 12.6.2; ' +
        "package on a win32-x64 machine (each platform's installer is made on that platform)",
    );
    expect(packagedBindingProblem({ bindingExists: true, stamp, dirLabel }, { ...target, arch: 'arm64' })).toContain('linux-arm64 machine');
    expect(packagedBindingProblem({ bindingExists: true, stamp, dirLabel }, { ...target, platform: 'darwin', arch: 'universal' })).toContain('universal');
  });

  it('refuses a stale build and tells how to rebuild it here', () => {
    const stale = packagedBindingProblem({ bindingExists: true, stamp: { ...stamp, betterSqlite3: '12.4.1' }, dirLabel }, target);
    expect(stale).toContain('with better-sqlite3 12.4.1');
    expect(stale).toContain('run `node scripts/electron-native.mjs --force`');
  });

  it('refuses a missing build or an unknown one', () => {
    expect(packagedBindingProblem({ bindingExists: false, stamp: null, dirLabel }, target)).toContain('missing from .electron-native/39.8.10');
    expect(packagedBindingProblem({ bindingExists: true, stamp: null, dirLabel }, target)).toContain('build.json is missing or unreadable');
  });
});
