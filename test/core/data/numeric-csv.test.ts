import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-core/contract/api-error';
import { numericColumns, readSimpleCsv } from '../../../src-core/data/numeric-csv';

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected an error');
}

describe('readSimpleCsv', () => {
  it('reads a header and rows, skipping blank lines, CRLF and a BOM, and keeps each row\'s line', () => {
    const csv = readSimpleCsv('\uFEFFa, "b" ,c\r\n1,2,x\r\n\r\n 3 ,-4.5e1,y\r\n', 'f.csv');
    expect(csv.header).toEqual(['a', 'b', 'c']);
    expect(csv.cells).toEqual([['1', '2', 'x'], ['3', '-4.5e1', 'y']]);
    expect(Array.from(csv.rowLines)).toEqual([2, 4]);
    expect(Array.from(numericColumns(csv, ['b', 'a']))).toEqual([2, 1, -45, 3]);
  });

  it('points at a cell that is not a number, by line and character column', () => {
    const csv = readSimpleCsv('a,b\n1,2\n3,  0x10\n', 'f.csv');
    const error = errorOf(() => numericColumns(csv, ['a', 'b']));
    expect([error.file, error.line, error.column]).toEqual(['f.csv', 3, 5]);
    expect(error.message).toBe('"0x10" in column "b" is not a number');
    const empty = errorOf(() => numericColumns(readSimpleCsv('a,b\n1,\n', 'f.csv'), ['b']));
    expect([empty.line, empty.column, empty.message]).toEqual([2, 3, 'empty cell in column "b"']);
  });

  it('refuses ragged rows, an empty file, a nameless or repeated column', () => {
    expect(errorOf(() => readSimpleCsv('a,b\n1,2\n3,4,5\n', 'f.csv')).message).toBe('this row has 3 cells but the header has 2 columns');
    expect(errorOf(() => readSimpleCsv('a,b\n1,2\n3,4,5\n', 'f.csv')).line).toBe(3);
    expect(errorOf(() => readSimpleCsv('\n\n', 'f.csv')).message).toMatch(/empty/);
    expect(errorOf(() => readSimpleCsv('a,,c\n', 'f.csv')).message).toBe('column 2 of the header has no name');
    expect(errorOf(() => readSimpleCsv('a,b,a\n', 'f.csv')).column).toBe(5);
  });

  it('an unknown column lists the columns the file has', () => {
    const error = errorOf(() => numericColumns(readSimpleCsv('a,b\n1,2\n', 'f.csv'), ['z']));
    expect(error.message).toBe('column "z" is not in the file; its columns are: a, b');
  });
});
