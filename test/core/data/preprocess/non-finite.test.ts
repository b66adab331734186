import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src-core/contract/api-error';
import { inferColumns } from '../../../../src-core/data/columns/infer-columns';
import type { ParsedTable } from '../../../../src-core/data/csv/csv-table';
import { parseCsv } from '../../../../src-core/data/csv/parse-csv';
import { applyPreprocessor } from '../../../../src-core/data/preprocess/apply-preprocessor';
import { buildDataset } from '../../../../src-core/data/preprocess/build-dataset';
import { fitPreprocessor } from '../../../../src-core/data/preprocess/fit-preprocessor';

const read = (text: string): ParsedTable => parseCsv(new Uint8Array(Buffer.from(text)), { fileName: 'data.csv' });
const allFinite = (values: Float32Array): boolean => values.every((v) => Number.isFinite(v));

describe('non-finite numbers never reach a network', () => {
  it('treats 1e999 and Infinity as missing: dropped, or imputed, in training and validation rows alike', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i % 9 === 3 ? '1e999' : i % 11 === 5 ? 'Infinity' : i},${i % 5},${i % 2 ? 'a' : 'b'}`);
    const table = read(`u,v,label\n${rows.join('\n')}\n`);
    const plan = inferColumns(table);
    for (const missing of ['drop', 'mean'] as const) {
      const built = buildDataset(table, plan, { validation: 0.3, seed: 1, missing, scale: 'standard' });
      for (const part of [built.training.train, built.training.validation!]) expect(allFinite(part.x) && allFinite(part.y)).toBe(true);
    }
  });

  it('treats an infinite regression target as missing (the row is dropped)', () => {
    const table = read('x,y\n1,2\n2,inf\n3,6\n4,8\n');
    const state = fitPreprocessor(table, inferColumns(table, { target: 'y', task: 'regression' }), [0, 1, 2, 3], { missing: 'mean' });
    const applied = applyPreprocessor(state, table);
    expect(Array.from(applied.data.y)).toEqual([2, 6, 8]);
    expect(applied.report.droppedLines).toEqual([3]);
  });

  it('refuses, naming the file, line and column, a value that is not finite after preprocessing', () => {
    const table = read('x,label\n1,a\n2,b\n1e300,a\n4,b\n');
    const state = fitPreprocessor(table, inferColumns(table), [0, 1, 3], { scale: 'none' });
    let error: unknown;
    try {
      applyPreprocessor(state, table);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ file: 'data.csv', line: 4, column: 1, field: 'x' });
    expect((error as ApiError).message).toMatch(/^data\.csv: line 4, column 1 \('x'\): a feature is Infinity after preprocessing/);
  });
});

describe('buildDataset with a feature column that has no values', () => {
  it('names the column instead of the split', () => {
    const table = read(`a,empty,label\n${Array.from({ length: 20 }, (_, i) => `${(i * 3) % 7},NA,${i % 2 ? 'x' : 'y'}`).join('\n')}\n`);
    const plan = inferColumns(table, { use: { empty: 'feature' } }); // the CLI uses every column it is given
    expect(() => buildDataset(table, plan, { validation: 0.2, seed: 1, missing: 'drop' })).toThrow(
      "data.csv: the feature column 'empty' has no values (every row is missing), so every row is left out: remove it from the features",
    );
  });
});
