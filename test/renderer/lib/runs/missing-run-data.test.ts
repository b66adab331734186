import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src-core/contract/api-error';
import { importLabel, missingRunData } from '../../../../src-renderer/lib/runs/missing-run-data';

describe('missingRunData', () => {
  it("recognises the service's refusal for a run whose data is not stored, with the file it names", () => {
    expect(missingRunData(new ApiError({ code: 'not_found', field: 'datasetHash', file: '/d/digits.csv', message: 'm' }))).toEqual({ file: '/d/digits.csv' });
    expect(missingRunData({ code: 'not_found', field: 'datasetHash', message: 'm' })).toEqual({});
    expect(missingRunData(new ApiError({ code: 'not_found', field: 'id', message: 'm' }))).toBeUndefined();
    expect(missingRunData(new Error('boom'))).toBeUndefined();
  });

  it('labels the action with the file name, or asks for a file', () => {
    expect(importLabel('/d/digits.csv')).toBe('Import digits.csv…');
    expect(importLabel('C:\\data\\wine.csv')).toBe('Import wine.csv…');
    expect(importLabel(undefined)).toBe('Import a file…');
  });
});
