import { ApiError } from '../../contract/api-error';
import { CsvScanner } from './csv-scanner';
import type { CsvDelimiter, ParseCsvOptions, ParsedTable, TableColumn } from './csv-table';
import { detectDelimiter } from './detect-delimiter';
import { isMissingBytes as isMissingImport, parseNumberBytes as parseNumberImport } from './parse-number';
import { decodeBytes, detectEncoding, findBinaryContent, type CsvEncoding } from './text-encoding';

const LF = 0x0a;
const CR = 0x0d;
/** Above this many cells numeric columns are stored as float32, to halve the memory of large files. */
const FLOAT64_CELL_LIMIT = 8_000_000;

function badInput(fileName: string, message: string, line?: number, column?: number): ApiError {
  const where = line === undefined ? '' : column === undefined ? `line ${line}: ` : `line ${line}, column ${column}: `;
  return new ApiError({
    code: 'bad_input',
    message: `${fileName}: ${where}${message}`,
    file: fileName,
    ...(line !== undefined ? { line } : {}),
    ...(column !== undefined ? { column } : {}),
  });
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let k = 0; k < offset; k++) {
    if (bytes[k] === LF || (bytes[k] === CR && bytes[k + 1] !== LF)) line++;
  }
  return line;
}

/** An upper bound on the number of records: every LF, and every CR not followed by LF, may end one. */
function countRecordBound(bytes: Uint8Array, from: number): number {
  let count = 1;
  for (let p = bytes.indexOf(LF, from); p >= 0; p = bytes.indexOf(LF, p + 1)) count++;
  for (let p = bytes.indexOf(CR, from); p >= 0; p = bytes.indexOf(CR, p + 1)) if (bytes[p + 1] !== LF) count++;
  return count;
}

interface Field {
  text: string;
  /** The field as a number, when all of it is one. */
  number: number | undefined;
  missing: boolean;
}

function fieldText(scanner: CsvScanner, encoding: CsvEncoding): string {
  const text = decodeBytes(scanner.bytes, scanner.start, scanner.end, encoding);
  return scanner.escaped ? text.replaceAll('""', '"') : text;
}

/** Reads one whole record as strings (for the header line and for rare re-reads). */
function readRecord(scanner: CsvScanner, encoding: CsvEncoding, decimalComma: boolean): Field[] {
  const fields: Field[] = [];
  do {
    scanner.next(fields.length + 1);
    const { bytes, start, end } = scanner;
    fields.push({
      text: fieldText(scanner, encoding),
      number: scanner.escaped ? undefined : parseNumberImport(bytes, start, end, decimalComma),
      missing: isMissingImport(bytes, start, end),
    });
  } while (!scanner.recordEnd);
  return fields;
}

/** Skips blank lines; true when a record follows. */
function skipBlankLines(scanner: CsvScanner): boolean {
  while (!scanner.done && scanner.skipBlankLine()) {
    /* skipped */
  }
  return !scanner.done;
}

function headerNames(fields: Field[]): string[] {
  const seen = new Map<string, number>();
  return fields.map((field, i) => {
    let name = field.text.trim() || `column${i + 1}`;
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    if (count > 0) name = `${name}_${count + 1}`;
    return name;
  });
}

/**
 * Reads CSV bytes into typed columns. Numbers are parsed straight from the bytes into one typed
 * array per column; a column becomes text (strings) at its first value that is neither a number
 * nor a missing-value spelling. A number no column can hold (`inf`, `1e999`, thousands of digits) is a
 * missing value, counted in `missing` and `nonFinite`. Throws ApiError('bad_input') naming the file, line and column.
 */
