import { describe, expect, it } from 'vitest';
import { emaSmooth } from '../../../src-core/compare/smooth';

describe('emaSmooth', () => {
  it('leaves values unchanged at weight 0 and keeps a constant curve constant', () => {
    expect(emaSmooth([1, 2, null, 4], 0)).toEqual([1, 2, null, 4]);
    for (const v of emaSmooth([3, 3, 3, 3], 0.9)) expect(v).toBeCloseTo(3, 12);
  });
  it('averages with the debiased start and skips nulls', () => {
    const s = emaSmooth([0, 10, null, 10], 0.5);
    expect(s[0]).toBe(0);
    expect(s[1]).toBeCloseTo(5 / 0.75, 12);
    expect(s[2]).toBeNull();
    expect(s[3]).toBeCloseTo(7.5 / 0.875, 12);
  });
});
