import { describe, expect, it } from 'vitest';
import { allTags, checkAll, clickCheck, keepListed, noChecks, runsTagged } from '../../../../src-renderer/lib/runs/run-checks';

const order = ['a', 'b', 'c', 'd', 'e'];

describe('run checks', () => {
  it('toggles a run and makes it the anchor', () => {
    const one = clickCheck(noChecks, order, 'b', false);
    expect(one).toEqual({ ids: ['b'], anchor: 'b' });
    expect(clickCheck(one, order, 'b', false)).toEqual({ ids: [], anchor: 'b' });
  });

  it('Shift checks the range from the anchor, either way, keeping other checks', () => {
    let checks = clickCheck(noChecks, order, 'a', false);
    checks = clickCheck(checks, order, 'd', false);
    checks = clickCheck(checks, order, 'b', true);
    expect(new Set(checks.ids)).toEqual(new Set(['a', 'b', 'c', 'd']));
    expect(checks.anchor).toBe('d');
    expect(clickCheck({ ids: [], anchor: null }, order, 'c', true)).toEqual({ ids: ['c'], anchor: 'c' });
  });

  it('checks a sweep or a tag, and unchecks it when all were checked', () => {
    const checks = checkAll({ ids: ['a'], anchor: 'a' }, ['c', 'd']);
    expect(checks.ids).toEqual(['a', 'c', 'd']);
    expect(checkAll(checks, ['c', 'd']).ids).toEqual(['a']);
  });

  it('finds tagged runs and lists tags once, sorted', () => {
    const runs = [{ id: 'a', tags: ['x', 'adam'] }, { id: 'b' }, { id: 'c', tags: ['adam'] }];
    expect(runsTagged(runs, 'adam')).toEqual(['a', 'c']);
    expect(allTags(runs)).toEqual(['adam', 'x']);
  });

  it('drops runs no longer listed', () => {
    expect(keepListed({ ids: ['a', 'z'], anchor: 'z' }, order).ids).toEqual(['a']);
  });
});
