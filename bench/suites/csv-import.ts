/**
 * CSV import (issue 4): the lab's reader, PapaParse and csv-parse each read the Fashion-MNIST training CSV
 * (133 MB, 60,000 × 785) into float32, in the same run, each in its own child process so that peak memory is its
 * own. Reported: wall time, CPU time, peak RSS above the child's idle RSS, and peer time ÷ lab time.
 * Goal: the lab's reader within 3 s and 500 MB above idle (1 s is the aim; uDSV 2.0 s, PapaParse 2.1 s,
 * csv-parse 7.7 s measured elsewhere). Env: BENCH_QUICK=1 runs each parser once instead of three times.
 * Alone: `npx tsx bench/suites/csv-import.ts`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as csvParse } from 'csv-parse';
import Papa from 'papaparse';
import { parseCsv } from '../../src-core/data/csv/parse-csv';
import { dataDir, fashionCsv, repoDir } from '../datasets/paths';

const parsers = ['nn-lab', 'papaparse', 'csv-parse'] as const;
type ParserId = (typeof parsers)[number];
const titles: Record<ParserId, string> = {
  'nn-lab': 'NN Lab `parseCsv` (bytes → typed columns)',
  papaparse: 'PapaParse 5 (`step`, cells → `Number`)',
  'csv-parse': 'csv-parse 6 (stream, cells → `Number`)',
};
const ROWS = 60_000;
const COLUMNS = 785;

interface ChildResult {
  parser: ParserId;
  seconds: number;
  cpuSeconds: number;
  peakMb: number;
  rows: number;
  columns: number;
  /** Sum of every value read, to check that the parsers agree. */
  checksum: number;
}

/** What a reader produced: float32 values in columns (the lab) or one (rows, columns) array (the peers). */
interface Read {
  rows: number;
  columns: number;
  values: Float32Array[];
}

/** The lab's reader: one float32 array per column, straight from the bytes. */
function readWithLab(file: string): Read {
  const table = parseCsv(readFileSync(file), { fileName: file, precision: 'float32' });
  const values = table.columns.map((column) => {
    if (column.type !== 'number' || !(column.values instanceof Float32Array)) throw new Error(`${column.name} was not read as float32 numbers`);
    return column.values;
  });
  return { rows: table.rows, columns: table.columns.length, values };
}

/** The peers fill one (rows, columns) Float32Array sized up front: an advantage the lab's reader does not get. */
function readWithPapa(file: string): Read {
  const values = new Float32Array(ROWS * COLUMNS); // (rows, columns)
  let row = -1; // the header is row -1
  let columns = 0;
  Papa.parse<string[]>(readFileSync(file, 'utf8'), {
    skipEmptyLines: true,
    step: (result) => {
      const cells = result.data;
      if (row >= 0) {
        columns = cells.length;
        for (let c = 0; c < cells.length; c++) values[row * COLUMNS + c] = Number(cells[c]);
      }
      row++;
    },
  });
  return { rows: row, columns, values: [values] };
}

async function readWithCsvParse(file: string): Promise<Read> {
  const values = new Float32Array(ROWS * COLUMNS); // (rows, columns)
  let row = -1;
  let columns = 0;
  const parser = createReadStream(file).pipe(csvParse({ skip_empty_lines: true }));
  for await (const cells of parser as AsyncIterable<string[]>) {
    if (row >= 0) {
      columns = cells.length;
      for (let c = 0; c < cells.length; c++) values[row * COLUMNS + c] = Number(cells[c]);
    }
    row++;
  }
  return { rows: row, columns, values: [values] };
}

