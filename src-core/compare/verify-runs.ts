import type { EpochMetrics } from '../contract/training';
import type { RunMetrics, RunWithConfig } from './run-input';
import { configKey } from './seed-groups';

/** The first place two runs' metrics differ. */
export interface MetricMismatch {
  epoch: number;
  field: string;
  a: number | undefined;
  b: number | undefined;
}

export interface Verification {
  identical: boolean;
  /** Epochs compared (the longer run's count when lengths differ). */
  epochs: number;
  firstDifference: MetricMismatch | null;
  sentence: string;
}

/** Fields that hold the wall clock, which no re-run reproduces. */
const wallClock = new Set(['seconds', 'elapsed']);

/**
 * "Verify": whether a re-run's metrics came out bit-identical to the original's: every epoch, every recorded field
 * except the wall-clock ones (`seconds`, and `elapsed` where `withElapsed` added it), compared with Object.is (NaN equals NaN, 0 and −0 differ: bits, not values).
 */
export function verifyRuns(original: RunMetrics, rerun: RunMetrics): Verification {
  const a = byEpoch(original.metrics);
  const b = byEpoch(rerun.metrics);
  const epochs = Math.max(a.length, b.length);
  let first: MetricMismatch | null = null;
  for (let i = 0; i < epochs && !first; i++) {
    const ma = a[i] as Partial<Record<string, number>> | undefined;
    const mb = b[i] as Partial<Record<string, number>> | undefined;
    if (!ma || !mb) {
      first = { epoch: (ma ?? mb)!.epoch!, field: 'epoch', a: ma?.epoch, b: mb?.epoch };
      break;
    }
    const fields = [...new Set([...Object.keys(ma), ...Object.keys(mb)])].filter((f) => !wallClock.has(f)).sort();
    for (const field of fields) {
      if (!Object.is(ma[field], mb[field])) {
        first = { epoch: ma.epoch!, field, a: ma[field], b: mb[field] };
        break;
      }
    }
  }
  const sentence = first
    ? first.field === 'epoch'
      ? `Not identical: ${original.name} has ${a.length} epochs and ${rerun.name} has ${b.length}.`
      : `Not identical: at epoch ${first.epoch}, ${first.field} is ${String(first.a)} in ${original.name} and ${String(first.b)} in ${rerun.name}.`
    : `Bit-identical: all ${epochs} epochs of ${original.name} and ${rerun.name} have the same metrics (wall-clock time aside).`;
  return { identical: first === null, epochs, firstDifference: first, sentence };
}

function byEpoch(metrics: readonly EpochMetrics[]): EpochMetrics[] {
  return [...metrics].sort((x, y) => x.epoch - y.epoch);
}

/** A verification of run `b` against run `a`. */
export type RepeatVerification = { a: string; b: string } & Verification;

/**
 * Runs with the same config and the same seed (a run and its re-runs) should be bit-identical: each such run is
 * verified against the first of its kind, in the order given.
 */
export function verifyRepeats(runs: readonly RunWithConfig[]): RepeatVerification[] {
  const firsts = new Map<string, RunWithConfig>();
  const checks: RepeatVerification[] = [];
  for (const run of runs) {
    const key = `${run.seed} ${configKey(run)}`;
    const first = firsts.get(key);
    if (!first) firsts.set(key, run);
    else checks.push({ a: first.id, b: run.id, ...verifyRuns(first, run) });
  }
  return checks;
}
