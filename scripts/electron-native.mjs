#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .electron-native/<electron-version>/better_sqlite3.node,
// beside node_modules/better-sqlite3/build (which stays built for Node: tests and the CLI use it).
// The Electron main process passes that file to better-sqlite3 as `nativeBinding`.
//
//   node scripts/electron-native.mjs             (npm postinstall) build if possible; never fails
//   node scripts/electron-native.mjs --require   (npm start, npm run dev) fail if the build is missing
//   node scripts/electron-native.mjs --force     rebuild even if a matching build exists
//   --root <dir>                                 the project folder (default: the one above scripts/)
//
// It prints one line. Build tool output goes to .electron-native/<electron-version>/build.log.
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEnvironment, buildSteps, conclude, electronNativeBinding, electronNativeDir, planElectronNative } from './electron-native-plan.mjs';

const minutes = 60_000;

function parseArgs(argv) {
  const options = { require: false, force: false, root: resolve(dirname(fileURLToPath(import.meta.url)), '..') };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--require') options.require = true;
    else if (arg === '--force') options.force = true;
    else if (arg === '--root' && argv[i + 1]) options.root = resolve(argv[(i += 1)]);
    else {
      console.error(`electron-native: unknown option ${JSON.stringify(arg)} (expected --require, --force or --root <dir>)`);
      process.exit(2);
    }
  }
  return options;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** As node_modules/electron/index.js finds it: path.txt names the executable inside dist/. */
function electronBinaryPresent(electronDir, env) {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  const executable = readFileSync(pathFile, 'utf8').trim();
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist');
  return executable.length > 0 && existsSync(join(dist, executable));
}

/** npm's own node-gyp: npm names it in npm_config_node_gyp, else it sits beside npm. */
function findNodeGyp(env) {
  const candidates = [
    env.npm_config_node_gyp,
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    join(dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((path) => path && path.endsWith('.js') && existsSync(path)) ?? null;
}

function gatherFacts(root, env) {
  const electronDir = join(root, 'node_modules', 'electron');
  const electronVersion = readJson(join(electronDir, 'package.json'))?.version ?? null;
  const betterSqliteVersion = readJson(join(root, 'node_modules', 'better-sqlite3', 'package.json'))?.version ?? null;
  const dir = electronVersion ? electronNativeDir(root, electronVersion) : null;
  return {
    electronVersion,
    betterSqliteVersion,
    platform: process.platform,
    arch: process.arch,
    electronBinaryPresent: electronBinaryPresent(electronDir, env),
    skipBinaryDownload: Boolean(env.ELECTRON_SKIP_BINARY_DOWNLOAD),
    bindingExists: electronVersion !== null && existsSync(electronNativeBinding(root, electronVersion)),
    stamp: dir ? readJson(join(dir, 'build.json')) : null,
  };
}

/** Builds in a scratch copy of the package, so node_modules/better-sqlite3/build is never touched. */
function build(root, identity, env) {
  const dir = electronNativeDir(root, identity.electron);
  const logPath = join(dir, 'build.log');
  mkdirSync(dir, { recursive: true });
  const log = openSync(logPath, 'w');
  const source = realpathSync(join(root, 'node_modules', 'better-sqlite3'));
  const scratch = mkdtempSync(join(tmpdir(), 'nn-lab-electron-native-'));
  try {
    const skipped = [join(source, 'build'), join(source, 'node_modules')];
    cpSync(source, scratch, {
      recursive: true,
      filter: (path) => !skipped.some((skip) => path === skip || path.startsWith(skip + sep)),
    });
    const prebuildBin = join(root, 'node_modules', 'prebuild-install', 'bin.js');
    const steps = buildSteps({
      prebuildInstall: existsSync(prebuildBin) ? prebuildBin : null,
      nodeGyp: findNodeGyp(env),
      node: process.execPath,
      electronVersion: identity.electron,
      platform: identity.platform,
      arch: identity.arch,
    });
    const built = join(scratch, 'build', 'Release', 'better_sqlite3.node');
    for (const step of steps) {
      writeFileSync(log, `\n$ ${step.name} ${step.args.slice(1).join(' ')}\n`);
      const result = spawnSync(step.command, step.args, {
        cwd: scratch,
        env: buildEnvironment(env),
        stdio: ['ignore', log, log],
        timeout: step.name === 'node-gyp' ? 30 * minutes : 5 * minutes,
      });
      if (result.status === 0 && existsSync(built)) {
        install(built, dir, { ...identity, method: step.name, builtAt: new Date().toISOString() });
        return { kind: 'built', electronVersion: identity.electron, method: step.name };
      }
      writeFileSync(log, `\n${step.name} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})\n`);
    }
    return {
      kind: 'skipped',
      electronVersion: identity.electron,
      reason:
        steps.length === 0
          ? 'neither prebuild-install nor node-gyp was found'
          : 'no prebuilt binary could be downloaded and node-gyp could not build one (no network, or no C++ toolchain)',
      remedy: `see ${relative(root, logPath)}; connect to the internet (or install a C++ toolchain) and run \`node scripts/electron-native.mjs\``,
    };
  } finally {
    closeSync(log);
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Copy then rename, so a half-written binary is never taken for a build; the stamp comes last. */
function install(built, dir, stamp) {
  const binding = join(dir, 'better_sqlite3.node');
  const partial = `${binding}.${process.pid}.partial`;
  cpSync(built, partial);
  renameSync(partial, binding);
  writeFileSync(join(dir, 'build.json'), `${JSON.stringify(stamp, null, 2)}\n`);
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const env = process.env;
  const facts = gatherFacts(options.root, env);
  const plan = planElectronNative(options.force ? { ...facts, bindingExists: false } : facts);
  let outcome;
  if (plan.action === 'up-to-date') outcome = { kind: 'up-to-date', electronVersion: plan.identity.electron };
  else if (plan.action === 'skip') outcome = { kind: 'skipped', electronVersion: facts.electronVersion, ...plan };
  else outcome = build(options.root, plan.identity, env);

  const dirLabel = facts.electronVersion ? relative(options.root, electronNativeDir(options.root, facts.electronVersion)) : '.electron-native';
  const { exitCode, stream, line } = conclude(outcome, { require: options.require, dirLabel });
  (stream === 'stderr' ? process.stderr : process.stdout).write(`${line}\n`);
  process.exitCode = exitCode;
}

try {
  main();
} catch (error) {
  // A bug or an unwritable folder: say so in one line, and fail only when the build is required.
  const required = process.argv.includes('--require');
  console.error(`electron-native: ${required ? 'cannot start NN Lab' : 'skipped the Electron build of better-sqlite3'}: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = required ? 1 : 0;
}
