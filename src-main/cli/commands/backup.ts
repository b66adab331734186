import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApiError } from '../../../src-core/contract/api-error';
import { CliUsageError, type CliCommand, type CliIo } from '../command';
import { parseCommandLine } from './command-line';
import { openRunDatabase } from './open-run-database';
import { checkOutputFolder } from './write-output-file';

const usage = `Usage: nn-lab backup --out FILE [--db FILE] [--force]

Copies the whole run database (runs, epochs, weights, datasets) to FILE with SQLite's online backup,
consistent even while the app trains. FILE must not exist yet, unless --force (never the database itself);
its folder must exist.
`;

export const backupCommand: CliCommand = { name: 'backup', summary: 'back up the whole run database to a file', usage, run: backup };

async function backup(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(argv, { db: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } }, { names: [] });
  if (!values.out) throw new CliUsageError('missing --out FILE');
  checkOutputFolder(values.out, io.cwd);
  const target = resolve(io.cwd, values.out);
  const force = values.force === true;
  if (existsSync(target) && !force) throw new ApiError({ code: 'bad_input', file: values.out, message: 'the backup file exists already; choose a new name, or pass --force to replace it' });
  const store = openRunDatabase(values.db, io, { mustExist: true });
  try {
    const { bytes } = await store.backup(target, { overwrite: force });
    io.out(`backed up ${store.path} to ${values.out} (${(bytes / 1024).toFixed(0)} KiB)\n`);
    return 0;
  } finally {
    store.close();
  }
}
