import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src-core/contract/api-error';
import { describeError } from '../../../../src-renderer/lib/errors/describe-error';

describe('describeError', () => {
  it('says where a file error is', () => {
    const error = new ApiError({ code: 'bad_input', message: 'Not a number: "abc"', file: 'data.csv', line: 3, column: 7 });
    expect(describeError(error)).toBe('Not a number: "abc" (data.csv:3:7)');
  });

  it('names the field unless the message already does', () => {
    expect(describeError(new ApiError({ code: 'invalid_args', message: 'Too big', field: 'train.epochs' }))).toBe(
      'Too big (field train.epochs)',
    );
    expect(
      describeError(new ApiError({ code: 'invalid_args', message: 'train.epochs: Too big', field: 'train.epochs' })),
    ).toBe('train.epochs: Too big');
  });

  it('keeps only the message of an unexpected error, never its stack', () => {
    const text = describeError(new TypeError('x is undefined'));
    expect(text).toBe('x is undefined');
    expect(text).not.toMatch(/\bat\b.*:\d+/);
  });
});
