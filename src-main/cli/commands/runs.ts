import { ApiError } from '../../../src-core/contract/api-error';
import { runStatuses, type RunStatus } from '../../../src-core/contract/training';
import { importRunBundle, parseRunBundle } from '../../store/run-bundle';
import { CliUsageError, type CliCommand, type CliIo } from '../command';
import { parseCommandLine } from './command-line';
import { openRunDatabase } from './open-run-database';
import { readInputFile } from './read-input-file';
import { runDetailText, runsTable } from './runs-table';

const usage = `Usage: nn-lab runs <list|show|delete|import> [options]

Lists and manages the runs in a run database (default: the app's lab.db).

  nn-lab runs list [--db FILE] [--json] [--status S] [--tag T] [--search TEXT]
      every run, newest first: id, status, name, dataset, epochs, last loss and accuracy
  nn-lab runs show ID [--db FILE] [--json]
      a run's config, status and every epoch's metrics
  nn-lab runs delete ID --yes [--db FILE]
      deletes the run with its epochs, weights and diagnostics (--yes confirms)
  nn-lab runs import BUNDLE [--db FILE]
      adds a run bundle (nn-lab export ID --format bundle) from another installation
`;

export const runsCommand: CliCommand = { name: 'runs', summary: 'list, show, delete and import stored runs', usage, run: runs };

async function runs(argv: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = argv;
  switch (action) {
    case 'list':
      return list(rest, io);
    case 'show':
      return show(rest, io);
    case 'delete':
      return remove(rest, io);
    case 'import':
      return importBundle(rest, io);
    default:
      throw new CliUsageError(action === undefined ? 'missing an action: list, show, delete or import' : `unknown action '${action}' (list, show, delete or import)`);
  }
}

function list(argv: string[], io: CliIo): number {
  const { values } = parseCommandLine(
    argv,
    { db: { type: 'string' }, json: { type: 'boolean' }, status: { type: 'string' }, tag: { type: 'string' }, search: { type: 'string' } },
    { names: [] },
  );
  if (values.status !== undefined && !runStatuses.includes(values.status as RunStatus)) {
    throw new CliUsageError(`--status: '${values.status}' is not a status (${runStatuses.join(', ')})`);
  }
  const store = openRunDatabase(values.db, io, { mustExist: true });
  try {
    const found = store.searchRuns({
      ...(values.status ? { status: [values.status as RunStatus] } : {}),
      ...(values.tag ? { tags: [values.tag] } : {}),
      ...(values.search ? { text: values.search } : {}),
    });
    io.out(values.json ? `${JSON.stringify(found, null, 2)}\n` : runsTable(found));
    return 0;
  } finally {
    store.close();
  }
}

function show(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCommandLine(argv, { db: { type: 'string' }, json: { type: 'boolean' } }, { names: ['ID'] });
  const store = openRunDatabase(values.db, io, { mustExist: true });
  try {
    const run = store.getRun(positionals[0]!);
    io.out(values.json ? `${JSON.stringify(run, null, 2)}\n` : runDetailText(run));
    return 0;
  } finally {
    store.close();
  }
}

function remove(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCommandLine(argv, { db: { type: 'string' }, yes: { type: 'boolean' } }, { names: ['ID'] });
  const store = openRunDatabase(values.db, io, { mustExist: true });
  try {
    const run = store.findRun(positionals[0]!);
    if (!run) throw new ApiError({ code: 'not_found', field: 'id', message: `There is no run with id ${JSON.stringify(positionals[0])}.` });
    if (!values.yes) {
      throw new CliUsageError(`deleting run "${run.name}" removes its ${run.epochsDone} epochs and its weights for good; add --yes to confirm`);
    }
    store.deleteRun(run.id);
    io.out(`deleted run ${run.id} (${run.name})\n`);
    return 0;
  } finally {
    store.close();
  }
}

function importBundle(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCommandLine(argv, { db: { type: 'string' } }, { names: ['BUNDLE'] });
  const { text, shownAs } = readInputFile(positionals[0]!, io.cwd, 'run bundle');
  const bundle = parseRunBundle(text, shownAs);
  const store = openRunDatabase(values.db, io, { mustExist: false });
  try {
    const run = importRunBundle(store, bundle);
    io.out(`imported run ${run.id} (${run.name}, ${run.status}, ${run.epochsDone} epochs)\n`);
    return 0;
  } finally {
    store.close();
  }
}
