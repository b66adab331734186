/** Types of check-packaged-binding.mjs. */

export interface PackageTarget {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
  /** The machine packaging (process.platform, process.arch): decides the advice. */
  hostPlatform: string;
  hostArch: string;
}

export interface BindingOnDisk {
  bindingExists: boolean;
  /** .electron-native/<version>/build.json, parsed; null when absent or unreadable. */
  stamp: unknown;
  /** The folder, as the message names it. */
  dirLabel: string;
}

export function packagedBindingProblem(binding: BindingOnDisk, target: PackageTarget): string | null;

/** electron-builder's beforePack hook: throws when the build does not fit the package being made. */
export default function beforePack(context: unknown): Promise<void>;
