/**
 * Byte-level text handling for CSV files: encoding detection (UTF-8 with or without BOM, else
 * Windows-1252) and decoding of single fields. src-core has no TextDecoder, and decoding only the
 * fields that are text (numbers are read straight from bytes) is faster anyway.
 */

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

/** Windows-1252's characters for bytes 0x80..0x9F (undefined bytes map to themselves, as browsers do). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

export interface EncodingInfo {
  encoding: CsvEncoding;
  /** Bytes to skip at the start (the BOM). */
  start: number;
  /** True when every byte is below 0x80: fields can then be decoded without any multi-byte logic. */
  ascii: boolean;
}

export type BinaryReason = { offset: number; reason: string };

/** Why the bytes are not text at all (NUL bytes, a UTF-16 BOM), or undefined when they may be. */
export function findBinaryContent(bytes: Uint8Array): BinaryReason | undefined {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { offset: 0, reason: 'the file is UTF-16 text; save it as UTF-8 CSV' };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { offset: nul, reason: 'the file is binary, not CSV text (it contains a NUL byte)' };
  return undefined;
}

/** Index of the first byte >= 0x80 at or after `from`, or -1. Reads four bytes at a time where aligned. */
export function firstNonAscii(bytes: Uint8Array, from = 0): number {
  const n = bytes.length;
  let i = from;
  while (i < n && ((bytes.byteOffset + i) & 3) !== 0) {
    if (bytes[i]! >= 0x80) return i;
    i++;
  }
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, (n - i) >>> 2);
  for (let w = 0; w < words.length; w++) {
    if ((words[w]! & 0x80808080) !== 0) {
      for (let j = i + w * 4; j < i + w * 4 + 4; j++) if (bytes[j]! >= 0x80) return j;
    }
  }
  for (let j = i + words.length * 4; j < n; j++) if (bytes[j]! >= 0x80) return j;
  return -1;
}

/** True when bytes[from..] is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF). */
export function isValidUtf8(bytes: Uint8Array, from: number): boolean {
  const n = bytes.length;
  let i = from;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Lead byte: how many continuation bytes follow, and the smallest code point that needs them.
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (need === 0) return false;
    const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    if (i + need >= n) return false;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

/** Picks the encoding: a UTF-8 BOM, else UTF-8 when every byte sequence is valid, else Windows-1252. */
export function detectEncoding(bytes: Uint8Array): EncodingInfo {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const start = bom ? 3 : 0;
  const high = firstNonAscii(bytes, start);
  if (high < 0) return { encoding: bom ? 'utf-8-bom' : 'utf-8', start, ascii: true };
  if (bom || isValidUtf8(bytes, high)) return { encoding: bom ? 'utf-8-bom' : 'utf-8', start, ascii: false };
  return { encoding: 'windows-1252', start, ascii: false };
}

/** Decodes bytes[start, end) in the given encoding. Invalid UTF-8 (only after a BOM) becomes U+FFFD. */
export function decodeBytes(bytes: Uint8Array, start: number, end: number, encoding: CsvEncoding): string {
  let out = '';
  let i = start;
  if (encoding === 'windows-1252') {
    for (; i < end; i++) {
      const b = bytes[i]!;
      out += String.fromCharCode(b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b);
    }
    return out;
  }
  while (i < end) {
    const b = bytes[i]!;
    if (b < 0x80) {
      // Runs of ASCII are the common case: build them a chunk at a time (apply has an argument limit).
      let j = i + 1;
      while (j < end && j - i < 8192 && bytes[j]! < 0x80) j++;
      out += j - i === 1 ? String.fromCharCode(b) : String.fromCharCode.apply(null, Array.from(bytes.subarray(i, j)));
      i = j;
      continue;
    }
    const need = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : -1;
    if (need < 0 || i + need >= end) {
      out += '\ufffd';
      i++;
      continue;
    }
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) cp = (cp << 6) | (bytes[i + k]! & 0x3f);
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}
