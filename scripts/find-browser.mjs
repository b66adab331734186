// Finds the Chromium that the end-to-end tests drive, so that `npm install` then `npm test` is the whole set-up.
// In order: CHROMIUM_PATH; a system Chromium or Chrome; Playwright's own browser cache; else the Chromium that the
// dev dependency @sparticuz/chromium ships (Linux x64), unpacked once into node_modules/.cache/nn-lab.
// Elsewhere it says, in one line, what to install. Types: find-browser.d.mts.
//
//   node scripts/find-browser.mjs      prints the executable's path (or the one line, exit 1)
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the bundled Chromium is unpacked: a cache that goes with node_modules (and so with the package). */
export const defaultCacheRoot = join(projectRoot, 'node_modules', '.cache', 'nn-lab');

/** The platforms whose Chromium @sparticuz/chromium ships inside its npm package. */
export function bundledChromiumServes(platform, arch) {
  return platform === 'linux' && arch === 'x64';
}

/** A regular file this user may execute. */
export function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

const commandNames = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'chrome'];

/** Where the installers put Chromium or Chrome when it is not on PATH. */
export function installedPaths({ env, platform, home }) {
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean);
    return roots.flatMap((root) => [join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(root, 'Chromium', 'Application', 'chrome.exe')]);
  }
  if (platform === 'darwin') {
    return ['/Applications', join(home, 'Applications')].flatMap((dir) => [
      join(dir, 'Chromium.app/Contents/MacOS/Chromium'),
      join(dir, 'Google Chrome.app/Contents/MacOS/Google Chrome'),
    ]);
  }
  return ['/usr/lib/chromium/chromium', '/snap/bin/chromium', '/opt/google/chrome/chrome'];
}

/** A system-wide Chromium or Chrome: the usual command names on PATH (not on Windows), then `installed`. */
export function systemCandidates({ env, platform }, installed) {
  const onPath =
    platform === 'win32'
      ? []
      : (env.PATH ?? '')
          .split(delimiter)
          .filter((dir) => isAbsolute(dir))
          .flatMap((dir) => commandNames.map((name) => join(dir, name)));
  return [...onPath, ...installed];
}

/** Playwright's browser folder: PLAYWRIGHT_BROWSERS_PATH ("0": inside playwright-core), else its per-user cache. */
export function playwrightBrowsersDir({ env, platform, home, playwrightCoreDir }) {
  const set = env.PLAYWRIGHT_BROWSERS_PATH;
  if (set === '0') return playwrightCoreDir ? join(playwrightCoreDir, '.local-browsers') : null;
  if (set) return resolve(set);
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'ms-playwright');
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'ms-playwright');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'ms-playwright');
}

/** The executable inside one of Playwright's browser folders, by layout (current ones first, then older ones). */
function playwrightExecutables(kind, platform, arch) {
  const shell = kind === 'chromium_headless_shell';
  if (platform === 'linux') {
    const folder = arch === 'arm64' ? 'linux-arm64' : 'linux64';
    return shell
      ? [`chrome-headless-shell-${folder}/chrome-headless-shell`, 'chrome-linux/headless_shell']
      : [`chrome-${folder}/chrome`, 'chrome-linux/chrome'];
  }
  if (platform === 'darwin') {
    const folder = arch === 'arm64' ? 'mac-arm64' : 'mac-x64';
    return shell
      ? [`chrome-headless-shell-${folder}/chrome-headless-shell`, 'chrome-mac/headless_shell']
      : [`chrome-${folder}/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing`, 'chrome-mac/Chromium.app/Contents/MacOS/Chromium'];
  }
  if (platform === 'win32') {
    return shell ? ['chrome-headless-shell-win64/chrome-headless-shell.exe', 'chrome-win/headless_shell.exe'] : ['chrome-win64/chrome.exe', 'chrome-win/chrome.exe'];
  }
  return [];
}

/** The Chromium builds in Playwright's browser folder, newest revision first, the full browser before the headless shell. */
export function playwrightCandidates(browsersDir, platform, arch) {
  let entries;
  try {
    entries = readdirSync(browsersDir);
  } catch {
    return [];
  }
  const builds = entries
    .map((name) => /^(chromium|chromium_headless_shell)-(\d+)$/.exec(name))
    .filter((match) => match !== null)
    .map((match) => ({ folder: match[0], kind: match[1], revision: Number(match[2]) }))
    .sort((a, b) => b.revision - a.revision || (a.kind === 'chromium' ? -1 : 1));
  return builds.flatMap((build) => playwrightExecutables(build.kind, platform, arch).map((path) => join(browsersDir, build.folder, path)));
}

