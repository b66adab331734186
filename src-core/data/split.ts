import { ApiError } from '../contract/api-error';
import { Random } from './random';

/** Row indices of each part of a dataset, each in ascending order. */
export interface RowSplit {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

export interface SplitOptions {
  /** The rows to share out (table row indices). */
  rows: ArrayLike<number>;
  /** Fractions in [0, 1); together below 1. */
  validation?: number;
  test?: number;
  seed: number;
  /** A class index per entry of `rows`: each class is split in the same proportions. */
  strata?: ArrayLike<number>;
}

function checkFraction(value: number, field: string): void {
  if (!(value >= 0 && value < 1)) {
    throw new ApiError({ code: 'bad_input', message: `${field} must be a fraction in [0, 1), got ${value}`, field });
  }
}

function shuffle(indices: number[], rng: Random): void {
  for (let i = indices.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = indices[i]!;
    indices[i] = indices[j]!;
    indices[j] = t;
  }
}

/**
 * Shares rows into train, validation and test: seeded (the same seed gives the same split), and
 * stratified when `strata` is given, so each part keeps the class proportions.
 */
export function splitRows(options: SplitOptions): RowSplit {
  const validation = options.validation ?? 0;
  const test = options.test ?? 0;
  checkFraction(validation, 'validation');
  checkFraction(test, 'test');
  if (validation + test >= 1) {
    throw new ApiError({ code: 'bad_input', message: `validation + test must leave rows to train on (got ${validation} + ${test})`, field: 'validation' });
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < options.rows.length; i++) {
    const key = options.strata ? options.strata[i]! : 0;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(options.rows[i]!);
  }
  const rng = new Random(options.seed);
  const parts: { train: number[]; validation: number[]; test: number[] } = { train: [], validation: [], test: [] };
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const group = groups.get(key)!;
    shuffle(group, rng);
    const nTest = Math.round(group.length * test);
    const nValidation = Math.round(group.length * validation);
    group.forEach((row, k) => (k < nTest ? parts.test : k < nTest + nValidation ? parts.validation : parts.train).push(row));
  }
  const sorted = (rows: number[]): Int32Array => Int32Array.from(rows).sort();
  return { train: sorted(parts.train), validation: sorted(parts.validation), test: sorted(parts.test) };
}
