import { describe, expect, it } from 'vitest';
import type { ComparisonRow } from '../../../../src-core/compare/comparison-table';
import { formatAmount, formatProbability, readNumber, sortRows } from '../../../../src-renderer/places/compare/compare-table';

const row = (name: string, final: number | null, seconds: number): ComparisonRow => ({
  runId: name,
  name,
  seed: 1,
  metric: 'valAccuracy',
  final: final === null ? null : { epoch: 10, value: final },
  best: null,
  epochs: 10,
  trainingSeconds: seconds,
});

describe('comparison table', () => {
  it('sorts a metric best first (higher accuracy first), runs without a value last either way', () => {
    const rows = [row('a', 0.8, 3), row('b', null, 1), row('c', 0.9, 2)];
    expect(sortRows(rows, 'final', true).map((r) => r.name)).toEqual(['c', 'a', 'b']);
    expect(sortRows(rows, 'final', false).map((r) => r.name)).toEqual(['a', 'c', 'b']);
    expect(sortRows(rows, 'seconds', true).map((r) => r.name)).toEqual(['b', 'c', 'a']);
    expect(sortRows(rows, 'name', false).map((r) => r.name)).toEqual(['c', 'b', 'a']);
  });
  it('sorts by the held-out test score: higher accuracy first, runs without a test split last', () => {
    const rows = [
      { ...row('a', 0.8, 3), test: { rows: 30, loss: 0.3, accuracy: 0.8 } },
      row('b', 0.9, 1),
      { ...row('c', 0.9, 2), test: { rows: 30, loss: 0.2, accuracy: 0.95 } },
    ];
    expect(sortRows(rows, 'test', true).map((r) => r.name)).toEqual(['c', 'a', 'b']);
  });
  it('formats amounts and probabilities', () => {
    expect(formatAmount(1.83, 'points', true)).toBe('+1.8 pt');
    expect(formatAmount(-0.01234, 'value')).toBe('-0.0123');
    expect(formatProbability(0.00001)).toBe('< 0.1%');
    expect(formatProbability(0.5)).toBe('50.0%');
  });
});

describe('readNumber', () => {
  it('reads empty as unset, numbers, and names the field in its message', () => {
    expect(readNumber(' ', 'Margin')).toEqual({ value: undefined });
    expect(readNumber('0.5', 'Margin', 0)).toEqual({ value: 0.5 });
    expect(readNumber('abc', 'Margin').error).toBe('Margin must be a number, not "abc".');
    expect(readNumber('-1', 'Margin', 0).error).toBe('Margin must be at least 0.');
  });
});
