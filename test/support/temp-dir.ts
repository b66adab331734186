import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/**
 * Gives each test of the calling file a fresh temp folder named `prefix…`, removed when the test ends.
 * Hooks the caller registers after this call run after the folder is made and, at the end, before it is
 * removed (vitest runs after-hooks in reverse), so they may close what they opened in it.
 */
export function useTempDir(prefix: string): { readonly dir: string } {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
  };
}
