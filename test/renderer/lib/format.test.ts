import { describe, expect, it } from 'vitest';
import { formatLoss, formatPercent, formatSeconds } from '../../../src-renderer/lib/format';

describe('format', () => {
  it('shows accuracy as a percentage with one decimal, and a dash when there is none', () => {
    expect(formatPercent(0.98765)).toBe('98.8%');
    expect(formatPercent(undefined)).toBe('—');
  });

  it('shows losses with four decimals, exponents when tiny, and says so when they are not finite', () => {
    expect(formatLoss(0.123456)).toBe('0.1235');
    expect(formatLoss(0.00001234)).toBe('1.23e-5');
    expect(formatLoss(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });

  it('shows durations in ms, seconds or minutes', () => {
    expect(formatSeconds(0.0421)).toBe('42 ms');
    expect(formatSeconds(3.26)).toBe('3.3 s');
    expect(formatSeconds(125)).toBe('2 min 5 s');
  });
});