export function parseCsv(bytes: Uint8Array, options: ParseCsvOptions): ParsedTable {
  // Local copies: module bindings can compile to getters (tsx, CommonJS), too slow per cell.
  const parseNumberBytes = parseNumberImport;
  const isMissingBytes = isMissingImport;
  const { fileName } = options;
  const binary = findBinaryContent(bytes);
  if (binary) throw badInput(fileName, binary.reason, lineAt(bytes, binary.offset));
  const { encoding, start } = detectEncoding(bytes);
  const delimiter: CsvDelimiter = options.delimiter ?? detectDelimiter(bytes, start);
  const decimalComma = options.decimalComma ?? delimiter === ';';
  const scanner = new CsvScanner(bytes, delimiter.charCodeAt(0), fileName, start);

  if (!skipBlankLines(scanner)) throw badInput(fileName, 'the file is empty');
  const firstLine = scanner.line;
  const firstStart = scanner.pos;
  const first = readRecord(scanner, encoding, decimalComma);
  const header = options.header ?? !first.some((f) => f.number !== undefined);
  const width = first.length;
  const names = header ? headerNames(first) : first.map((_, i) => `column${i + 1}`);
  if (!header) {
    scanner.pos = firstStart;
    scanner.line = firstLine;
  }
  const dataStart = scanner.pos;
  const dataLine = scanner.line;
  if (!skipBlankLines(scanner)) throw badInput(fileName, 'the file has a header but no data rows', scanner.line);
  scanner.pos = dataStart;
  scanner.line = dataLine;

  const capacity = countRecordBound(bytes, dataStart);
  const precision = options.precision ?? (capacity * width > FLOAT64_CELL_LIMIT ? 'float32' : 'float64');
  const numeric: Array<Float64Array | Float32Array> = names.map(() =>
    precision === 'float32' ? new Float32Array(capacity) : new Float64Array(capacity),
  );
  const text: Array<Array<string | null> | null> = names.map(() => null);
  /** The row at which each column turned to text (earlier rows are re-read at the end). */
  const textFrom = new Int32Array(width).fill(-1);
  const isText = new Uint8Array(width);
  const missing = new Int32Array(width);
  /** Numbers too large for the column (±Infinity, 1e999, 1e39 in float32), read as missing. */
  const nonFinite = new Int32Array(width);
  const rowLines = new Int32Array(capacity);
  const progressEvery = Math.max(1, options.progressEvery ?? 4096);
  const { onProgress, signal } = options;

  let row = 0;
  while (skipBlankLines(scanner)) {
    if (row % progressEvery === 0 && row > 0) {
      if (signal?.aborted) {
        throw new ApiError({ code: 'conflict', message: `${fileName}: reading was cancelled`, file: fileName });
      }
      onProgress?.({ bytesRead: scanner.pos, totalBytes: bytes.length, rows: row });
    }
    const line = scanner.line;
    rowLines[row] = line;
    let c = 0;
    for (;;) {
      if (c === width) {
        throw badInput(fileName, `this row has more than the ${width} fields of the ${header ? 'header' : 'first line'}`, line, c + 1);
      }
      if (isText[c] === 0) {
        c = scanner.readNumbers(numeric, isText, row, c, decimalComma);
        if (scanner.recordEnd) break;
        if (c === width) continue; // a field too many: refused above
      }
      const column = text[c] ?? null;
      scanner.next(c + 1);
      if (column === null) {
        const value = scanner.escaped ? undefined : parseNumberBytes(bytes, scanner.start, scanner.end, decimalComma);
        if (value !== undefined) {
          const values = numeric[c]!;
          values[row] = value;
          // Read back: a float32 column overflows to Infinity above 3.4e38. Not a number a network can learn from.
          const stored = values[row]!;
          if (stored - stored !== 0) {
            values[row] = NaN;
            missing[c]!++;
            nonFinite[c]!++;
          }
        } else if (isMissingBytes(bytes, scanner.start, scanner.end)) {
          numeric[c]![row] = NaN;
          missing[c]!++;
        } else {
          const values = new Array<string | null>(capacity).fill(null);
          values[row] = fieldText(scanner, encoding);
          text[c] = values;
          isText[c] = 1;
          textFrom[c] = row;
          numeric[c] = new Float64Array(0);
        }
      } else if (isMissingBytes(bytes, scanner.start, scanner.end)) {
        column[row] = null;
        missing[c]!++;
      } else {
        column[row] = fieldText(scanner, encoding);
      }
      c++;
      if (scanner.recordEnd) break;
    }
    if (c === 1 && width > 1 && !scanner.quoted && scanner.start === scanner.end) {
      missing[0]!--; // a line of blanks only: skipped like an empty line
      continue;
    }
    if (c < width) {
      throw badInput(fileName, `this row has ${c} field${c === 1 ? '' : 's'}, the ${header ? 'header has' : 'first line has'} ${width}`, line, c + 1);
    }
    row++;
  }
  onProgress?.({ bytesRead: bytes.length, totalBytes: bytes.length, rows: row });

  // Columns that turned to text after some rows: re-read those rows' original text.
  const reread = [...textFrom.keys()].filter((c) => textFrom[c]! > 0);
  if (reread.length > 0) {
    const until = Math.max(...reread.map((c) => textFrom[c]!));
    const again = new CsvScanner(bytes, scanner.delimiter, fileName, dataStart);
    for (let r = 0; r < until && skipBlankLines(again); r++) {
      const fields = readRecord(again, encoding, decimalComma);
      if (fields.length === 1 && width > 1 && fields[0]!.text === '' && !again.quoted) {
        r--; // a line of blanks only, skipped above too
        continue;
      }
      for (const c of reread) {
        if (r < textFrom[c]!) text[c]![r] = fields[c]!.missing ? null : fields[c]!.text;
      }
    }
  }

  const columns: TableColumn[] = names.map((name, c) => {
    const values = text[c];
    if (values) {
      values.length = row;
      return { type: 'text', name, values, missing: missing[c]! };
    }
    const all = numeric[c]!;
    // Keep a view when little is wasted; copy when blank lines or quoted newlines inflated the bound.
    const trimmed = row >= capacity * 0.9 ? all.subarray(0, row) : all.slice(0, row);
    return { type: 'number', name, values: trimmed, missing: missing[c]!, ...(nonFinite[c] ? { nonFinite: nonFinite[c]! } : {}) };
  });
  return {
    fileName,
    encoding,
    delimiter,
    decimalComma,
    header,
    rows: row,
    columns,
    rowLines: rowLines.slice(0, row),
  };
}
