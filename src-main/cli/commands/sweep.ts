import { sweepApiError } from '../../app/core-errors';
import { randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { ApiError } from '../../../src-core/contract/api-error';
import { runConfigSchema, type RunConfig } from '../../../src-core/contract/run-config';
import { issueMessage } from '../../../src-core/contract/schema-issue';
import { parseJson } from '../../../src-core/nn/json-text';
import { SweepError, expandSweep, sweepFileSchema } from '../../../src-core/sweep/index';
import { CliUsageError, type CliCommand, type CliIo } from '../command';
import { parseCommandLine } from './command-line';
import { openRunDatabase } from './open-run-database';
import { readInputFile } from './read-input-file';
import { loadRunConfig, type LoadedRunConfig } from './run-config-file';
import { trainFromConfig } from './train';

const usage = `Usage: nn-lab sweep --config sweep.json [--db FILE]

Trains every run of a sweep (a grid or random search over a run config's settings, each point once per
seed; docs/FORMATS.md) and records them in the run database as one sweep (default: the app's lab.db).
Prints each run's epochs as 'nn-lab train' does.

The runs train sequentially, one after another on one thread of this process. To train a sweep's runs in
parallel on every core, start it in the app (its runs share the worker pool).
`;

export const sweepCommand: CliCommand = { name: 'sweep', summary: 'train a grid or random search of runs as one sweep', usage, run: sweep };

async function sweep(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(argv, { config: { type: 'string' }, db: { type: 'string' } }, { names: [] });
  if (!values.config) throw new CliUsageError('missing --config FILE');
  const { text, shownAs } = readInputFile(values.config, io.cwd, 'sweep config');
  const raw = parseJson(text, shownAs);
  const parsed = sweepFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.');
    throw new ApiError({ code: 'bad_input', file: shownAs, ...(field ? { field } : {}), message: `${field ? `${field}: ` : ''}${issueMessage(issue, raw)}` });
  }
  const file = parsed.data;
  const folder = dirname(resolve(io.cwd, values.config));
  const base: LoadedRunConfig =
    typeof file.base === 'string'
      ? loadRunConfig(resolve(folder, file.base), io.cwd)
      : { config: file.base, shownAs, folder, locate: (error) => error };

  let runs;
  try {
    runs = expandSweep(file.sweep, base.config);
  } catch (error) {
    if (error instanceof SweepError) throw sweepApiError(error, shownAs);
    throw error;
  }
  // Every run's config is checked before the first one trains.
  const configs: RunConfig[] = runs.map((run) => {
    const checked = runConfigSchema.safeParse(run.config);
    if (checked.success) return checked.data;
    const issue = checked.error.issues[0]!;
    throw new ApiError({ code: 'bad_input', file: shownAs, field: 'sweep.parameters', message: `the run ${run.label} is not a valid run config: ${issue.path.join('.')}: ${issue.message}` });
  });

  const name = file.name ?? `Sweep of ${Object.keys(file.sweep.parameters).join(', ')}`;
  const sweepId = randomUUID();
  const store = openRunDatabase(values.db, io, { mustExist: false });
  const dbPath = store.path;
  try {
    store.createSweep({ id: sweepId, name, config: file, createdAt: new Date().toISOString() });
  } finally {
    store.close();
  }
  io.out(`sweep ${sweepId}: ${name}, ${runs.length} runs\n`);
  let failed = 0;
  for (const [i, run] of runs.entries()) {
    io.out(`\nrun ${i + 1}/${runs.length}: ${run.label}\n`);
    const loaded: LoadedRunConfig = { ...base, config: { ...configs[i]!, name: `${name}: ${run.label}` } };
    try {
      await trainFromConfig(loaded, { db: dbPath, sweepId }, io);
    } catch (error) {
      failed++;
      io.err(`nn-lab sweep: run ${run.label}: ${ApiError.from(base.locate(error)).message}\n`);
    }
  }
  io.out(`\nsweep ${sweepId}: ${runs.length - failed} of ${runs.length} runs completed\n`);
  return failed ? 1 : 0;
}
