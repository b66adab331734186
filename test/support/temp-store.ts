import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openStore, type LabStore } from '../../src-main/store/lab-store';
import { useTempDir } from './temp-dir';

/** Gives each test of the calling file a store opened on `lab.db` in a fresh temp folder; both go when it ends. */
export function useTempStore(prefix: string): { readonly dir: string; readonly store: LabStore } {
  const temp = useTempDir(prefix);
  let store: LabStore | undefined;
  beforeEach(() => {
    store = openStore(join(temp.dir, 'lab.db'));
  });
  afterEach(() => {
    store?.close();
    store = undefined;
  });
  return {
    get dir() {
      return temp.dir;
    },
    get store() {
      if (!store) throw new Error('the temp store is open only while a test runs');
      return store;
    },
  };
}
