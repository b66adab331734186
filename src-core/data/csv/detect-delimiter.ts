import type { CsvDelimiter } from './csv-table';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Candidates in the order that wins a tie: a `;` or tab that splits every line evenly beats a `,`. */
const candidates: Array<[CsvDelimiter, number]> = [
  [';', 0x3b],
  ['\t', 0x09],
  ['|', 0x7c],
  [',', 0x2c],
];

/**
 * Picks the delimiter from the first records (up to 64 KB, at most 50 records): the candidate that
 * occurs the same, non-zero number of times outside quotes on the most lines. `,` when none occurs.
 */
export function detectDelimiter(bytes: Uint8Array, from: number): CsvDelimiter {
  const limit = Math.min(bytes.length, from + 65536);
  const perRecord: number[][] = [];
  let counts = [0, 0, 0, 0];
  let inQuotes = false;
  let complete = true;
  let p = from;
  for (; p < limit && perRecord.length < 50; p++) {
    const b = bytes[p]!;
    if (b === QUOTE) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (b === LF || b === CR) {
      if (b === CR && bytes[p + 1] === LF) p++;
      perRecord.push(counts);
      counts = [0, 0, 0, 0];
    } else {
      for (let k = 0; k < 4; k++) if (b === candidates[k]![1]) counts[k]!++;
    }
  }
  if (p >= limit && limit < bytes.length) complete = false;
  if (complete && counts.some((c) => c > 0)) perRecord.push(counts);
  if (perRecord.length === 0) perRecord.push(counts);
  let best: CsvDelimiter = ',';
  let bestScore = 0;
  for (let k = 0; k < 4; k++) {
    const tally = new Map<number, number>();
    for (const record of perRecord) tally.set(record[k]!, (tally.get(record[k]!) ?? 0) + 1);
    let modeCount = 0;
    let modeLines = 0;
    for (const [count, lines] of tally) {
      if (count > 0 && (lines > modeLines || (lines === modeLines && count > modeCount))) {
        modeCount = count;
        modeLines = lines;
      }
    }
    const score = modeLines / perRecord.length;
    if (modeCount > 0 && score > bestScore) {
      best = candidates[k]![0];
      bestScore = score;
    }
  }
  return best;
}
