import { describe, expect, it } from 'vitest';
import { inferColumns } from '../../../../src-core/data/columns/infer-columns';
import { parseCsv } from '../../../../src-core/data/csv/parse-csv';
import { applyPreprocessor } from '../../../../src-core/data/preprocess/apply-preprocessor';
import { buildDataset } from '../../../../src-core/data/preprocess/build-dataset';
import { fitPreprocessor } from '../../../../src-core/data/preprocess/fit-preprocessor';
import { parsePreprocessorState } from '../../../../src-core/data/preprocess/preprocessor-schema';
import type { PreprocessorState } from '../../../../src-core/data/preprocess/preprocessor-state';

const read = (text: string, fileName = 'train.csv') => parseCsv(new Uint8Array(Buffer.from(text)), { fileName });
const train = read('size,color,label\n1,red,a\n2,blue,b\n3,red,a\n,green,b\n100,blue,a\n');
const plan = inferColumns(train);
const roundTrip = (state: PreprocessorState): PreprocessorState => JSON.parse(JSON.stringify(state)) as PreprocessorState;

describe('fitPreprocessor / applyPreprocessor', () => {
  it('fits scaling on the training rows only', () => {
    const state = fitPreprocessor(train, plan, [0, 1, 2], { scale: 'standard', missing: 'mean' });
    const size = state.features[0]!;
    expect(size).toMatchObject({ kind: 'numeric', offset: 2, fill: 2 });
    expect((size as { scale: number }).scale).toBeCloseTo(Math.sqrt(2 / 3), 12);
    const minmax = fitPreprocessor(train, plan, [0, 1, 2], { scale: 'minmax' }).features[0]!;
    expect(minmax).toMatchObject({ offset: 1, scale: 2 });
    const perColumn = fitPreprocessor(train, plan, [0, 1, 2], { scale: 'standard', columnScale: { size: 'none' } }).features[0]!;
    expect(perColumn).toMatchObject({ scaling: 'none', offset: 0, scale: 1 });
  });

  it('standardizes, one-hot encodes and maps classes to indices', () => {
    const state = fitPreprocessor(train, plan, [0, 1, 2, 4], { scale: 'none', missing: 'drop' });
    expect(state.inputShape).toEqual([3]);
    expect(state.featureNames).toEqual(['size', 'color=blue', 'color=red']);
    const { data, rows, report } = applyPreprocessor(state, train);
    // Row 3 has no size: dropped under the drop policy. Green was never seen in training rows.
    expect(Array.from(rows)).toEqual([0, 1, 2, 4]);
    expect(report.droppedRows).toBe(1);
    expect(report.droppedLines).toEqual([5]);
    expect(Array.from(data.x)).toEqual([1, 0, 1, 2, 1, 0, 3, 0, 1, 100, 1, 0]);
    expect(Array.from(data.y)).toEqual([0, 1, 0, 0]);
  });

  it('imputes mean, median or most frequent values', () => {
    const table = read('v,label\n1,a\n2,b\n2,a\n10,b\nNA,a\n');
    const p = inferColumns(table);
    const x = (missing: 'mean' | 'median' | 'most_frequent') =>
      applyPreprocessor(fitPreprocessor(table, p, [0, 1, 2, 3, 4], { scale: 'none', missing }), table).data.x[4];
    expect(x('mean')).toBe(3.75);
    expect(x('median')).toBe(2);
    expect(x('most_frequent')).toBe(2);
  });

  it('applies exactly the same transform to a new file after a JSON round trip, reporting unseen categories', () => {
    const state = roundTrip(fitPreprocessor(train, plan, [0, 1, 2, 4], { scale: 'standard', missing: 'mean' }));
    const fresh = read('label,size,color,extra\na,2,purple,9\nb,3,red,1\n', 'new.csv');
    const again = applyPreprocessor(state, fresh);
    const size = state.features[0] as { offset: number; scale: number };
    expect(again.data.x[0]).toBeCloseTo((2 - size.offset) / size.scale, 6);
    expect(Array.from(again.data.x.subarray(1, 3))).toEqual([0, 0]); // purple: all zeros
    expect(again.report.unseen).toEqual([{ column: 'color', value: 'purple', count: 1, firstLine: 2 }]);
  });

  it('predicts on a file without the target, and refuses one without a feature column', () => {
    const state = fitPreprocessor(train, plan, [0, 1, 2, 4]);
    const applied = applyPreprocessor(state, read('size,color\n5,red\n', 'predict.csv'));
    expect(applied.data.rows).toBe(1);
    expect(applied.data.y.length).toBe(0);
    expect(() => applyPreprocessor(state, read('color,label\nred,a\n', 'predict.csv'))).toThrow(/predict\.csv: there is no column 'size'/);
  });

  it('reports and skips a class never seen in training', () => {
    const state = fitPreprocessor(train, plan, [0, 1, 2, 4]);
    const applied = applyPreprocessor(state, read('size,color,label\n5,red,a\n6,red,zebra\n', 'more.csv'));
    expect(applied.data.rows).toBe(1);
    expect(applied.report.unseen).toEqual([{ column: 'label', value: 'zebra', count: 1, firstLine: 3 }]);
  });
});

describe('buildDataset', () => {
  const lines = ['x1,x2,label'];
  for (let i = 0; i < 100; i++) lines.push(`${i / 2},${i % 7},${i % 4 === 0 ? 'rare' : 'common'}`);
  const table = read(`${lines.join('\n')}\n`);
  const p = inferColumns(table);

  it('splits stratified and seeded, and fits on the training part only', () => {
    const a = buildDataset(table, p, { seed: 7, validation: 0.2, test: 0.1 });
    const b = buildDataset(table, p, { seed: 7, validation: 0.2, test: 0.1 });
    expect(Array.from(a.split.train)).toEqual(Array.from(b.split.train));
    expect(a.split.train.length + a.split.validation.length + a.split.test.length).toBe(100);
    const rareIn = (rows: Int32Array) => Array.from(rows).filter((r) => r % 4 === 0).length;
    expect(rareIn(a.split.validation)).toBe(5); // 25 rare rows × 0.2
    expect(rareIn(a.split.test)).toBe(3); // round(25 × 0.1)
    const trainX1 = Array.from(a.split.train, (row) => row / 2);
    const mean = trainX1.reduce((s, v) => s + v, 0) / trainX1.length;
    expect((a.preprocessor.features[0] as { offset: number }).offset).toBeCloseTo(mean, 10);
    expect(a.training).toMatchObject({ inputShape: [2], task: 'classification', classCount: 2 });
    expect(a.training.validation?.rows).toBe(a.split.validation.length);
    expect(a.test?.rows).toBe(a.split.test.length);
  });
});

describe('parsePreprocessorState', () => {
  it('accepts a fitted state read back from JSON and refuses a damaged one, naming the field', () => {
    const state = roundTrip(fitPreprocessor(train, plan, [0, 1, 2, 4], { missing: 'median' }));
    expect(parsePreprocessorState(state, 'model.json')).toEqual(state);
    const damaged = { ...state, features: [{ ...state.features[0]!, scale: 0 }, ...state.features.slice(1)] };
    expect(() => parsePreprocessorState(damaged, 'model.json')).toThrow(/model\.json: preprocess\.features\.0\.scale: must not be 0/);
    expect(() => parsePreprocessorState({ ...state, version: 2 }, 'model.json')).toThrow(/preprocess\.version/);
  });
});
