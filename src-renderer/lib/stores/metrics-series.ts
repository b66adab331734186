import type { EpochMetrics } from '../../../src-core/contract/training';

/** The epochs of `next` (in order) past `lastEpoch` and each one past the one before: the rest raced a read. */
export function newerEpochs(lastEpoch: number | undefined, next: readonly EpochMetrics[]): EpochMetrics[] {
  let last = lastEpoch ?? -Infinity;
  const added: EpochMetrics[] = [];
  for (const m of next) {
    if (m.epoch > last) {
      added.push(m);
      last = m.epoch;
    }
  }
  return added;
}

/** Two partial views of one curve (stored and streamed) as one, in epoch order, each epoch once. */
export function mergeEpochs(stored: readonly EpochMetrics[], streamed: readonly EpochMetrics[]): readonly EpochMetrics[] {
  if (streamed.length === 0) return stored;
  const byEpoch = new Map<number, EpochMetrics>();
  for (const m of stored) byEpoch.set(m.epoch, m);
  for (const m of streamed) if (!byEpoch.has(m.epoch)) byEpoch.set(m.epoch, m);
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}
