import type { TableColumn } from '../csv/csv-table';

const bits = new Float64Array(1);
const words = new Int32Array(bits.buffer);
const bits32 = new Float32Array(1);
const word32 = new Int32Array(bits32.buffer);
/** The float32 word hashed for a missing value (a quiet NaN), whatever NaN the column holds. */
const NAN32 = 0x7fc00000;

/**
 * Float32 columns (large files) hash their 32-bit words, read straight from the column's buffer by
 * `rowHashes`; Float64 columns both words of the double. Either way missing values hash alike.
 */
function float32Word(v: number): number {
  if (v !== v) return NAN32;
  bits32[0] = v;
  return word32[0]!;
}

/** A 32-bit hash of one row over the given columns (missing values hash alike). */
export function rowHash(columns: TableColumn[], row: number): number {
  let h = 0x811c9dc5 | 0;
  for (const column of columns) {
    const v = column.values[row];
    if (column.values instanceof Float32Array) {
      h = Math.imul(h ^ float32Word(v as number), 0x01000193);
    } else if (typeof v === 'number') {
      bits[0] = v === v ? v : NaN;
      h = Math.imul(h ^ words[0]!, 0x01000193);
      h = Math.imul(h ^ words[1]!, 0x01000193);
    } else if (v === null || v === undefined) {
      h = Math.imul(h ^ 0x7ff8, 0x01000193);
    } else {
      for (let k = 0; k < v.length; k++) h = Math.imul(h ^ v.charCodeAt(k), 0x01000193);
      h = Math.imul(h ^ 0xff, 0x01000193);
    }
  }
  return h;
}

/** True when two rows hold the same values in the given columns (missing equals missing). */
export function sameRow(columns: TableColumn[], a: number, b: number): boolean {
  for (const column of columns) {
    const x = column.values[a];
    const y = column.values[b];
    if (x !== y && !(typeof x === 'number' && typeof y === 'number' && x !== x && y !== y)) return false;
  }
  return true;
}

/**
 * `rowHash` of each of the given rows, computed column by column (each column's values read in order,
 * which is far faster on wide tables such as 784 pixel columns than gathering one row across them).
 */
export function rowHashes(columns: TableColumn[], rows: ArrayLike<number>): Int32Array {
  const hashes = new Int32Array(rows.length).fill(0x811c9dc5 | 0); // (rows)
  for (const column of columns) {
    if (column.values instanceof Float32Array) {
      const values = column.values;
      const raw = new Int32Array(values.buffer, values.byteOffset, values.length); // the same bits, as words
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        const v = values[row]!;
        hashes[i] = Math.imul(hashes[i]! ^ (v === v ? raw[row]! : NAN32), 0x01000193);
      }
    } else if (column.type === 'number') {
      const values = column.values;
      for (let i = 0; i < rows.length; i++) {
        const v = values[rows[i]!]!;
        bits[0] = v === v ? v : NaN;
        let h = Math.imul(hashes[i]! ^ words[0]!, 0x01000193);
        h = Math.imul(h ^ words[1]!, 0x01000193);
        hashes[i] = h;
      }
    } else {
      for (let i = 0; i < rows.length; i++) {
        const v = column.values[rows[i]!];
        let h = hashes[i]!;
        if (v === null || v === undefined) h = Math.imul(h ^ 0x7ff8, 0x01000193);
        else {
          for (let k = 0; k < v.length; k++) h = Math.imul(h ^ v.charCodeAt(k), 0x01000193);
          h = Math.imul(h ^ 0xff, 0x01000193);
        }
        hashes[i] = h;
      }
    }
  }
  return hashes;
}

/** Rows grouped by hash, for finding repeats: hash → table rows. */
export function hashRows(columns: TableColumn[], rows: ArrayLike<number>): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  const hashes = rowHashes(columns, rows);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const h = hashes[i]!;
    const group = groups.get(h);
    if (group) group.push(row);
    else groups.set(h, [row]);
  }
  return groups;
}
