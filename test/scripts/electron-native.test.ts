import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..', '..');
const script = join(repo, 'scripts', 'electron-native.mjs');
const nodeBuild = join(repo, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const electronVersion = JSON.parse(readFileSync(join(repo, 'node_modules', 'electron', 'package.json'), 'utf8')).version as string;
const betterSqliteVersion = JSON.parse(readFileSync(join(repo, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')).version as string;

function run(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const lines = (text: string) => text.split('\n').filter((line) => line.length > 0);

/** Node itself opens a database with the installed better-sqlite3, in a fresh process. */
function nodeCanUseBetterSqlite(): string {
  return execFileSync(
    process.execPath,
    ['-e', "const D = require('better-sqlite3'); const db = new D(':memory:'); process.stdout.write(String(db.prepare('select 40 + 2 as x').get().x));"],
    { cwd: repo, encoding: 'utf8' },
  );
}

let fixture: string | null = null;
afterEach(() => {
  if (fixture) rmSync(fixture, { recursive: true, force: true });
  fixture = null;
});

/**
 * A project folder whose node_modules links the real better-sqlite3 and prebuild-install, with an
 * Electron package that has (a stand-in for) its binary, so the script gets past that check.
 */
function projectWithElectronBinary(): string {
  fixture = mkdtempSync(join(tmpdir(), 'nn-lab-native-fixture-'));
  const modules = join(fixture, 'node_modules');
  mkdirSync(join(modules, 'electron', 'dist'), { recursive: true });
  writeFileSync(join(modules, 'electron', 'package.json'), JSON.stringify({ name: 'electron', version: electronVersion }));
  writeFileSync(join(modules, 'electron', 'path.txt'), 'electron');
  writeFileSync(join(modules, 'electron', 'dist', 'electron'), 'stand-in for the Electron executable');
  symlinkSync(join(repo, 'node_modules', 'better-sqlite3'), join(modules, 'better-sqlite3'), 'junction');
  symlinkSync(join(repo, 'node_modules', 'prebuild-install'), join(modules, 'prebuild-install'), 'junction');
  return fixture;
}

describe('scripts/electron-native.mjs in this checkout (no Electron binary, no network)', () => {
  it('exits 0 with one line, and Node can still use better-sqlite3', () => {
    const before = sha256(nodeBuild);
    const result = run([]);
    expect(result.status).toBe(0);
    expect(lines(result.stdout)).toHaveLength(1);
    expect(result.stdout).toMatch(/^electron-native: (skipped the Electron build of better-sqlite3: .+|better-sqlite3 for Electron .+ is ready)/);
    expect(result.stderr).toBe('');
    expect(sha256(nodeBuild)).toBe(before);
    expect(nodeCanUseBetterSqlite()).toBe('42');
  });

  it('with --require, fails with the reason and the fix when there is no Electron build', () => {
    if (existsSync(join(repo, '.electron-native', electronVersion, 'better_sqlite3.node'))) {
      expect(run(['--require']).status).toBe(0); // someone with Electron built it: --require is then satisfied
      return;
    }
    const result = run(['--require']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toContain('cannot start NN Lab');
    expect(result.stderr).toContain('To fix:');
  });

  it('refuses an unknown option, naming it', () => {
    const result = run(['--requir']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('"--requir"');
  });
});

describe('scripts/electron-native.mjs with Electron installed', () => {
  it("builds in a scratch copy: node_modules/better-sqlite3/build is never touched", () => {
    const root = projectWithElectronBinary();
    const before = sha256(nodeBuild);
    // npm passes ~/.npmrc's nodedir to scripts; it must not retarget the build to Node's headers.
    const result = run(['--root', root], { ...process.env, npm_config_nodedir: '/usr' });
    expect(result.status).toBe(0);
    expect(lines(result.stdout)).toHaveLength(1);
    const dir = join(root, '.electron-native', electronVersion);
    if (result.stdout.includes('built better-sqlite3')) {
      // Online: a real Electron-ABI binary and its stamp.
      expect(existsSync(join(dir, 'better_sqlite3.node'))).toBe(true);
      expect(JSON.parse(readFileSync(join(dir, 'build.json'), 'utf8'))).toMatchObject({ electron: electronVersion, betterSqlite3: betterSqliteVersion });
    } else {
      // Offline (as here): both ways were tried, the log says why each failed, nothing half-made is left.
      expect(result.stdout).toContain('skipped the Electron build of better-sqlite3');
      expect(result.stdout).toContain('.electron-native/');
      const log = readFileSync(join(dir, 'build.log'), 'utf8');
      expect(log).toContain('$ prebuild-install --runtime electron --target');
      expect(log).toContain('$ node-gyp rebuild --release --target=');
      expect(log).toContain(`electronjs.org/headers/v${electronVersion}/`); // Electron's headers, not /usr's
      expect(readdirSync(dir).sort()).toEqual(['build.log']);
    }
    expect(sha256(nodeBuild)).toBe(before);
    expect(nodeCanUseBetterSqlite()).toBe('42');
  });

  it('is a no-op when a matching build exists, and --require is satisfied', () => {
    const root = projectWithElectronBinary();
    const dir = join(root, '.electron-native', electronVersion);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'better_sqlite3.node'), 'an earlier build');
    const stamp = { electron: electronVersion, betterSqlite3: betterSqliteVersion, platform: process.platform, arch: process.arch };
    writeFileSync(join(dir, 'build.json'), JSON.stringify(stamp));

    for (const args of [['--root', root], ['--root', root, '--require']]) {
      const result = run(args);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/is ready in \.electron-native\/.+ \(nothing to do\)\n$/);
    }
    expect(readFileSync(join(dir, 'better_sqlite3.node'), 'utf8')).toBe('an earlier build');
    expect(existsSync(join(dir, 'build.log'))).toBe(false);
  });
});
