import { describe, expect, it } from 'vitest';
import { runSearchSchema } from '../../../../src-core/contract/runs-api';
import { noFilters, searchArgs } from '../../../../src-renderer/lib/runs/run-search-args';

describe('searchArgs', () => {
  it('is null with no filter set (the whole list shows)', () => {
    expect(searchArgs(noFilters)).toBeNull();
    expect(searchArgs({ text: '   ', status: '', tag: '' })).toBeNull();
  });

  it('sends only the filters set, trimmed, in the shape runs.search accepts', () => {
    const args = searchArgs({ text: '  moons ', status: 'completed', tag: 'baseline' });
    expect(args).toEqual({ text: 'moons', status: ['completed'], tags: ['baseline'] });
    expect(runSearchSchema.safeParse(args).success).toBe(true);
    expect(searchArgs({ text: '', status: '', tag: 'x' })).toEqual({ tags: ['x'] });
  });

  it('cuts a pasted text to the 200 characters the service takes', () => {
    const args = searchArgs({ text: 'a'.repeat(500), status: '', tag: '' });
    expect(args?.text).toHaveLength(200);
    expect(runSearchSchema.safeParse(args).success).toBe(true);
  });
});
