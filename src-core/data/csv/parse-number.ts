/**
 * Numbers straight from bytes. A field is a number only if all of it parses: optional spaces, an
 * optional sign, digits with one decimal mark, an optional exponent. `0x10`, `1,000` (in a comma
 * file), `1_000` and `12abc` are not numbers. `inf`/`infinity` (any case, signed) are infinite numbers, and so is
 * anything beyond float64 (`1e999`, a thousand digits): the reader makes them missing values.
 */

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

const SPACE = 0x20;
const TAB = 0x09;

/** First index in [start, end) that is not a space or tab. */
export function skipBlanks(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && (bytes[start] === SPACE || bytes[start] === TAB)) start++;
  return start;
}

/** One past the last index in [start, end) that is not a space or tab. */
export function trimBlanksEnd(bytes: Uint8Array, start: number, end: number): number {
  while (end > start && (bytes[end - 1] === SPACE || bytes[end - 1] === TAB)) end--;
  return end;
}

function matchesWord(bytes: Uint8Array, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) {
    const b = bytes[start + k]!;
    const lower = b >= 0x41 && b <= 0x5a ? b + 32 : b;
    if (lower !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** Missing-value spellings, compared case-insensitively after trimming: empty, NA, N/A, NaN, null, None, ?, -. */
export const missingSpellings = ['', 'na', 'n/a', 'nan', 'null', 'none', '?', '-'] as const;

export function isMissingBytes(bytes: Uint8Array, start: number, end: number): boolean {
  start = skipBlanks(bytes, start, end);
  end = trimBlanksEnd(bytes, start, end);
  const len = end - start;
  if (len === 0) return true;
  if (len > 4) return false;
  for (const word of missingSpellings) if (matchesWord(bytes, start, end, word)) return true;
  return false;
}

export function isMissingText(text: string): boolean {
  const t = text.trim().toLowerCase();
  return (missingSpellings as readonly string[]).includes(t);
}

/**
 * Parses bytes[start, end) as a whole number, or returns undefined when any of it is not part of one.
 * `decimalComma` accepts `,` as the decimal mark as well as `.` (used for `;`-delimited files).
 */
export function parseNumberBytes(bytes: Uint8Array, start: number, end: number, decimalComma: boolean): number | undefined {
  let i = skipBlanks(bytes, start, end);
  end = trimBlanksEnd(bytes, i, end);
  if (i >= end) return undefined;
  let negative = false;
  let b = bytes[i]!;
  if (b === 0x2d || b === 0x2b) {
    negative = b === 0x2d;
    i++;
    if (i >= end) return undefined;
    b = bytes[i]!;
  }
  if (b === 0x69 || b === 0x49) {
    if (matchesWord(bytes, i, end, 'inf') || matchesWord(bytes, i, end, 'infinity')) {
      return negative ? -Infinity : Infinity;
    }
    return undefined;
  }
  const digitsStart = i;
  let mantissa = 0;
  let significant = 0; // significant digits in mantissa (leading zeros skipped)
  let dropped = 0; // integer digits beyond 15 significant ones
  let fractionDigits = 0;
  let anyDigit = false;
  let exact = true;
  while (i < end) {
    b = bytes[i]!;
    if (b < 0x30 || b > 0x39) break;
    anyDigit = true;
    if (significant < 15) {
      mantissa = mantissa * 10 + (b - 0x30);
      if (mantissa !== 0) significant++;
    } else {
      dropped++;
      exact = false;
    }
    i++;
  }
  if (i < end && (bytes[i] === 0x2e || (decimalComma && bytes[i] === 0x2c))) {
    i++;
    while (i < end) {
      b = bytes[i]!;
      if (b < 0x30 || b > 0x39) break;
      anyDigit = true;
      if (significant < 15) {
        mantissa = mantissa * 10 + (b - 0x30);
        fractionDigits++;
        if (mantissa !== 0) significant++;
      } else exact = false;
      i++;
    }
  }
  if (!anyDigit) return undefined;
  let exponent = 0;
  if (i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
    i++;
    let expNegative = false;
    if (i < end && (bytes[i] === 0x2d || bytes[i] === 0x2b)) {
      expNegative = bytes[i] === 0x2d;
      i++;
    }
    const expStart = i;
    while (i < end && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) {
      if (exponent < 100000) exponent = exponent * 10 + (bytes[i]! - 0x30);
      i++;
    }
    if (i === expStart) return undefined;
    if (expNegative) exponent = -exponent;
  }
  if (i !== end) return undefined;
  const scale = exponent - fractionDigits + dropped;
  // The leading digit's power of ten: beyond float64's range the answer is known without reading every digit
  // (a field of millions of digits would otherwise be copied into a string first).
  const magnitude = significant + scale - 1;
  let value: number;
  if (mantissa === 0 || magnitude < -400) value = 0;
  else if (magnitude > 308) value = Infinity;
  else if (exact && scale >= -22 && scale <= 22) {
    // Clinger's fast path: both operands exact, so one correctly rounded operation.
    value = scale < 0 ? mantissa / POW10[-scale]! : mantissa * POW10[scale]!;
  } else {
    let text = '';
    for (let k = digitsStart; k < end; k++) text += String.fromCharCode(bytes[k] === 0x2c ? 0x2e : bytes[k]!);
    value = Number(text);
  }
  return negative ? -value : value;
}

