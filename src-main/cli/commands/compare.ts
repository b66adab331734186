import { comparableConfig, comparisonTableCsv, groupBySeed, metricNames, metricValue, type MetricName } from '../../../src-core/compare/index';
import { ApiError } from '../../../src-core/contract/api-error';
import { compareRuns } from '../../service/compare-runs';
import { CliUsageError, type CliCommand, type CliIo } from '../command';
import { parseCommandLine } from './command-line';
import { comparisonText } from './compare-text';
import { openRunDatabase } from './open-run-database';

const usage = `Usage: nn-lab compare ID ID... [--metric M] [--at final|best] [--margin X] [--target T] [--db FILE] [--json|--csv]

Compares stored runs: a table of final and best values (with their epochs) and training time, the groups of runs
that differ only by seed, the settings that differ between groups, and, when the runs form exactly two groups, the
verdict (difference with its 95 % CI, the test that fits, effect size, Bayesian probabilities, power) and a
"what changed" summary. See docs/COMPARISON.md.

  --metric M    loss, accuracy, valLoss or valAccuracy (val_loss, val_accuracy also read);
                default valLoss when every run has it, else loss
  --at          compare each run's final (default) or best value
  --margin X    the negligible difference for the Bayesian comparison, in points for accuracies
                (default 0.5 points; 1 % of the mean for losses)
  --target T    add when each run first reached T (the metric's own units: 0.9, not 90)
  --db FILE     the run database (default: the app's lab.db)
  --json        the table, groups, settings diff, verdict and what-changed as JSON
  --csv         only the table, as CSV (raw values, one row per run)
`;

export const compareCommand: CliCommand = { name: 'compare', summary: 'compare runs: table, settings diff and a verdict', usage, run: compare };

const aliases: Record<string, MetricName> = { val_loss: 'valLoss', val_accuracy: 'valAccuracy', acc: 'accuracy', val_acc: 'valAccuracy' };

/** Reads the runs, has `runs.compare` compute everything (the verdict between the two seed groups, if two), prints it. */
function compare(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(
    argv,
    { db: { type: 'string' }, metric: { type: 'string' }, at: { type: 'string' }, margin: { type: 'string' }, target: { type: 'string' }, json: { type: 'boolean' }, csv: { type: 'boolean' } },
    { names: Array.from({ length: 100 }, () => 'ID'), optional: 100 },
  );
  const ids = [...new Set(positionals)];
  if (ids.length < 2) throw new CliUsageError(`needs at least two run ids to compare (got ${ids.length === 0 ? 'none' : `only ${ids[0]}`})`);
  const metric = values.metric === undefined ? undefined : (aliases[values.metric] ?? values.metric);
  if (metric !== undefined && !metricNames.includes(metric as MetricName)) {
    throw new CliUsageError(`--metric: '${values.metric}' is not a metric (${metricNames.join(', ')})`);
  }
  if (values.at !== undefined && values.at !== 'final' && values.at !== 'best') throw new CliUsageError(`--at: '${values.at}' is neither final nor best`);
  const margin = numberFlag('margin', values.margin);
  if (margin !== undefined && margin < 0) throw new CliUsageError(`--margin: ${values.margin} is negative`);
  const target = numberFlag('target', values.target);
  if (values.json && values.csv) throw new CliUsageError('--json and --csv: choose one');

  const store = openRunDatabase(values.db, io, { mustExist: true });
  try {
    const runs = ids.map((id) => store.getRun(id));
    if (metric && !runs.some((run) => run.metrics.some((m) => metricValue(m, metric as MetricName) !== null))) {
      throw new ApiError({ code: 'invalid_args', field: 'metric', message: `None of these runs recorded ${metric} (validation metrics need a validation split; accuracy needs a classifier).` });
    }
    const groups = groupBySeed(runs);
    const comparison = compareRuns(store, {
      ids,
      ...(metric ? { metric: metric as MetricName } : {}),
      ...(target !== undefined ? { target } : {}),
      ...(groups.length === 2
        ? {
            significance: {
              a: groups[0]!.runs.map((r) => r.id),
              b: groups[1]!.runs.map((r) => r.id),
              ...(values.at ? { at: values.at as 'final' | 'best' } : {}),
              ...(margin !== undefined ? { margin } : {}),
            },
          }
        : {}),
    });
    if (values.csv) {
      io.out(comparisonTableCsv(comparison.table));
    } else if (values.json) {
      const { runs: _runs, curves: _curves, groups, ...rest } = comparison;
      const json = { ...rest, groups: groups.map(({ bands: _bands, ...g }) => g) };
      io.out(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      const byId = new Map(runs.map((r) => [r.id, r]));
      io.out(comparisonText(comparison, comparison.groups.map((g) => comparableConfig(byId.get(g.runIds[0]!)!))));
    }
    return Promise.resolve(0);
  } finally {
    store.close();
  }
}

function numberFlag(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new CliUsageError(`--${name}: '${text}' is not a number`);
  return n;
}
