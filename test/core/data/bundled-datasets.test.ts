import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inferColumns } from '../../../src-core/data/columns/infer-columns';
import { parseCsv } from '../../../src-core/data/csv/parse-csv';
import { buildDataset } from '../../../src-core/data/preprocess/build-dataset';

const dir = join(__dirname, '../../../resources/datasets');

interface Listed {
  id: string;
  file: string;
  rows: number;
  features: number;
  inputShape: number[];
  target: string;
  classes: string[];
}
const listed = JSON.parse(readFileSync(join(dir, 'datasets.json'), 'utf8')) as Listed[];

describe('bundled datasets', () => {
  it('lists Iris, Wine, Breast Cancer and Digits, each with a README entry', () => {
    expect(listed.map((d) => d.id)).toEqual(['iris', 'wine', 'breast-cancer', 'digits']);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    for (const d of listed) expect(readme).toContain(`\`${d.file}\``);
    expect(readme).toMatch(/licence/i);
  });

  it.each(listed.map((d) => [d.id, d] as const))('%s loads with the listed shape, target and classes', (_id, d) => {
    const table = parseCsv(new Uint8Array(readFileSync(join(dir, d.file))), { fileName: d.file });
    expect(table.header).toBe(true);
    expect(table.rows).toBe(d.rows);
    expect(table.columns).toHaveLength(d.features + 1);
    const plan = inferColumns(table);
    expect(plan.target).toMatchObject({ names: [d.target], task: 'classification', classes: d.classes, missing: 0 });
    expect(plan.columns.filter((c) => c.use === 'feature')).toHaveLength(d.features);
    const built = buildDataset(table, plan, { seed: 1, validation: 0.2 });
    expect(built.training.inputShape).toEqual(d.inputShape);
    expect(built.training.classCount).toBe(d.classes.length);
    expect(built.training.train.rows + built.training.validation!.rows).toBe(d.rows);
  });

  it('reads digits as 8×8 images scaled to [0, 1]', () => {
    const table = parseCsv(new Uint8Array(readFileSync(join(dir, 'digits.csv'))), { fileName: 'digits.csv' });
    const plan = inferColumns(table);
    expect(plan.image).toEqual({ shape: [1, 8, 8], pixelScale: 16 });
    const x = buildDataset(table, plan, { seed: 1 }).training.train.x;
    expect(Math.max(...x)).toBe(1);
    expect(Math.min(...x)).toBe(0);
  });
});
