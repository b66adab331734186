import { ApiError } from '../../contract/api-error';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * Walks CSV bytes one field at a time (RFC 4180: quoted fields may hold delimiters, `""` and
 * newlines; CRLF, LF and CR all end a record). After `next()`, the field's content is
 * bytes[start, end) with surrounding blanks trimmed and, for a quoted field, without its quotes.
 */
export class CsvScanner {
  pos: number;
  /** 1-based line of `pos`. */
  line = 1;
  start = 0;
  end = 0;
  quoted = false;
  /** The quoted content holds `""` pairs that decode to one `"`. */
  escaped = false;
  /** The field just read was the last of its record. */
  recordEnd = false;

  constructor(
    readonly bytes: Uint8Array,
    readonly delimiter: number,
    readonly fileName: string,
    from: number,
  ) {
    this.pos = from;
  }

  /** True at a record terminator (a blank line); consumes it. */
  skipBlankLine(): boolean {
    const b = this.bytes[this.pos];
    if (b === LF) {
      this.pos++;
      this.line++;
      return true;
    }
    if (b === CR) {
      this.pos += this.bytes[this.pos + 1] === LF ? 2 : 1;
      this.line++;
      return true;
    }
    return false;
  }

  /** Reads one field; `fieldNumber` (1-based) only names the column in error messages. */
  next(fieldNumber: number): void {
    const bytes = this.bytes;
    const n = bytes.length;
    const delimiter = this.delimiter;
    let p = this.pos;
    while (p < n && (bytes[p] === SPACE || (bytes[p] === TAB && delimiter !== TAB))) p++;
    if (p < n && bytes[p] === QUOTE) {
      this.readQuoted(p, fieldNumber);
      return;
    }
    this.quoted = false;
    this.escaped = false;
    this.start = p;
    let b = 0;
    while (p < n) {
      b = bytes[p]!;
      if (b === delimiter || b === LF || b === CR) break;
      p++;
    }
    let e = p;
    while (e > this.start && (bytes[e - 1] === SPACE || (bytes[e - 1] === TAB && delimiter !== TAB))) e--;
    this.end = e;
    this.finish(p, b);
  }

