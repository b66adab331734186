import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApiError } from '../../../src-core/contract/api-error';
import { defaultDatabasePath } from '../../app/paths';
import { openStore, type LabStore } from '../../store/lab-store';
import type { CliIo } from '../command';

/**
 * Opens the run database of `--db` (default: the app's lab.db) for a CLI command. Runs whose process died are
 * marked interrupted, as the app would; a corrupt file set aside is reported on stderr. `mustExist`: a reading
 * command refuses a missing file rather than creating an empty one.
 */
export function openRunDatabase(db: string | undefined, io: CliIo, options: { mustExist: boolean }): LabStore {
  const path = db ? resolve(io.cwd, db) : defaultDatabasePath();
  if (options.mustExist && !existsSync(path)) {
    throw new ApiError({ code: 'not_found', file: path, message: `There is no run database here${db ? '' : " (the app's default; pass --db FILE for another)"}.` });
  }
  const store = openStore(path);
  for (const notice of store.notices) io.err(`nn-lab: ${notice.message}\n`);
  return store;
}
