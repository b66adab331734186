// The decisions of scripts/electron-native.mjs, free of side effects so they can be unit-tested:
// where the Electron-ABI build of better-sqlite3 lives, whether it must be (re)built, how to build
// it, and what to tell the user. Types: electron-native-plan.d.mts.
import { join } from 'node:path';

/** `.electron-native/<electron-version>/`: holds better_sqlite3.node, build.json and build.log. */
export function electronNativeDir(root, electronVersion) {
  return join(root, '.electron-native', electronVersion);
}

export function electronNativeBinding(root, electronVersion) {
  return join(electronNativeDir(root, electronVersion), 'better_sqlite3.node');
}

/** What a build was made for; a build for anything else is stale. */
export function buildIdentity({ electronVersion, betterSqliteVersion, platform, arch }) {
  return { electron: electronVersion, betterSqlite3: betterSqliteVersion, platform, arch };
}

export function stampMatches(stamp, identity) {
  if (stamp === null || typeof stamp !== 'object') return false;
  return Object.entries(identity).every(([key, value]) => stamp[key] === value);
}

/**
 * What to do, from the facts on disk:
 *   up-to-date  the binding exists and was built for this Electron, better-sqlite3, platform and arch;
 *   skip        it cannot be built here (no Electron, no Electron binary); `reason` says why;
 *   build       try prebuild-install, then node-gyp.
 */
export function planElectronNative(facts) {
  if (!facts.electronVersion) {
    return { action: 'skip', reason: 'the electron package is not installed', remedy: 'run npm install' };
  }
  if (!facts.betterSqliteVersion) {
    return { action: 'skip', reason: 'the better-sqlite3 package is not installed', remedy: 'run npm install' };
  }
  const identity = buildIdentity(facts);
  if (facts.bindingExists && stampMatches(facts.stamp, identity)) return { action: 'up-to-date', identity };
  if (!facts.electronBinaryPresent) {
    return {
      action: 'skip',
      reason: facts.skipBinaryDownload
        ? "Electron's binary was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD is set)"
        : "Electron's binary is missing from node_modules/electron",
      remedy:
        'install it with `node node_modules/electron/install.js` (ELECTRON_SKIP_BINARY_DOWNLOAD unset), then run `node scripts/electron-native.mjs`',
    };
  }
  return { action: 'build', identity };
}

/**
 * The commands to try, in order, inside a scratch copy of the better-sqlite3 package: download the
 * matching prebuilt binary, else compile against Electron's headers.
 */
export function buildSteps({ prebuildInstall, nodeGyp, node, electronVersion, platform, arch }) {
  const steps = [];
  if (prebuildInstall) {
    steps.push({
      name: 'prebuild-install',
      command: node,
      args: [prebuildInstall, '--runtime', 'electron', '--target', electronVersion, '--arch', arch, '--platform', platform, '--verbose'],
    });
  }
  if (nodeGyp) {
    steps.push({
      name: 'node-gyp',
      command: node,
      args: [
        nodeGyp,
        'rebuild',
        '--release',
        `--target=${electronVersion}`,
        `--arch=${arch}`,
        '--dist-url=https://electronjs.org/headers',
        '--runtime=electron',
      ],
    });
  }
  return steps;
}

// npm passes its config to scripts as npm_config_* variables; these would make node-gyp or
// prebuild-install build for Node (e.g. `nodedir` in ~/.npmrc points node-gyp at Node's headers).
const targetVariables = ['nodedir', 'target', 'runtime', 'disturl', 'dist_url', 'arch', 'target_arch', 'platform', 'target_platform', 'build_from_source', 'libc'];

/** The environment for the build steps: the caller's, without anything that retargets the build. */
export function buildEnvironment(env) {
  const result = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^npm_config_(.+)$/i.exec(key);
    if (match && targetVariables.includes(match[1].toLowerCase().replace(/-/g, '_'))) continue;
    result[key] = value;
  }
  return result;
}

/**
 * The one line to print and the exit code. Without --require nothing fails (CI installs must pass);
 * with --require (npm start, npm run dev) a missing build is fatal, since Electron cannot open the database.
 */
export function conclude(outcome, { require, dirLabel }) {
  const subject = `better-sqlite3 for Electron ${outcome.electronVersion ?? '(unknown)'}`;
  if (outcome.kind === 'up-to-date') {
    return { exitCode: 0, stream: 'stdout', line: `electron-native: ${subject} is ready in ${dirLabel} (nothing to do)` };
  }
  if (outcome.kind === 'built') {
    return { exitCode: 0, stream: 'stdout', line: `electron-native: built ${subject} with ${outcome.method} into ${dirLabel}` };
  }
  if (require) {
    return {
      exitCode: 1,
      stream: 'stderr',
      line: `electron-native: cannot start NN Lab: ${subject} is missing: ${outcome.reason}. To fix: ${outcome.remedy}.`,
    };
  }
  return {
    exitCode: 0,
    stream: 'stdout',
    line: `electron-native: skipped the Electron build of better-sqlite3: ${outcome.reason}. Node's build is untouched (tests and the CLI work). Before \`npm start\`: ${outcome.remedy}.`,
  };
}