  private readQuoted(open: number, fieldNumber: number): void {
    const bytes = this.bytes;
    const n = bytes.length;
    const startLine = this.line;
    let p = open + 1;
    let escaped = false;
    let close: number;
    for (;;) {
      const q = bytes.indexOf(QUOTE, p);
      if (q < 0) {
        throw new ApiError({
          code: 'bad_input',
          message: `${this.fileName}: line ${startLine}, column ${fieldNumber}: a quoted field is never closed (unterminated quote)`,
          file: this.fileName,
          line: startLine,
          column: fieldNumber,
        });
      }
      if (bytes[q + 1] === QUOTE) {
        escaped = true;
        p = q + 2;
        continue;
      }
      close = q;
      break;
    }
    // Newlines inside the quotes still count as lines of the file.
    for (let k = open + 1; k < close; k++) {
      const c = bytes[k];
      if (c === LF || (c === CR && bytes[k + 1] !== LF)) this.line++;
    }
    this.quoted = true;
    this.escaped = escaped;
    this.start = open + 1;
    this.end = close;
    p = close + 1;
    while (p < n && (bytes[p] === SPACE || (bytes[p] === TAB && this.delimiter !== TAB))) p++;
    const b = p < n ? bytes[p]! : 0;
    if (p < n && b !== this.delimiter && b !== LF && b !== CR) {
      throw new ApiError({
        code: 'bad_input',
        message: `${this.fileName}: line ${this.line}, column ${fieldNumber}: unexpected text after a closing quote (a quote inside a quoted field must be doubled: "")`,
        file: this.fileName,
        line: this.line,
        column: fieldNumber,
      });
    }
    this.finish(p, b);
  }

/**
   * The hot path: reads consecutive fields of row `row` from column `c` on, as long as each is an
   * unquoted plain decimal number (at most 15 significant digits, an exponent small enough to be
   * exact) in a numeric column, storing it in `columns[c][row]`. Returns the next column to read:
   * at a field it could not take, `pos` is that field's start and `recordEnd` is false; at the end
   * of the record `recordEnd` is true. Quotes, text, missing values, long mantissas and infinities
   * are left to `next()`.
   */
  readNumbers(columns: Array<Float64Array | Float32Array>, isText: Uint8Array, row: number, c: number, decimalComma: boolean): number {
    const bytes = this.bytes;
    const delimiter = this.delimiter;
    const n = bytes.length;
    const width = columns.length;
    let p = this.pos;
    this.recordEnd = false;
    this.quoted = false;
    this.escaped = false;
    while (c < width && isText[c] === 0) {
      const fieldStart = p;
      let b = p < n ? bytes[p]! : -1;
      while (b === SPACE || (b === TAB && delimiter !== TAB)) b = ++p < n ? bytes[p]! : -1;
      let negative = false;
      if (b === 0x2d || b === 0x2b) {
        negative = b === 0x2d;
        b = ++p < n ? bytes[p]! : -1;
      }
      let mantissa = 0;
      let digits = 0;
      let scale = 0;
      while (b >= 0x30 && b <= 0x39) {
        mantissa = mantissa * 10 + (b - 0x30);
        digits++;
        b = ++p < n ? bytes[p]! : -1;
      }
      if (b === 0x2e || (decimalComma && b === 0x2c && b !== delimiter)) {
        b = ++p < n ? bytes[p]! : -1;
        while (b >= 0x30 && b <= 0x39) {
          mantissa = mantissa * 10 + (b - 0x30);
          digits++;
          scale--;
          b = ++p < n ? bytes[p]! : -1;
        }
      }
      let simple = digits > 0 && digits <= 15;
      if (simple && (b === 0x65 || b === 0x45)) {
        b = ++p < n ? bytes[p]! : -1;
        let expNegative = false;
        if (b === 0x2d || b === 0x2b) {
          expNegative = b === 0x2d;
          b = ++p < n ? bytes[p]! : -1;
        }
        let exponent = 0;
        let expDigits = 0;
        while (b >= 0x30 && b <= 0x39 && expDigits < 4) {
          exponent = exponent * 10 + (b - 0x30);
          expDigits++;
          b = ++p < n ? bytes[p]! : -1;
        }
        if (expDigits === 0) simple = false;
        scale += expNegative ? -exponent : exponent;
      }
      while (b === SPACE || (b === TAB && delimiter !== TAB)) b = ++p < n ? bytes[p]! : -1;
      if (!simple || (b !== -1 && b !== delimiter && b !== LF && b !== CR) || scale < -22 || scale > 22) {
        this.pos = fieldStart;
        return c;
      }
      // Clinger's fast path: mantissa and power of ten both exact, so one correctly rounded operation.
      const value = scale === 0 ? mantissa : scale < 0 ? mantissa / POW10[-scale]! : mantissa * POW10[scale]!;
      columns[c]![row] = negative ? -value : value;
      c++;
      if (b === delimiter) {
        p++;
        continue;
      }
      // A newline or the end of the bytes ends the record.
      if (b === CR && bytes[p + 1] === LF) p += 2;
      else if (b !== -1) p++;
      if (b !== -1) this.line++;
      this.start = fieldStart;
      this.end = p; // non-empty: the record's last field held a number
      this.pos = p;
      this.recordEnd = true;
      return c;
    }
    this.pos = p;
    return c;
  }

  /** Consumes the terminator at p (byte b): a delimiter, a newline or the end of the bytes. */
  private finish(p: number, b: number): void {
    if (p >= this.bytes.length) {
      this.pos = p;
      this.recordEnd = true;
    } else if (b === this.delimiter) {
      this.pos = p + 1;
      this.recordEnd = false;
    } else {
      this.pos = b === CR && this.bytes[p + 1] === LF ? p + 2 : p + 1;
      this.line++;
      this.recordEnd = true;
    }
  }

  get done(): boolean {
    return this.pos >= this.bytes.length;
  }
}
