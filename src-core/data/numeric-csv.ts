import { ApiError } from '../contract/api-error';

/**
 * A deliberately simple CSV reader for the CLI until the full reader (src-core/data/csv) is wired in:
 * comma-separated, a header row of names, no quoted commas, blank lines skipped. Cells stay text here;
 * `numericColumns` turns the columns a model reads into numbers and points at any cell that is not one.
 */
export interface SimpleCsv {
  fileName: string;
  header: string[];
  /** (rows, columns): trimmed cell text. */
  cells: string[][];
  /** (rows): the 1-based file line of each row. */
  rowLines: Int32Array;
  /** (rows, columns): the 1-based character column where each cell starts. */
  cellColumns: Int32Array[];
}

export function readSimpleCsv(text: string, fileName: string): SimpleCsv {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) throw new ApiError({ code: 'bad_input', message: 'the file is empty: expected a header row of column names', file: fileName });
  const headerCells = splitLine(lines[headerIndex]!);
  const header = headerCells.texts.map(unquote);
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    const where = { file: fileName, line: headerIndex + 1, column: headerCells.columns[i]! };
    if (name === '') throw new ApiError({ code: 'bad_input', message: `column ${i + 1} of the header has no name`, ...where });
    if (seen.has(name)) throw new ApiError({ code: 'bad_input', message: `the header names column "${name}" twice`, ...where });
    seen.set(name, i);
  });
  const cells: string[][] = [];
  const rowLines: number[] = [];
  const cellColumns: Int32Array[] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const row = splitLine(line);
    if (row.texts.length !== header.length) {
      throw new ApiError({
        code: 'bad_input',
        message: `this row has ${row.texts.length} cells but the header has ${header.length} columns`,
        file: fileName,
        line: i + 1,
        column: 1,
      });
    }
    cells.push(row.texts.map(unquote));
    rowLines.push(i + 1);
    cellColumns.push(Int32Array.from(row.columns));
  }
  return { fileName, header, cells, rowLines: Int32Array.from(rowLines), cellColumns };
}

/** The index of each named column; an unknown name is an error listing the columns the file has. */
export function columnIndices(csv: SimpleCsv, names: readonly string[], what = 'column'): number[] {
  return names.map((name) => {
    const index = csv.header.indexOf(name);
    if (index < 0) {
      throw new ApiError({
        code: 'bad_input',
        message: `${what} "${name}" is not in the file; its columns are: ${csv.header.join(', ')}`,
        file: csv.fileName,
        line: 1,
      });
    }
    return index;
  });
}

const decimal = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A plain decimal number (`-1.5`, `2e-3`, `.5`): what a numeric cell may hold. Not hex, not Infinity, not empty. */
export function isDecimalNumber(text: string): boolean {
  return decimal.test(text);
}

/** The cell as a number, or an error at its line and column. */
export function numericCell(csv: SimpleCsv, row: number, column: number): number {
  const text = csv.cells[row]![column]!;
  if (decimal.test(text)) return Number(text);
  throw new ApiError({
    code: 'bad_input',
    message: text === '' ? `empty cell in column "${csv.header[column]}"` : `"${text}" in column "${csv.header[column]}" is not a number`,
    file: csv.fileName,
    line: csv.rowLines[row]!,
    column: csv.cellColumns[row]![column]!,
  });
}

/** The named columns as a (rows, names.length) row-major matrix. */
export function numericColumns(csv: SimpleCsv, names: readonly string[]): Float32Array {
  const indices = columnIndices(csv, names);
  const rows = csv.cells.length;
  const out = new Float32Array(rows * indices.length); // (rows, names.length)
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < indices.length; c++) out[r * indices.length + c] = numericCell(csv, r, indices[c]!);
  }
  return out;
}

function splitLine(line: string): { texts: string[]; columns: number[] } {
  const texts: string[] = [];
  const columns: number[] = [];
  let start = 0;
  for (const raw of line.split(',')) {
    const lead = raw.length - raw.trimStart().length;
    texts.push(raw.trim());
    columns.push(start + lead + 1);
    start += raw.length + 1;
  }
  return { texts, columns };
}

function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text;
}
