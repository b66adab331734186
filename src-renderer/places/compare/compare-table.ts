import type { ComparisonRow } from '../../../src-core/compare/comparison-table';
import { metricDirection } from '../../../src-core/compare/metric';

export type CompareColumn = 'name' | 'seed' | 'final' | 'best' | 'target' | 'test' | 'seconds';

/** Sorts the comparison table by a column; "ascending" means best first for metric columns, runs without a value last. */
export function sortRows(rows: readonly ComparisonRow[], column: CompareColumn, ascending: boolean): ComparisonRow[] {
  const key = (r: ComparisonRow): number | string | null => {
    const flip = metricDirection(r.metric) === 'max' ? -1 : 1;
    switch (column) {
      case 'name':
        return r.name;
      case 'seed':
        return r.seed;
      case 'final':
        return r.final ? flip * r.final.value : null;
      case 'best':
        return r.best ? flip * r.best.value : null;
      case 'target':
        return r.target ? r.target.seconds : null;
      case 'test':
        // Best first: the higher accuracy, else the lower loss.
        return r.test ? (r.test.accuracy !== undefined ? -r.test.accuracy : r.test.loss) : null;
      case 'seconds':
        return r.trainingSeconds;
    }
  };
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null || kb === null) return ka === kb ? 0 : ka === null ? 1 : -1;
    const order = typeof ka === 'string' ? ka.localeCompare(String(kb)) : ka - (kb as number);
    return ascending ? order : -order;
  });
}

/** A difference or bound in the verdict's units: points with one decimal and a sign, loss values in 3 significant digits. */
export function formatAmount(value: number, unit: 'points' | 'value', signed = false): string {
  if (!Number.isFinite(value)) return '—';
  const sign = signed && value > 0 ? '+' : '';
  if (unit === 'points') return `${sign}${value.toFixed(1)} pt`;
  return `${sign}${Math.abs(value) >= 0.001 || value === 0 ? value.toPrecision(3) : value.toExponential(2)}`;
}

/** A probability as a percentage, never rounding to an impossible 0 % or 100 %. */
export function formatProbability(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p > 0 && p < 0.001) return '< 0.1%';
  if (p < 1 && p > 0.999) return '> 99.9%';
  return `${(p * 100).toFixed(1)}%`;
}

/** A number field's text read: empty is "not set"; otherwise a finite number (≥ `min` when given) or a message. */
export function readNumber(text: string, what: string, min?: number): { value: number | undefined; error?: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: undefined };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { value: undefined, error: `${what} must be a number, not "${trimmed}".` };
  if (min !== undefined && value < min) return { value: undefined, error: `${what} must be at least ${min}.` };
  return { value };
}
