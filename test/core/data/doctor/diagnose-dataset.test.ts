import { describe, expect, it } from 'vitest';
import { inferColumns } from '../../../../src-core/data/columns/infer-columns';
import { parseCsv } from '../../../../src-core/data/csv/parse-csv';
import { diagnoseDataset } from '../../../../src-core/data/doctor/diagnose-dataset';
import type { DatasetReport } from '../../../../src-core/data/doctor/dataset-report';
import { splitRows } from '../../../../src-core/data/split';

function diagnose(lines: string[], split = false): DatasetReport {
  const table = parseCsv(new Uint8Array(Buffer.from(`${lines.join('\n')}\n`)), { fileName: 'd.csv' });
  const plan = inferColumns(table);
  return diagnoseDataset(table, plan, split ? { split: splitRows({ rows: Array.from({ length: table.rows }, (_, i) => i), test: 0.3, seed: 1 }) } : {});
}
const codes = (report: DatasetReport) => report.warnings.map((w) => w.code);

/** 40 rows of clean data: two features on similar scales, a balanced class. */
function clean(): string[] {
  const lines = ['a,b,label'];
  for (let i = 0; i < 40; i++) lines.push(`${((i * 37) % 101) / 10},${((i * 53) % 97) / 10},${['x', 'y'][(i * 7) % 3 === 0 ? 0 : 1]}`);
  return lines;
}

describe('diagnoseDataset', () => {
  it('summarises each column: missing (an infinity among them), min, max, mean, std and a histogram', () => {
    const report = diagnose(['v,label', '1,a', '2,b', '3,a', 'NA,b', '4,a', 'inf,b']);
    const v = report.columns[0]!;
    expect(v).toMatchObject({ name: 'v', missing: 2, nonFinite: 1, min: 1, max: 4, mean: 2.5 });
    expect(v.std).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(v.histogram!.counts.reduce((s, c) => s + c, 0)).toBe(4);
    expect(report.classBalance).toEqual([{ name: 'a', count: 3 }, { name: 'b', count: 3 }]);
    expect(codes(report)).toEqual(expect.arrayContaining(['missing_values', 'non_finite']));
  });

  it('gives clean data no warnings', () => {
    expect(diagnose(clean()).warnings).toEqual([]);
  });

  it('warns about unscaled features', () => {
    const lines = clean().map((line, i) => (i === 0 ? `${line},income` : `${line},${20000 + i * 1234}`));
    const warning = diagnose(lines).warnings.find((w) => w.code === 'unscaled');
    expect(warning?.column).toBe('income');
  });

  it('warns about heavy class imbalance', () => {
    const lines = ['a,label', ...Array.from({ length: 60 }, (_, i) => `${i % 13},${i < 3 ? 'fraud' : 'ok'}`)];
    expect(diagnose(lines).warnings.find((w) => w.code === 'imbalance')?.message).toMatch(/'fraud' has 3 rows, 'ok' 57/);
  });

  it('warns about a feature that copies the class, or nearly copies a regression target', () => {
    const copy = clean().map((line, i) => (i === 0 ? `${line},answer` : `${line},${line.endsWith('x') ? 'X' : 'Y'}`));
    expect(diagnose(copy).warnings.find((w) => w.code === 'leakage')?.column).toBe('answer');
    const reg = ['a,twice,y', ...Array.from({ length: 30 }, (_, i) => `${(i * 7) % 11},${i * 2 + 0.001 * (i % 3)},${i + 0.5}`)];
    expect(diagnose(reg).warnings.find((w) => w.code === 'leakage')?.column).toBe('twice');
  });

  it('warns about an id column', () => {
    const lines = clean().map((line, i) => (i === 0 ? `id,${line}` : `${i},${line}`));
    expect(diagnose(lines).warnings.find((w) => w.code === 'id_column')?.column).toBe('id');
  });

  it('keeps unique integers that are not named or counting the rows, and asks whether they are an id', () => {
    const lines = clean().map((line, i) => (i === 0 ? `age,${line}` : `${20 + ((i * 7) % 40)},${line}`));
    const report = diagnose(lines);
    expect(report.columns.find((c) => c.name === 'age')).toMatchObject({ kind: 'numeric', use: 'feature' });
    const warning = report.warnings.find((w) => w.code === 'possible_id');
    expect(warning?.column).toBe('age');
    expect(warning?.message).toMatch(/'age' holds a different integer in every row \(20\.\.59\): kept as a feature/);
    expect(codes(report)).not.toContain('id_column');
  });

  it('counts duplicated rows and names their lines', () => {
    const lines = [...clean(), clean()[1]!, clean()[1]!];
    const report = diagnose(lines);
    expect(report.duplicateRows).toBe(2);
    expect(report.warnings.find((w) => w.code === 'duplicate_rows')?.message).toMatch(/2 rows repeat an earlier row exactly \(e\.g\. lines 2 and 42\)/);
  });

  it('counts evaluation rows that repeat a training row', () => {
    const lines = [...clean(), ...clean().slice(1)];
    const report = diagnose(lines, true);
    expect(report.overlapRows).toBeGreaterThan(0);
    expect(codes(report)).toContain('train_test_overlap');
    expect(diagnose(clean(), true).overlapRows).toBe(0);
  });
});
