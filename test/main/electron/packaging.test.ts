import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getRawHeader } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackedPath } from '../../../src-main/app/asar-unpacked';
import { electronNativeBindingPath } from '../../../src-main/electron/native-binding';

/**
 * The packaging configuration (electron-builder.json), checked on what electron-builder really makes
 * of it. Electron's binary cannot be downloaded here, so electron-builder packs the built app (out/)
 * around a stand-in executable that carries Electron's fuse wire: the asar, what it unpacks, and
 * the fuses it flips are then read back. What the app loads at run time is computed from the built
 * code (its imports and its `new URL(…, import.meta.url)` paths), not listed by hand.
 */
const repo = resolve(import.meta.dirname, '..', '..', '..');
const electronVersion = (JSON.parse(readFileSync(join(repo, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
const fuseSentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FuseOn = 49;
const FuseOff = 48;
/** Electron's own defaults, as its binary ships them (RunAsNode, cookie encryption, NODE_OPTIONS, inspect, asar integrity, asar only, V8 snapshot, file:// privileges). */
const electronDefaults = [FuseOn, FuseOff, FuseOn, FuseOn, FuseOff, FuseOff, FuseOff, FuseOn];

let work: string;
let project: string;
let resources: string;
let executable: string;
/** Every file in app.asar (posix paths from the app's root), and whether it is unpacked beside it. */
let packaged: Map<string, { unpacked: boolean }>;

beforeAll(() => {
  if (!existsSync(join(repo, 'out', 'main', 'index.js'))) {
    execFileSync(process.execPath, [join(repo, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: repo, stdio: 'pipe' });
  }
  // Outside the checkout, so a module the unpacked workers miss cannot be found in the repo's node_modules.
  work = mkdtempSync(join(tmpdir(), 'nn-lab-packaging-'));
  project = join(work, 'project');
  mkdirSync(project);
  for (const file of ['package.json', 'electron-builder.json']) cpSync(join(repo, file), join(project, file));
  for (const folder of ['out', 'resources', 'scripts']) cpSync(join(repo, folder), join(project, folder), { recursive: true });
  symlinkSync(join(repo, 'node_modules'), join(project, 'node_modules'), 'junction');
  const binding = electronNativeBindingPath(project, electronVersion);
  mkdirSync(dirname(binding), { recursive: true });
  writeFileSync(binding, 'better-sqlite3 built for Electron');
  // What scripts/electron-native.mjs records; the beforePack hook refuses a build for another target.
  const betterSqlite3 = (JSON.parse(readFileSync(join(repo, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')) as { version: string }).version;
  writeFileSync(join(dirname(binding), 'build.json'), JSON.stringify({ electron: electronVersion, betterSqlite3, platform: 'linux', arch: 'x64' }));

  const electronDist = join(work, 'electron-dist');
  mkdirSync(electronDist);
  writeFileSync(join(electronDist, 'version'), electronVersion);
  const wire = Buffer.from([1, electronDefaults.length, ...electronDefaults]);
  writeFileSync(join(electronDist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\n# stand-in for Electron\n'), Buffer.from(fuseSentinel), wire]));
  chmodSync(join(electronDist, 'electron'), 0o755);

  const output = join(work, 'dist');
  packageLinuxDir(output);
  resources = join(output, 'linux-unpacked', 'resources');
  executable = join(output, 'linux-unpacked', 'nn-lab');
  packaged = listAsar(join(resources, 'app.asar'));
}, 240_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** electron-builder on the copied project, as `npm run dist` runs it, for a Linux folder (no installer tools needed). */
function packageLinuxDir(output: string): void {
  execFileSync(
    process.execPath,
    [
      join(repo, 'node_modules', 'electron-builder', 'cli.js'),
      '--linux',
      'dir',
      '--x64',
      '--projectDir',
      project,
      '--publish',
      'never',
      `-c.electronDist=${join(work, 'electron-dist')}`,
      `-c.directories.output=${output}`,
    ],
    { cwd: project, stdio: 'pipe', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
}

interface AsarEntry {
  files?: Record<string, AsarEntry>;
  unpacked?: boolean;
}

function listAsar(archive: string): Map<string, { unpacked: boolean }> {
  const files = new Map<string, { unpacked: boolean }>();
  const walk = (entry: AsarEntry, prefix: string): void => {
    for (const [name, child] of Object.entries(entry.files ?? {})) {
      const path = prefix ? `${prefix}/${name}` : name;
      if (child.files) walk(child, path);
      else files.set(path, { unpacked: child.unpacked === true });
    }
  };
  walk(getRawHeader(archive).header as AsarEntry, '');
  return files;
}

/** A built file's static and dynamic imports: relative ones as project paths, bare ones as package names. */
function importsOf(projectPath: string): { files: string[]; packages: string[] } {
  const code = readFileSync(join(project, projectPath), 'utf8');
  const patterns = [
    /^\s*(?:import|export)\b[^'"]*?\bfrom\s*["']([^"']+)["']/gm, // import x from '…', export { x } from '…'
    /^\s*import\s*["']([^"']+)["']/gm, // import '…'
    /\bimport\(\s*["']([^"']+)["']\s*\)/g, // import('…')
  ];
  const specifiers = patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((m) => m[1]!));
  const files: string[] = [];
  const packages: string[] = [];
  for (const specifier of specifiers) {
    if (specifier.startsWith('.')) files.push(posix.join(posix.dirname(projectPath), specifier));
    else if (!specifier.startsWith('node:') && specifier !== 'electron') {
      packages.push(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
    }
  }
  return { files, packages };
}

/** The files a module pulls in, itself included, and the packages they import. */
function closure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const found = importsOf(file);
    found.packages.forEach((name) => packages.add(name));
    found.files.forEach(visit);
  };
  visit(entry);
  return { files, packages };
}

/** The files the code finds beside itself at run time: `new URL('…', import.meta.url)` that exist in the build. */
function pathsFoundBy(projectPath: string): string[] {
  const code = readFileSync(join(project, projectPath), 'utf8');
  return [...code.matchAll(/new URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g)]
    .map((m) => posix.join(posix.dirname(projectPath), m[1]!))
    .filter((path) => existsSync(join(project, path)) && statSync(join(project, path)).isFile());
}

function filesUnder(projectFolder: string): string[] {
  return readdirSync(join(project, projectFolder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => posix.join(relative(project, entry.parentPath).split('\\').join('/'), entry.name));
}

/** What the packaged app loads, from package.json's main onwards; `unpacked` is what worker threads load. */
function runtimeFiles(): { packed: Set<string>; unpacked: Set<string>; packagesInWorkers: Set<string>; workers: string[] } {
  const main = (JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { main: string }).main;
  const mainCode = closure(posix.normalize(main));
  const packed = new Set(mainCode.files);
  const unpacked = new Set<string>();
  const packagesInWorkers = new Set<string>();
  const workers: string[] = [];
  for (const file of mainCode.files) {
    for (const found of pathsFoundBy(file)) {
      if (found.endsWith('.html')) filesUnder(posix.dirname(found)).forEach((f) => packed.add(f)); // the page and its assets
      else if (found.startsWith('out/main/') && found.endsWith('.js')) {
        workers.push(found);
        const worker = closure(found);
        worker.files.forEach((f) => unpacked.add(f));
        worker.packages.forEach((name) => packagesInWorkers.add(name));
      } else packed.add(found); // the preload, the icon
    }
  }
  unpacked.add(relative(project, electronNativeBindingPath(project, electronVersion)).split('\\').join('/'));
  filesUnder('resources/datasets').forEach((f) => unpacked.add(f));
  return { packed, unpacked, packagesInWorkers, workers };
}

describe('the packaged app', () => {
  it('holds every file the main process, the preload and the page load', () => {
    const { packed, workers } = runtimeFiles();
    expect(workers.sort()).toEqual(['out/main/import-worker.js', 'out/main/train-worker.js']);
    expect([...packed]).toEqual(expect.arrayContaining(['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'resources/icon.png']));
    const missing = [...packed].filter((file) => !packaged.has(file));
    expect(missing).toEqual([]);
  });

  it('unpacks what worker threads load: the workers, their chunks and packages, the native binding, the datasets', () => {
    const { unpacked, packagesInWorkers } = runtimeFiles();
    // Which other packages (zod) the workers' chunks pull in depends on how Rollup splits them: each found is checked below.
    expect([...packagesInWorkers]).toContain('better-sqlite3');
    const needed = [...unpacked];
    for (const name of packagesInWorkers) {
      const inPackage = [...packaged.keys()].filter((file) => file.startsWith(`node_modules/${name}/`));
      expect(inPackage, `node_modules/${name} is not packaged`).toContain(`node_modules/${name}/package.json`);
      needed.push(...inPackage);
    }
    const notUnpacked = needed.filter((file) => !packaged.get(file)?.unpacked);
    expect(notUnpacked).toEqual([]);
    const absent = needed.filter((file) => !existsSync(join(resources, 'app.asar.unpacked', file)));
    expect(absent).toEqual([]);
  });

  it('finds the workers and the binding in app.asar.unpacked from the paths the code computes inside app.asar', () => {
    const archive = join(resources, 'app.asar');
    for (const worker of ['out/main/train-worker.js', 'out/main/import-worker.js']) {
      expect(unpackedPath(join(archive, worker))).toBe(join(resources, 'app.asar.unpacked', worker));
    }
    const binding = unpackedPath(electronNativeBindingPath(archive, electronVersion));
    expect(binding.startsWith(join(resources, 'app.asar.unpacked'))).toBe(true);
    expect(readFileSync(binding, 'utf8')).toBe('better-sqlite3 built for Electron');
  });

  it('gives the unpacked workers the package.json that makes them ES modules, so no loader has to guess', () => {
    const unpacked = join(resources, 'app.asar.unpacked');
    expect(packaged.get('package.json')).toEqual({ unpacked: true });
    expect(JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'))).toMatchObject({ type: 'module', main: 'out/main/index.js' });
    for (const folder of ['out/main', 'out/main/chunks']) {
      for (let dir = join(unpacked, folder); dir !== unpacked; dir = dirname(dir)) expect(existsSync(join(dir, 'package.json'))).toBe(false);
    }
  });

  it("links each unpacked worker with Node's own ES module loader (the one a worker thread uses)", () => {
    for (const worker of ['out/main/train-worker.js', 'out/main/import-worker.js']) {
      const url = pathToFileURL(join(resources, 'app.asar.unpacked', worker)).href;
      // Both workers only start work when a parent thread talks to them, so a plain import just loads and links them.
      const outcome = execFileSync(
        process.execPath,
        ['--input-type=module', '-e', `import(${JSON.stringify(url)}).then(() => console.log('linked'), (e) => console.log(\`failed: \${e.code} \${e.message}\`))`],
        { cwd: work, encoding: 'utf8' },
      );
      expect(`${worker}: ${outcome.trim()}`).toBe(`${worker}: linked`);
    }
  });

  it('leaves out what the app never loads: the CLI, the browser host, source maps, the Node build of better-sqlite3', () => {
    for (const file of ['out/main/cli.js', 'out/main/serve.js']) expect(packaged.has(file)).toBe(false);
    expect([...packaged.keys()].filter((file) => file.endsWith('.map'))).toEqual([]);
    expect([...packaged.keys()].filter((file) => file.startsWith('node_modules/better-sqlite3/build/'))).toEqual([]);
  });

  it("sets Electron's fuses: no ELECTRON_RUN_AS_NODE, NODE_OPTIONS or --inspect; asar integrity on, the app only from app.asar, no file:// privileges", async () => {
    const wire = await getCurrentFuseWire(executable);
    const fuse = (option: FuseV1Options) => (wire as unknown as Record<number, number>)[option];
    expect({
      RunAsNode: fuse(FuseV1Options.RunAsNode),
      EnableNodeOptionsEnvironmentVariable: fuse(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
      EnableNodeCliInspectArguments: fuse(FuseV1Options.EnableNodeCliInspectArguments),
      EnableEmbeddedAsarIntegrityValidation: fuse(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
      OnlyLoadAppFromAsar: fuse(FuseV1Options.OnlyLoadAppFromAsar),
      GrantFileProtocolExtraPrivileges: fuse(FuseV1Options.GrantFileProtocolExtraPrivileges),
      // Left as Electron ships them.
      EnableCookieEncryption: fuse(FuseV1Options.EnableCookieEncryption),
      LoadBrowserProcessSpecificV8Snapshot: fuse(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot),
    }).toEqual({
      RunAsNode: FuseOff,
      EnableNodeOptionsEnvironmentVariable: FuseOff,
      EnableNodeCliInspectArguments: FuseOff,
      EnableEmbeddedAsarIntegrityValidation: FuseOn,
      OnlyLoadAppFromAsar: FuseOn,
      GrantFileProtocolExtraPrivileges: FuseOff,
      EnableCookieEncryption: electronDefaults[FuseV1Options.EnableCookieEncryption],
      LoadBrowserProcessSpecificV8Snapshot: electronDefaults[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot],
    });
  });
});

describe('packaging a better-sqlite3 build made for another platform', () => {
  it('stops before packing, naming both targets', () => {
    const stampFile = join(dirname(electronNativeBindingPath(project, electronVersion)), 'build.json');
    const stamp = readFileSync(stampFile, 'utf8');
    writeFileSync(stampFile, JSON.stringify({ ...(JSON.parse(stamp) as object), platform: 'win32' }));
    try {
      let output = '';
      try {
        packageLinuxDir(join(work, 'dist-refused'));
      } catch (error) {
        const failed = error as { stdout?: Buffer; stderr?: Buffer };
        output = `${String(failed.stdout)}${String(failed.stderr)}`; // electron-builder reports on either
      }
      expect(output).toContain('NN Lab cannot be packaged');
      expect(output).toMatch(/is for Electron \S+ on win32-x64 .* but this package is for Electron \S+ on linux-x64/);
      expect(existsSync(join(work, 'dist-refused', 'linux-unpacked', 'resources', 'app.asar'))).toBe(false);
    } finally {
      writeFileSync(stampFile, stamp);
    }
  }, 120_000);
});

describe('electron-builder.json', () => {
  const config = JSON.parse(readFileSync(join(repo, 'electron-builder.json'), 'utf8')) as Record<string, unknown> & {
    linux: { target: string[] };
    win: { target: string[] };
    mac: { target: string[] };
  };

  it('targets AppImage and deb, NSIS, and dmg, and never rebuilds node_modules in place', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    // npm rebuild would rebuild better-sqlite3 for Electron in node_modules, breaking the CLI and the tests that use Node's build.
    expect(config['npmRebuild']).toBe(false);
  });
});
