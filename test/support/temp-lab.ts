import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createLab, type Lab } from '../../src-main/app/create-lab';
import { useTempDir } from './temp-dir';

/** The calling test file's per-test folder and the labs opened in it. */
export interface TempLabs {
  /** The current test's folder, fresh for each test. */
  readonly dir: string;
  /** Opens a lab on the database `name` (default `lab.db`) in `dir`; it is closed when the test ends. */
  openLab(options?: { name?: string; threads?: number }): Promise<Lab>;
}

/**
 * Gives each test of the calling file a fresh temp folder named `prefix…`; when the test ends, the labs opened
 * through `openLab` are closed and the folder removed. `workerFile` names the training worker the labs run;
 * without it they get a file that does not exist, which serves where no run trains (the pool starts no thread
 * until a run is queued).
 */
export function useTempLabs(prefix: string, workerFile?: () => string): TempLabs {
  const temp = useTempDir(prefix);
  const labs: Lab[] = [];
  afterEach(async () => {
    for (const lab of labs.splice(0)) await lab.close();
  });
  return {
    get dir() {
      return temp.dir;
    },
    async openLab({ name = 'lab.db', threads = 1 } = {}) {
      const file = workerFile ? workerFile() : join(temp.dir, 'no-train-worker.js');
      const lab = await createLab({ databasePath: join(temp.dir, name), host: 'browser', threads, workerFile: file });
      labs.push(lab);
      return lab;
    },
  };
}
