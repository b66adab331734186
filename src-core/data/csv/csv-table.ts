import type { CsvEncoding } from './text-encoding';

/** The result of reading a CSV file: one typed array per numeric column, strings only for the rest. */

export type CsvDelimiter = ',' | ';' | '\t' | '|';
export const csvDelimiters: readonly CsvDelimiter[] = [',', ';', '\t', '|'];

/** A column whose every present value is a finite number. Missing values are NaN. */
export interface NumericTableColumn {
  type: 'number';
  name: string;
  /** (rows): Float32Array for large files (more than 8M cells), else Float64Array. */
  values: Float64Array | Float32Array;
  missing: number;
  /** Of the missing values, the cells that held a number too large for the column (`inf`, `1e999`): the doctor says so. */
  nonFinite?: number;
}

/** A column with at least one value that is not a number. Missing values are null. */
export interface TextTableColumn {
  type: 'text';
  name: string;
  values: Array<string | null>;
  missing: number;
}

export type TableColumn = NumericTableColumn | TextTableColumn;

export interface ParsedTable {
  fileName: string;
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  /** True when `,` was read as a decimal mark (`;` files). */
  decimalComma: boolean;
  /** False when the first line held data (names were then generated: column1, column2...). */
  header: boolean;
  rows: number;
  columns: TableColumn[];
  /** (rows): the 1-based line of the file where each row starts, for messages about a row. */
  rowLines: Int32Array;
}

export interface CsvProgress {
  bytesRead: number;
  totalBytes: number;
  rows: number;
}

/** Anything with an `aborted` flag, such as an AbortSignal. */
export interface CancelFlag {
  readonly aborted: boolean;
}

export interface ParseCsvOptions {
  /** Named in every error message. */
  fileName: string;
  /** Detected among `,` `;` tab `|` when absent. */
  delimiter?: CsvDelimiter;
  /** Detected when absent: the first line is a header unless one of its fields is a number. */
  header?: boolean;
  /** Read `,` as a decimal mark; defaults to true for `;` files. */
  decimalComma?: boolean;
  /** Storage for numeric columns; by default float64 up to 8M cells, float32 above. */
  precision?: 'float64' | 'float32';
  onProgress?: (progress: CsvProgress) => void;
  signal?: CancelFlag;
  /** Rows between progress calls and cancellation checks (default 4096). */
  progressEvery?: number;
}
