import { describe, expect, it } from 'vitest';
import { formatStat } from '../../../src-renderer/lib/format';

describe('formatStat', () => {
  it('reads a column statistic in about 4 significant digits', () => {
    expect(formatStat(5.843333)).toBe('5.843');
    expect(formatStat(0.765)).toBe('0.765');
    expect(formatStat(150)).toBe('150');
    expect(formatStat(12345)).toBe('12,345');
    expect(formatStat(0)).toBe('0');
  });

  it('uses exponents for very large and very small values, symbols for the rest', () => {
    expect(formatStat(1_234_567)).toBe('1.23e+6');
    expect(formatStat(0.000123)).toBe('1.23e-4');
    expect(formatStat(undefined)).toBe('—');
    expect(formatStat(Number.NaN)).toBe('—');
    expect(formatStat(-Infinity)).toBe('−∞');
  });
});
