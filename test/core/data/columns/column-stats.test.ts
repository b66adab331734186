import { describe, expect, it } from 'vitest';
import { inferColumns } from '../../../../src-core/data/columns/infer-columns';
import { columnStats, numericStats } from '../../../../src-core/data/columns/column-stats';
import { parseCsv } from '../../../../src-core/data/csv/parse-csv';
import type { ParsedTable } from '../../../../src-core/data/csv/csv-table';
import { diagnoseDataset } from '../../../../src-core/data/doctor/diagnose-dataset';
import { rowHash, rowHashes } from '../../../../src-core/data/doctor/row-hash';

/** The statistics the slow way: every figure from its own pass. */
function byHand(values: number[]): { distinct: number; mean: number; std: number; min: number; max: number } {
  const present = values.filter((v) => Number.isFinite(v));
  const mean = present.reduce((a, b) => a + b, 0) / present.length;
  const std = Math.sqrt(present.reduce((a, v) => a + (v - mean) ** 2, 0) / present.length);
  return { distinct: new Set(present).size, mean, std, min: Math.min(...present), max: Math.max(...present) };
}

describe('numericStats (one pass)', () => {
  it.each([
    ['pixels', [0, 255, 3, 3, 0, 17, 255, 128]],
    ['small integers, then a fraction', [1, 2, 2, 3, 4.5, 1, 7]],
    ['small integers, then one too large to count', [5, -3, 5, 1e9, 2, 2]],
    ['large values with a small spread', [1e9 + 1, 1e9 + 2, 1e9 + 2, 1e9 + 5]],
    ['missing and infinite values among them', [NaN, 2, Infinity, 4, NaN, 2]],
  ])('%s: the same distinct count, min, max, mean and std as separate passes', (_, values) => {
    const stats = numericStats(Float64Array.from(values));
    const expected = byHand(values);
    expect(stats.distinct).toBe(expected.distinct + (values.some((v) => v === Infinity || v === -Infinity) ? 1 : 0));
    expect(stats.min).toBe(expected.min);
    expect(stats.max).toBe(expected.max);
    expect(stats.mean).toBeCloseTo(expected.mean, 9);
    expect(stats.std).toBeCloseTo(expected.std, 6);
  });

  it('counts each column afresh: one column\'s values never leak into the next one\'s distinct count', () => {
    expect(numericStats(Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7])).distinct).toBe(8);
    expect(numericStats(Float64Array.from([0, 7, 0, 7])).distinct).toBe(2);
    // Counting stopped half-way (a fraction): what was counted before is cleared too.
    expect(numericStats(Float64Array.from([10, 11, 12, 0.5])).distinct).toBe(4);
    expect(numericStats(Float64Array.from([10, 10, 11])).distinct).toBe(2);
  });
});

describe('the doctor with the stats typing computed', () => {
  /** The same table with fresh arrays: the doctor finds no cached stats and passes over the rows itself. */
  function copyOf(table: ParsedTable): ParsedTable {
    return {
      ...table,
      columns: table.columns.map((c) => (c.type === 'number' ? { ...c, values: c.values.slice() } : { ...c, values: [...c.values] })),
    };
  }

  it('gives the same summaries, histograms and warnings as from the rows themselves', () => {
    const lines = ['a,b,c,label'];
    for (let i = 0; i < 50; i++) lines.push(`${i % 7},${(i * 37) % 256},${i % 5 === 0 ? 'inf' : (i * 0.3).toFixed(1)},${i % 10 === 0 ? 1 : 0}`);
    lines.push(lines[3]!, lines[4]!);
    const table = parseCsv(new TextEncoder().encode(`${lines.join('\n')}\n`), { fileName: 'd.csv' });
    const plan = inferColumns(table);
    const fromStats = diagnoseDataset(table, plan);
    const fromRows = diagnoseDataset(copyOf(table), plan);
    expect(fromStats).toEqual(fromRows);
    expect(fromStats.duplicateRows).toBe(2);
    expect(fromStats.columns[1]!.histogram!.counts.reduce((a, b) => a + b, 0)).toBe(52);
    expect(columnStats(table.columns[0]!).valueCounts?.counts.length).toBe(7);
  });

  it('hashes rows column by column exactly as one row at a time (the train/test overlap check mixes both)', () => {
    const text = new TextEncoder().encode('x,y,t\n1,a,2.5\n,b,nan\n3,,inf\n1,a,2.5\n0.1,c,-0.5\n');
    const rows = [0, 1, 2, 3, 4];
    for (const precision of ['float64', 'float32'] as const) {
      const table = parseCsv(text, { fileName: 'h.csv', precision });
      const hashes = Array.from(rowHashes(table.columns, rows));
      expect(hashes).toEqual(rows.map((r) => rowHash(table.columns, r)));
      expect(hashes[3]).toBe(hashes[0]);
      expect(new Set(hashes).size).toBe(4);
      // A subset of rows in another order hashes the same way.
      expect(Array.from(rowHashes(table.columns, [4, 1]))).toEqual([hashes[4], hashes[1]]);
    }
  });
});
