import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src-core/contract/api-error';
import type { InferOptions } from '../../../../src-core/data/columns/infer-options';
import { inferColumns } from '../../../../src-core/data/columns/infer-columns';
import { parseCsv } from '../../../../src-core/data/csv/parse-csv';

const table = (text: string) => parseCsv(new Uint8Array(Buffer.from(text)), { fileName: 'people.csv' });
const plan = (text: string, options: InferOptions = {}) => inferColumns(table(text), options);
const column = (p: ReturnType<typeof plan>, name: string) => p.columns.find((c) => c.name === name)!;

/** 30 rows with one column of each kind. */
function mixed(): string {
  const lines = ['id,age,member,color,comment,country,notes,score'];
  for (let i = 0; i < 30; i++) {
    lines.push(
      [
        i + 1,
        20 + ((i * 7) % 40),
        i % 3 === 0 ? 'yes' : 'no',
        ['red', 'green', 'blue'][i % 3],
        `"free text number ${i}, said person ${i * 13}"`,
        'NZ',
        i < 20 ? '' : 'x',
        (i * 1.5).toFixed(2),
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('bad_input');
    return error as ApiError;
  }
  throw new Error('accepted');
}

describe('inferColumns: typing each column, with the reason', () => {
  const p = plan(mixed());

  it.each([
    ['id', 'id', 'excluded', /id-like/],
    ['age', 'numeric', 'feature', /integers/],
    ['member', 'boolean', 'feature', /boolean: no\/yes/],
    ['color', 'categorical', 'feature', /3 distinct/],
    ['comment', 'text', 'excluded', /free text/],
    ['country', 'constant', 'excluded', /constant: every present value is NZ/],
    ['notes', 'empty', 'excluded', /mostly empty: 67%/],
    ['score', 'numeric', 'target', /target: regression/],
  ])('%s is %s (%s)', (name, kind, use, reason) => {
    const info = column(p, name);
    expect(info.kind).toBe(kind);
    expect(info.use).toBe(use);
    expect(info.reason).toMatch(reason);
  });

  it('keeps statistics and categories for the user', () => {
    expect(column(p, 'color').categories).toEqual(['blue', 'green', 'red']);
    expect(column(p, 'age').min).toBe(20);
    expect(column(p, 'notes').missing).toBe(20);
  });

  it('lets the user override kinds and uses', () => {
    const q = plan(mixed(), { kinds: { age: 'categorical' }, use: { color: 'excluded', id: 'feature' }, target: 'member' });
    expect(column(q, 'age').kind).toBe('categorical');
    expect(column(q, 'color').use).toBe('excluded');
    expect(column(q, 'id').use).toBe('feature');
    expect(q.target).toMatchObject({ names: ['member'], task: 'classification', classes: ['no', 'yes'] });
  });
});

/** `rows` rows of `name` (its values from `value(i)`), a float feature and a 0/1 label. */
function withColumn(name: string, rows: number, value: (i: number) => number): string {
  const lines = [`${name},x,label`];
  for (let i = 0; i < rows; i++) lines.push(`${value(i)},${(i * 0.37).toFixed(2)},${i % 2}`);
  return `${lines.join('\n')}\n`;
}

describe('inferColumns: unique integers are ids only when named so or numbering the rows', () => {
  it('keeps age 20..59 in a 40-row file (a different integer in every row, shuffled) as a feature', () => {
    const age = column(plan(withColumn('age', 40, (i) => 20 + ((i * 7) % 40))), 'age');
    expect(age).toMatchObject({ kind: 'numeric', use: 'feature', min: 20, max: 59 });
    expect(age.reason).toMatch(/a different one in every row \(kept as a feature\)/);
  });

  it('keeps a sorted quantity that does not count the rows (20..59 in file order)', () => {
    expect(column(plan(withColumn('age', 40, (i) => 20 + i)), 'age').kind).toBe('numeric');
  });

  it.each([
    ['0..n−1 in file order', (i: number) => i],
    ['1..n in file order', (i: number) => i + 1],
  ])('excludes an unnamed column that counts the rows %s', (_, value) => {
    const counter = column(plan(withColumn('n', 40, value)), 'n');
    expect(counter).toMatchObject({ kind: 'id', use: 'excluded' });
    expect(counter.reason).toMatch(/numbers the rows/);
  });

  it('keeps 1..n out of file order (a permutation is not a row count)', () => {
    expect(column(plan(withColumn('n', 40, (i) => ((i * 7) % 40) + 1)), 'n').kind).toBe('numeric');
  });

  it.each(['id', 'user_id', 'userId', 'index', 'row', 'key', '#', 'uuid', 'row_no'])('excludes unique integers named %s', (name) => {
    const named = column(plan(withColumn(name, 40, (i) => 1000 + ((i * 7) % 40) * 3)), name);
    expect(named).toMatchObject({ kind: 'id', use: 'excluded' });
    expect(named.reason).toMatch(/named/);
  });
});

describe('inferColumns: target and task', () => {
  it('prefers a column named label, target, class or y over the last column', () => {
    expect(plan('a,Class,b\n1,x,2\n3,y,4\n').target.names).toEqual(['Class']);
    expect(plan('a,b,y,c\n1,2,3,4\n5,6,7,8\n').target.names).toEqual(['y']);
    expect(plan('a,b,c\n1,2,3\n5,6,7\n').target.names).toEqual(['c']);
  });

  it('reads few distinct integers as classes, in numeric order, and floats as regression', () => {
    const p = plan('x,label\n1,10\n2,9\n3,10\n4,2\n');
    expect(p.target.task).toBe('classification');
    expect(p.target.classes).toEqual(['2', '9', '10']);
    expect(plan('x,t\n1,0.5\n2,1.5\n').target.task).toBe('regression');
  });

  it('keeps class names sorted, or in the order the config fixes', () => {
    expect(plan('x,animal\n1,dog\n2,cat\n3,emu\n').target.classes).toEqual(['cat', 'dog', 'emu']);
    expect(plan('x,animal\n1,dog\n2,cat\n3,emu\n', { classes: ['emu', 'dog', 'cat'] }).target.classes).toEqual(['emu', 'dog', 'cat']);
  });

  it('refuses a listed class order that misses a value, naming the line', () => {
    const error = refusal(() => plan('x,animal\n1,dog\n2,cat\n3,emu\n', { classes: ['dog', 'cat'] }));
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/'emu' is not one of the classes/);
  });

  it('lets the task be overridden, and refuses text as a regression target', () => {
    expect(plan('x,label\n1,10\n2,9\n', { task: 'regression' }).target.task).toBe('regression');
    expect(refusal(() => plan('x,label\n1,a\n2,b\n', { task: 'regression' })).message).toMatch(/holds text/);
  });

  it('makes several targets multi-label (0/1) or multi-output regression', () => {
    const ml = plan('x,a,b\n1,0,1\n2,1,1\n3,0,0\n', { target: ['a', 'b'] });
    expect(ml.target).toMatchObject({ task: 'multilabel', classes: ['a', 'b'] });
    expect(plan('x,a,b\n1,0.5,1\n2,1,2\n', { target: ['a', 'b'] }).target.task).toBe('regression');
  });

  it('refuses a target with one class, naming the file, column and reason', () => {
    const error = refusal(() => plan('x,label\n1,cat\n2,cat\n3,cat\n'));
    expect(error.file).toBe('people.csv');
    expect(error.column).toBe(2);
    expect(error.message).toMatch(/one class \('cat'\)/);
  });

  it('refuses an unknown target column', () => {
    expect(refusal(() => plan('a,b\n1,2\n3,4\n', { target: 'nope' })).field).toBe('target');
  });

  it('counts rows whose target is missing', () => {
    expect(plan('x,label\n1,a\n2,\n3,b\n').target.missing).toBe(1);
  });
});

describe('inferColumns: images in CSV', () => {
  function images(header: boolean, pixels: number, rows = 12): string {
    const lines = header ? [['label', ...Array.from({ length: pixels }, (_, i) => `pixel${i + 1}`)].join(',')] : [];
    for (let r = 0; r < rows; r++) lines.push([r % 3, ...Array.from({ length: pixels }, (_, i) => (r * 31 + i * 7) % 256)].join(','));
    return `${lines.join('\n')}\n`;
  }

  it('recognises a label plus 784 pixels as 1×28×28, scaled by 1/255', () => {
    const p = plan(images(true, 784));
    expect(p.image).toEqual({ shape: [1, 28, 28], pixelScale: 255 });
    expect(p.columns.filter((c) => c.use === 'feature')).toHaveLength(784);
  });

  it('finds the label first in a headerless MNIST-style file', () => {
    const p = plan(images(false, 64));
    expect(p.target.names).toEqual(['column1']);
    expect(p.image?.shape).toEqual([1, 8, 8]);
  });

  it('takes a C×H×W shape from the user, and refuses one that does not fit', () => {
    expect(plan(images(true, 48), { imageShape: [3, 4, 4] }).image?.shape).toEqual([3, 4, 4]);
    expect(refusal(() => plan(images(true, 48), { imageShape: [3, 5, 5] })).field).toBe('imageShape');
  });

  it('does not call a few numeric columns an image', () => {
    expect(plan('a,b,c,d,label\n1,2,3,4,0\n5,6,7,8,1\n').image).toBeUndefined();
  });
});