async function child(parser: ParserId, file: string): Promise<void> {
  const idleRss = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const read = parser === 'nn-lab' ? readWithLab(file) : parser === 'papaparse' ? readWithPapa(file) : await readWithCsvParse(file);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const peakMb = (process.resourceUsage().maxRSS * 1024 - idleRss) / 1024 ** 2;
  // After the clock stops: the sum of every value, to check that the readers agree.
  let checksum = 0;
  for (const array of read.values) for (const v of array) checksum += v;
  const result: ChildResult = { parser, seconds, cpuSeconds: (used.user + used.system) / 1e6, peakMb, rows: read.rows, columns: read.columns, checksum };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

function runChildParser(parser: ParserId, file: string): ChildResult {
  const self = fileURLToPath(import.meta.url);
  const out = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', parser, file], { cwd: repoDir, encoding: 'utf8', maxBuffer: 1 << 20 });
  const line = out.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`${parser}: exit ${out.status}: ${out.stderr.split('\n').filter(Boolean).slice(-3).join(' | ')}`);
  return JSON.parse(line.slice('RESULT '.length)) as ChildResult;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function run(): Promise<{ title: string; markdown: string }> {
  const file = fashionCsv('train');
  if (!existsSync(file)) execFileSync(process.execPath, ['/work/shared/datasets/fashion-mnist-csv.mjs', dataDir], { stdio: 'inherit' });
  const repeats = process.env.BENCH_QUICK === '1' ? 1 : 3;
  const results = new Map<ParserId, ChildResult[]>(parsers.map((p) => [p, []]));
  // Interleaved, so a burst of load on the machine hits every parser alike.
  for (let r = 0; r < repeats; r++) for (const parser of parsers) results.get(parser)!.push(runChildParser(parser, file));
  const summary = parsers.map((parser) => {
    const runs = results.get(parser)!;
    return {
      parser,
      seconds: median(runs.map((x) => x.seconds)),
      cpuSeconds: median(runs.map((x) => x.cpuSeconds)),
      peakMb: median(runs.map((x) => x.peakMb)),
      shape: `${runs[0]!.rows} × ${runs[0]!.columns}`,
      checksum: runs[0]!.checksum,
    };
  });
  const lab = summary[0]!;
  const agree = summary.every((s) => s.checksum === lab.checksum && s.shape === `${ROWS} × ${COLUMNS}`);
  const rows = summary.map((s) => {
    const ratio = s.parser === 'nn-lab' ? '1.00' : (s.seconds / lab.seconds).toFixed(2);
    return `| ${titles[s.parser]} | ${s.seconds.toFixed(2)} | ${s.cpuSeconds.toFixed(2)} | ${s.peakMb.toFixed(0)} | ${ratio} | ${s.shape} |`;
  });
  const goal = lab.seconds <= 3 && lab.peakMb <= 500;
  const markdown = [
    `File: \`bench/data/fashion-mnist_train.csv\` (${(readFileSync(file).byteLength / 1e6).toFixed(0)} MB, ${ROWS.toLocaleString('en-US')} rows × ${COLUMNS} columns). ` +
      `Median of ${repeats} run${repeats === 1 ? '' : 's'} per parser, interleaved, each in a fresh child process; the time includes reading the file.`,
    '',
    '| reader | wall s | CPU s | peak RSS above idle, MB | time ÷ NN Lab | rows × columns |',
    '|---|---:|---:|---:|---:|---|',
    ...rows,
    '',
    `All readers ${agree ? 'agree on every value (same sum of 47,100,000 cells)' : '**disagree** (different sums or shapes)'}. ` +
      `Goal for NN Lab: at most 3 s and 500 MB above idle — ${goal ? 'met' : '**not met**'} in this run. ` +
      'The peers fill one Float32Array sized in advance (their best case); NN Lab counts lines and fills one float32 array per column. ' +
      'Wall time depends on the load of the machine; CPU time is the steadier figure.',
  ].join('\n');
  return { title: 'CSV import: Fashion-MNIST training CSV into float32', markdown };
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) {
  await child(process.argv[childAt + 1] as ParserId, process.argv[childAt + 2]!);
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await run();
  process.stdout.write(`# ${result.title}\n\n${result.markdown}\n`);
}
