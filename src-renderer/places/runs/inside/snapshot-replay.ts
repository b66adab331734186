import type { RunSnapshot } from '../../../../src-core/contract/snapshots';

/**
 * Replaying stored snapshots: which snapshot an epoch of the scrubber shows, and the epochs the scrubber steps
 * through (one run's, or two runs' together on one scrubber).
 */

/** The snapshot shown at `epoch`: the latest stored at or before it (the first when none is); undefined when there are none. */
export function snapshotAt(snapshots: readonly RunSnapshot[], epoch: number): RunSnapshot | undefined {
  let lo = 0;
  let hi = snapshots.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (snapshots[mid]!.epoch <= epoch) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return snapshots[Math.max(0, found)];
}

/** The stored epochs of one or more runs, ascending, each once: the stops of a shared scrubber. */
export function scrubEpochs(...runs: readonly (readonly RunSnapshot[])[]): number[] {
  const epochs = new Set<number>();
  for (const snapshots of runs) for (const s of snapshots) epochs.add(s.epoch);
  return [...epochs].sort((a, b) => a - b);
}

/** Snapshots in epoch order with `added` merged in (a later copy of an epoch replaces the earlier); a new array. */
export function mergeSnapshots(held: readonly RunSnapshot[], added: readonly RunSnapshot[]): RunSnapshot[] {
  const byEpoch = new Map<number, RunSnapshot>();
  for (const s of held) byEpoch.set(s.epoch, s);
  for (const s of added) byEpoch.set(s.epoch, s);
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}

/** The scrubber's position for `epoch`: the index of the last stored epoch at or before it (0 when none is). */
export function scrubIndex(epochs: readonly number[], epoch: number): number {
  let index = 0;
  for (let i = 0; i < epochs.length; i++) if (epochs[i]! <= epoch) index = i;
  return index;
}
