/** Types of electron-native-plan.mjs. */

export interface BuildIdentity {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
}

export interface Facts {
  electronVersion: string | null;
  betterSqliteVersion: string | null;
  platform: string;
  arch: string;
  electronBinaryPresent: boolean;
  skipBinaryDownload: boolean;
  bindingExists: boolean;
  /** build.json beside the binding, parsed; null when absent or unreadable. */
  stamp: unknown;
}

export type Plan =
  | { action: 'up-to-date'; identity: BuildIdentity }
  | { action: 'build'; identity: BuildIdentity }
  | { action: 'skip'; reason: string; remedy: string };

export interface BuildStep {
  name: 'prebuild-install' | 'node-gyp';
  command: string;
  args: string[];
}

export type Outcome =
  | { kind: 'up-to-date'; electronVersion: string }
  | { kind: 'built'; electronVersion: string; method: string }
  | { kind: 'skipped'; electronVersion: string | null; reason: string; remedy: string };

export interface Conclusion {
  exitCode: 0 | 1;
  stream: 'stdout' | 'stderr';
  line: string;
}

export function electronNativeDir(root: string, electronVersion: string): string;
export function electronNativeBinding(root: string, electronVersion: string): string;
export function buildIdentity(facts: Pick<Facts, 'platform' | 'arch'> & { electronVersion: string; betterSqliteVersion: string }): BuildIdentity;
export function stampMatches(stamp: unknown, identity: BuildIdentity): boolean;
export function planElectronNative(facts: Facts): Plan;
export function buildSteps(options: {
  prebuildInstall: string | null;
  nodeGyp: string | null;
  node: string;
  electronVersion: string;
  platform: string;
  arch: string;
}): BuildStep[];
export function buildEnvironment(env: Record<string, string | undefined>): Record<string, string | undefined>;
export function conclude(outcome: Outcome, options: { require: boolean; dirLabel: string }): Conclusion;
