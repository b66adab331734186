// electron-builder's beforePack hook (electron-builder.json): refuses to package better-sqlite3's Electron build
// unless it was made for the Electron, better-sqlite3, platform and architecture being packaged. The build in
// .electron-native/ is made for the machine that ran scripts/electron-native.mjs, so `npm run dist:win` on
// Linux would otherwise ship an installer whose database cannot open.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { electronNativeBinding, electronNativeDir } from './electron-native-plan.mjs';

/** builder-util's Arch enum, by value. */
const archNames = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * What is wrong with the build for this target, or null. `stamp` is .electron-native/<version>/build.json
 * (what scripts/electron-native.mjs built it for); `target` what electron-builder is packaging now.
 */
export function packagedBindingProblem({ bindingExists, stamp, dirLabel }, target) {
  const wanted = `Electron ${target.electron} on ${target.platform}-${target.arch} with better-sqlite3 ${target.betterSqlite3}`;
  const remedy = target.platform === target.hostPlatform && target.arch === target.hostArch
    ? 'run `node scripts/electron-native.mjs --force`'
    : `package on a ${target.platform}-${target.arch} machine (each platform's installer is made on that platform)`;
  if (target.arch === 'universal') return `a universal macOS build needs better-sqlite3 for both x64 and arm64; package each architecture on its own (--x64, --arm64)`;
  if (!bindingExists) return `better-sqlite3's Electron build is missing from ${dirLabel}: ${wanted} needs one; ${remedy}`;
  if (stamp === null || typeof stamp !== 'object') return `${dirLabel}/build.json is missing or unreadable, so the build's target is unknown; ${remedy}`;
  const built = `Electron ${stamp.electron} on ${stamp.platform}-${stamp.arch} with better-sqlite3 ${stamp.betterSqlite3}`;
  if (built !== wanted) return `better-sqlite3's Electron build in ${dirLabel} is for ${built}, but this package is for ${wanted}; ${remedy}`;
  return null;
}

export default async function beforePack(context) {
  const root = context.packager.info.projectDir;
  const electron = context.packager.info.framework.version;
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const target = {
    electron,
    betterSqlite3: readJson(join(root, 'node_modules', 'better-sqlite3', 'package.json'))?.version ?? 'unknown',
    platform,
    arch: archNames[context.arch] ?? String(context.arch),
    hostPlatform: process.platform,
    hostArch: process.arch,
  };
  const dir = electronNativeDir(root, electron);
  const problem = packagedBindingProblem(
    { bindingExists: existsSync(electronNativeBinding(root, electron)), stamp: readJson(join(dir, 'build.json')), dirLabel: relative(root, dir) },
    target,
  );
  if (problem) throw new Error(`NN Lab cannot be packaged: ${problem}.`);
}
