/**
 * Which epochs of a run get a stored snapshot (boundary grid, projection, confusion, histograms, filters,
 * feature maps) within a byte budget: as many as fit, spaced evenly in log(epoch) so early epochs, where the
 * picture changes fastest, are dense and late ones sparse; epoch 1 and the last epoch always. A run that
 * ends early (early stopping, a stop) stores its last epoch too: that is the caller's `isLast`.
 */
export const DEFAULT_SNAPSHOT_BUDGET = 4 * 1024 * 1024;

export interface SnapshotPlanOptions {
  /** Planned epochs. */
  epochs: number;
  /** Bytes one snapshot takes. */
  bytesPerSnapshot: number;
  /** Bytes for all of a run's snapshots (default DEFAULT_SNAPSHOT_BUDGET). */
  budget?: number;
}

/** Ascending epochs (1-based) to snapshot; empty when not even one fits. */
export function planSnapshots(options: SnapshotPlanOptions): Int32Array {
  const { epochs, bytesPerSnapshot } = options;
  const budget = options.budget ?? DEFAULT_SNAPSHOT_BUDGET;
  if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`snapshot plan: epochs must be a positive integer, not ${epochs}`);
  if (!(bytesPerSnapshot > 0)) throw new RangeError(`snapshot plan: bytes per snapshot must be positive, not ${bytesPerSnapshot}`);
  const count = Math.min(epochs, Math.floor(budget / bytesPerSnapshot));
  if (count <= 0) return new Int32Array(0);
  if (count === 1) return Int32Array.of(epochs);
  if (count === epochs) return Int32Array.from({ length: epochs }, (_, i) => i + 1);
  // Log-spaced targets; each pick at least one after the previous and leaving room for those still to come.
  const picks = new Int32Array(count);
  const logEnd = Math.log(epochs);
  for (let i = 0; i < count; i++) {
    const target = Math.round(Math.exp((i * logEnd) / (count - 1)));
    const lowest = i === 0 ? 1 : picks[i - 1]! + 1;
    const highest = epochs - (count - 1 - i);
    picks[i] = Math.min(highest, Math.max(lowest, target));
  }
  return picks;
}

/** Whether to snapshot after `epoch`: planned, or the run's last epoch however it ended. */
export function shouldSnapshot(plan: Int32Array, epoch: number, isLast: boolean): boolean {
  return isLast || planIndex(plan, epoch) >= 0;
}

/** Where `epoch` is in the ascending `plan`, or -1. */
export function planIndex(plan: Int32Array, epoch: number): number {
  let lo = 0;
  let hi = plan.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (plan[mid] === epoch) return mid;
    if (plan[mid]! < epoch) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
