import { exportFormats, type ExportFormat } from '../../../src-core/contract/runs-api';
import { metricsCsv, metricsJson } from '../../store/metrics-export';
import { exportRunBundle } from '../../store/run-bundle';
import { CliUsageError, type CliCommand, type CliIo } from '../command';
import { parseCommandLine } from './command-line';
import { openRunDatabase } from './open-run-database';
import { checkOutputFolder, writeOutputFile } from './write-output-file';

declare const __APP_VERSION__: string | undefined;
const appVersion = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.1.0';

const usage = `Usage: nn-lab export ID [--db FILE] [--format bundle|csv|json] [--out FILE]

Exports a stored run. Formats (docs/RUNS.md):
  bundle  (default) one JSON file with the config, seed, dataset hash, every epoch and the weights,
          which 'nn-lab runs import' or the app imports on another installation
  csv     the per-epoch metrics, one row per epoch
  json    the config, status and per-epoch metrics
Without --out the export is printed.
`;

export const exportCommand: CliCommand = { name: 'export', summary: 'export a run as a bundle, CSV or JSON', usage, run: exportRun };

async function exportRun(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(
    argv,
    { db: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
    { names: ['ID'] },
  );
  const format = (values.format ?? 'bundle') as ExportFormat;
  if (!exportFormats.includes(format)) throw new CliUsageError(`--format: '${values.format}' is not one of ${exportFormats.join(', ')}`);
  if (values.out) checkOutputFolder(values.out, io.cwd);
  const store = openRunDatabase(values.db, io, { mustExist: true });
  let text: string;
  try {
    const id = positionals[0]!;
    const run = store.getRun(id);
    text =
      format === 'csv' ? metricsCsv(run.metrics) : format === 'json' ? metricsJson(run) : `${JSON.stringify(exportRunBundle(store, id, appVersion))}\n`;
  } finally {
    store.close();
  }
  if (values.out) io.out(`exported to ${writeOutputFile(values.out, io.cwd, text)}\n`);
  else io.out(text);
  return 0;
}