/** The one line for a machine where nothing was found and nothing can be unpacked: what to install there. */
export function nothingFoundLine(platform, arch) {
  const where = `${platform}-${arch}`;
  const prefix = `No Chromium for the end-to-end tests on ${where}:`;
  if (bundledChromiumServes(platform, arch)) {
    return `${prefix} run \`npm install\` (its dev dependency @sparticuz/chromium ships one), or set CHROMIUM_PATH to a Chromium or Chrome executable.`;
  }
  if (platform === 'linux') {
    return `${prefix} install one with \`sudo apt-get install chromium\` (Debian, Ubuntu) or \`npx playwright install chromium\`, or set CHROMIUM_PATH to a Chromium or Chrome executable.`;
  }
  if (platform === 'darwin') {
    return `${prefix} install Google Chrome into /Applications or run \`npx playwright install chromium\`, or set CHROMIUM_PATH to a Chromium or Chrome executable.`;
  }
  if (platform === 'win32') {
    return `${prefix} install Google Chrome or run \`npx playwright install chromium\`, or set CHROMIUM_PATH to chrome.exe.`;
  }
  return `${prefix} run \`npx playwright install chromium\` or set CHROMIUM_PATH to a Chromium or Chrome executable.`;
}

/**
 * The browser for the end-to-end tests, or the one line that says why there is none.
 *   facts.installed: where installers put a browser (default: installedPaths for the platform);
 *   facts.unpackBundled(): the bundled Chromium's path, unpacking it if need be; null when the package is absent.
 * @returns {{ path: string, source: 'CHROMIUM_PATH' | 'system' | 'playwright' | 'bundled' } | { error: string }}
 */
export function findBrowser({ env, platform, arch, home, installed = installedPaths({ env, platform, home }), playwrightCoreDir = null, unpackBundled }) {
  const chosen = env.CHROMIUM_PATH;
  if (chosen) {
    if (isExecutableFile(chosen)) return { path: chosen, source: 'CHROMIUM_PATH' };
    return { error: `CHROMIUM_PATH is ${JSON.stringify(chosen)}, which is not an executable file: point it at a Chromium or Chrome executable, or unset it.` };
  }
  const system = systemCandidates({ env, platform }, installed).find(isExecutableFile);
  if (system) return { path: system, source: 'system' };
  const browsersDir = playwrightBrowsersDir({ env, platform, home, playwrightCoreDir });
  const cached = browsersDir ? playwrightCandidates(browsersDir, platform, arch).find(isExecutableFile) : undefined;
  if (cached) return { path: cached, source: 'playwright' };
  if (!bundledChromiumServes(platform, arch)) return { error: nothingFoundLine(platform, arch) };
  let bundled;
  try {
    bundled = unpackBundled();
  } catch (error) {
    return { error: `Could not unpack the Chromium of @sparticuz/chromium: ${error instanceof Error ? error.message : String(error)}` };
  }
  return bundled ? { path: bundled, source: 'bundled' } : { error: nothingFoundLine(platform, arch) };
}

/** @sparticuz/chromium's folder and version, or null when it is not installed. */
export function bundledPackage() {
  try {
    const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
    const dir = resolve(dirname(entry), '..', '..');
    const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    return { dir, version };
  } catch {
    return null;
  }
}

/**
 * Unpacks the package's Chromium (with its SwiftShader libraries beside it) into `<cacheRoot>/sparticuz-chromium-<version>/`
 * once, and returns `…/chromium`; a copy whose executable is gone or not executable is unpacked again. The package always inflates into os.tmpdir(), so a child process does it with
 * TMPDIR pointing at a fresh staging folder, which then takes its final name in one rename (a racing process that
 * renamed first wins; the loser's copy is removed).
 */
export function unpackBundledChromium(cacheRoot = defaultCacheRoot, pkg = bundledPackage()) {
  if (!pkg) return null;
  const dir = join(cacheRoot, `sparticuz-chromium-${pkg.version}`);
  const executable = join(dir, 'chromium');
  if (isExecutableFile(executable)) return executable;
  mkdirSync(cacheRoot, { recursive: true });
  const staging = mkdtempSync(join(cacheRoot, `.sparticuz-chromium-${pkg.version}-`));
  try {
    const entry = pathToFileURL(join(pkg.dir, 'build', 'esm', 'index.js')).href;
    const script = `const { default: chromium } = await import(${JSON.stringify(entry)}); await chromium.executablePath();`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, TMPDIR: staging },
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (child.status !== 0) {
      const reason = child.error?.message ?? (child.stderr.trim().split('\n').find((line) => /error/i.test(line)) || `exit ${child.status ?? child.signal}`);
      throw new Error(`${reason} (unpacking into ${staging})`);
    }
    if (!isExecutableFile(join(staging, 'chromium'))) throw new Error(`no chromium executable appeared in ${staging}`);
    try {
      renameSync(staging, dir);
    } catch {
      // Another process got there first, or a broken copy (no executable) is in the way: that one is replaced.
      if (!isExecutableFile(executable)) {
        rmSync(dir, { recursive: true, force: true });
        renameSync(staging, dir);
      }
    }
    return executable;
  } finally {
    if (existsSync(staging)) rmSync(staging, { recursive: true, force: true });
  }
}

/** findBrowser with this machine's facts. */
export function findBrowserHere(env = process.env) {
  const playwrightCore = (() => {
    try {
      return dirname(createRequire(import.meta.url).resolve('playwright-core/package.json'));
    } catch {
      return null;
    }
  })();
  return findBrowser({
    env,
    platform: process.platform,
    arch: process.arch,
    home: homedir(),
    playwrightCoreDir: playwrightCore,
    unpackBundled: () => unpackBundledChromium(),
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const found = findBrowserHere();
  if ('error' in found) {
    console.error(found.error);
    process.exit(1);
  }
  console.log(found.path);
}
