import type { TableColumn } from '../csv/csv-table';

const bits = new Float64Array(1);
const words = new Int32Array(bits.buffer);

/** A 32-bit hash of one row over the given columns (missing values hash alike). */
export function rowHash(columns: TableColumn[], row: number): number {
  let h = 0x811c9dc5 | 0;
  for (const column of columns) {
    const v = column.values[row];
    if (typeof v === 'number') {
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

/** Rows grouped by hash, for finding repeats: hash → table rows. */
export function hashRows(columns: TableColumn[], rows: ArrayLike<number>): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const h = rowHash(columns, row);
    const group = groups.get(h);
    if (group) group.push(row);
    else groups.set(h, [row]);
  }
  return groups;
}
