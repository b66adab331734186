import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real, small file system (tmpfs) that fills up: writes past its size fail with ENOSPC. */
export interface SmallDisk {
  readonly dir: string;
  /** Gives it more room (space came back), keeping what it holds. */
  resize(kib: number): void;
  /** Unmounts it and removes the folder. */
  remove(): void;
}

/** Why a small disk cannot be mounted here (undefined when it can): it needs root on Linux (CI and the dev container run as root). */
export function smallDiskUnavailable(): string | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return 'a real full disk needs root on Linux (to mount a small tmpfs)';
  try {
    mountSmallDisk(64).remove();
    return undefined;
  } catch (error) {
    return `cannot mount a tmpfs: ${(error as Error).message}`;
  }
}

/** Mounts a tmpfs of `kib` KiB on a fresh folder. */
export function mountSmallDisk(kib: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'nn-lab-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    resize: (more) => execFileSync('mount', ['-o', `remount,size=${more}k`, dir], { stdio: 'pipe' }),
    remove: () => {
      try {
        execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
