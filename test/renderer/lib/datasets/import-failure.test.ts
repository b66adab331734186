import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src-core/contract/api-error';
import { describeImportFailure, isCancelledImport } from '../../../../src-renderer/lib/datasets/import-failure';

describe('describeImportFailure', () => {
  it('splits the service’s message into file, place and reason', () => {
    const error = new ApiError({ code: 'bad_input', message: 'ragged.csv: line 3, column 3: this row has 2 fields, the header has 3', file: 'ragged.csv', line: 3, column: 3 });
    expect(describeImportFailure(error, 'upload.csv')).toEqual({ fileName: 'ragged.csv', place: 'line 3, column 3', reason: 'This row has 2 fields, the header has 3' });
  });

  it('has no place for a reason about the whole file', () => {
    const error = new ApiError({ code: 'bad_input', message: "one-class.csv: the target 'label' has one class ('x'): a classifier needs at least two", file: 'one-class.csv' });
    expect(describeImportFailure(error, 'one-class.csv')).toEqual({
      fileName: 'one-class.csv',
      place: null,
      reason: "The target 'label' has one class ('x'): a classifier needs at least two",
    });
  });

  it('names the picked file when the error does not, and never shows a stack', () => {
    const failure = describeImportFailure(new Error('socket closed'), 'mine.csv');
    expect(failure).toEqual({ fileName: 'mine.csv', place: null, reason: 'Socket closed' });
    expect(describeImportFailure(new ApiError({ code: 'internal', message: '  ' }), 'x.csv').reason).toBe('Something went wrong.');
  });

  it('gives a line without a column', () => {
    const error = new ApiError({ code: 'bad_input', message: 'image.csv: line 3: the file is binary, not CSV text (it contains a NUL byte)', file: 'image.csv', line: 3 });
    expect(describeImportFailure(error, 'image.csv')).toMatchObject({ place: 'line 3', reason: 'The file is binary, not CSV text (it contains a NUL byte)' });
  });
});

describe('isCancelledImport', () => {
  it('recognises the service’s cancellation and nothing else', () => {
    expect(isCancelledImport(new ApiError({ code: 'conflict', message: 'long.csv: the import was cancelled' }))).toBe(true);
    expect(isCancelledImport({ code: 'conflict', message: 'big.csv: the import was cancelled' })).toBe(true);
    expect(isCancelledImport(new ApiError({ code: 'conflict', message: 'Upload u has 3 bytes' }))).toBe(false);
    expect(isCancelledImport(new ApiError({ code: 'bad_input', message: 'the import was cancelled' }))).toBe(false);
  });
});
