import type { RunDraft } from '../contract/runs-api';

/**
 * What every Learn explorer hands the view besides its numbers: the few sentences beside the figure and
 * the set-up "open in the workbench" starts (a bundled dataset's id, a model spec and a train config).
 */
export interface Explanation {
  title: string;
  /** A few sentences, in the lab's own words. */
  text: string;
  /** The formula that helps, in plain Unicode. */
  formula?: string;
}

/** A run the workbench can start as it is: `runs.start`'s draft. */
export type WorkbenchSetup = RunDraft;

/** n evenly spaced values from lo to hi, both ends included: (n). */
export function linspace(lo: number, hi: number, n: number): Float64Array {
  if (!(n >= 2) || !Number.isInteger(n)) throw new RangeError(`a grid needs an integer number of points of at least 2, not ${n}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + ((hi - lo) * i) / (n - 1);
  return out;
}

/** Population standard deviation of finite values (0 for none). */
export function stdOf(values: ArrayLike<number>): number {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) { n++; sum += values[i]!; }
  if (n === 0) return 0;
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) sq += (values[i]! - mean) ** 2;
  return Math.sqrt(sq / n);
}
