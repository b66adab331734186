import { parseArgs } from 'node:util';
import { ApiError } from '../../../src-core/contract/api-error';
import type { InspectSummary } from '../../../src-core/data/doctor/inspect-summary';
import { inspectCsvFile } from '../../data/inspect-csv-file';
import { CliUsageError, type CliCommand, type CliIo } from '../command';

const usage = `Usage: nn-lab inspect FILE [--target COL]... [--json]

Reads a CSV file and shows how NN Lab understands it: the delimiter, encoding and header, each
column's kind (numeric, boolean, categorical, text, id-like, constant, mostly empty), whether it is a
feature, the target or excluded and why, statistics, the task, and the dataset doctor's warnings.

Options:
  --target COL  the target column (repeat for several); default: label, target, class or y, else the last column
  --json        print JSON: {rows, delimiter, header, encoding, columns, target, warnings};
                a refused file prints {"error": {message, line?, column?}}
`;

function format(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '';
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 1e6 || Math.abs(value) < 1e-3 ? value.toExponential(2) : String(Number(value.toPrecision(4)));
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n');
}

function readable(file: string, s: InspectSummary): string {
  const delimiter = s.delimiter === '\t' ? 'tab' : `'${s.delimiter}'`;
  const lines = [
    `${file}: ${s.rows} rows, ${s.columns.length} columns, delimiter ${delimiter}, ${s.header ? 'header line' : 'no header (names generated)'}, ${s.encoding}`,
    `target: ${s.target.name} (${s.target.task}${s.target.classes ? `, ${s.target.classes.length} classes: ${s.target.classes.slice(0, 12).join(', ')}${s.target.classes.length > 12 ? ', ...' : ''}` : ''})`,
  ];
  if (s.image) lines.push(`image: ${s.image.shape.join('×')}, pixels scaled by 1/${s.image.pixelScale}`);
  lines.push('');
  const head = ['column', 'kind', 'use', 'missing', 'min', 'max', 'mean', 'std', 'reason'];
  const body = s.columns.map((c) => [c.name, c.kind, c.use, String(c.missing), format(c.min), format(c.max), format(c.mean), format(c.std), c.reason ?? '']);
  lines.push(table([head, ...body]));
  lines.push('', s.warnings.length ? 'warnings:' : 'warnings: none');
  for (const w of s.warnings) lines.push(`  - ${w.message}`);
  return `${lines.join('\n')}\n`;
}

function parseInspectArgs(argv: string[]): { file: string; targets?: string[]; json: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { target: { type: 'string', multiple: true }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    // Node adds a second sentence on positionals that start with '-'; one line is enough.
    throw new CliUsageError((error instanceof Error ? error.message : String(error)).split('. ')[0]!.replace(/\.$/, ''));
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined) throw new CliUsageError('missing FILE: the CSV file to inspect');
  if (extra.length > 0) throw new CliUsageError(`unexpected argument '${extra[0]}' (inspect takes one FILE)`);
  return { file, json: parsed.values.json === true, ...(parsed.values.target ? { targets: parsed.values.target } : {}) };
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { file, targets, json } = parseInspectArgs(argv);
  try {
    const infer = targets ? { target: targets.length === 1 ? targets[0]! : targets } : {};
    const { table, summary } = await inspectCsvFile(file, { cwd: io.cwd, infer });
    io.out(json ? `${JSON.stringify(summary, null, 2)}\n` : readable(table.fileName, summary));
    return 0;
  } catch (error) {
    const apiError = ApiError.from(error);
    if (json) {
      const { message, line, column } = apiError;
      io.out(`${JSON.stringify({ error: { message, ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) } })}\n`);
    } else {
      io.err(`nn-lab inspect: ${apiError.message}\n`);
    }
    return 1;
  }
}

export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'show how a CSV file is read: columns, kinds, target, task and warnings',
  usage,
  run,
};
