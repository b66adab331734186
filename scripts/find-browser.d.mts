/** Types of find-browser.mjs. */

export type BrowserSource = 'CHROMIUM_PATH' | 'system' | 'playwright' | 'bundled';
export type Found = { path: string; source: BrowserSource } | { error: string };

export interface MachineFacts {
  env: Record<string, string | undefined>;
  platform: string;
  arch: string;
  home: string;
}

export const defaultCacheRoot: string;
export function bundledChromiumServes(platform: string, arch: string): boolean;
export function isExecutableFile(path: string): boolean;
export function installedPaths(facts: Omit<MachineFacts, 'arch'>): string[];
export function systemCandidates(facts: Pick<MachineFacts, 'env' | 'platform'>, installed: string[]): string[];
export function playwrightBrowsersDir(facts: Omit<MachineFacts, 'arch'> & { playwrightCoreDir: string | null }): string | null;
export function playwrightCandidates(browsersDir: string, platform: string, arch: string): string[];
export function nothingFoundLine(platform: string, arch: string): string;
export function findBrowser(
  facts: MachineFacts & { installed?: string[]; playwrightCoreDir?: string | null; unpackBundled: () => string | null },
): Found;
export function bundledPackage(): { dir: string; version: string } | null;
export function unpackBundledChromium(cacheRoot?: string, pkg?: { dir: string; version: string } | null): string | null;
export function findBrowserHere(env?: Record<string, string | undefined>): Found;
