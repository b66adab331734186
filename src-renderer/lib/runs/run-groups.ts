import type { SweepSummary } from '../../../src-core/contract/sweeps-api';
import type { RunSummary } from '../../../src-core/contract/training';

/** One entry of the run list: a run on its own, or a sweep with its runs (in list order). */
export type RunListEntry =
  | { kind: 'run'; run: RunSummary }
  | { kind: 'sweep'; sweepId: string; name: string; runs: RunSummary[] };

/** A stretch of the run list: runs on their own one after another (one listbox), or a sweep (its own listbox). */
export type RunListSegment = { kind: 'runs'; runs: RunSummary[] } | Extract<RunListEntry, { kind: 'sweep' }>;

/** The entries as segments: consecutive runs on their own joined, each sweep apart (a listbox holds options only). */
export function listSegments(entries: readonly RunListEntry[]): RunListSegment[] {
  const segments: RunListSegment[] = [];
  for (const entry of entries) {
    const last = segments[segments.length - 1];
    if (entry.kind === 'sweep') segments.push(entry);
    else if (last?.kind === 'runs') last.runs.push(entry.run);
    else segments.push({ kind: 'runs', runs: [entry.run] });
  }
  return segments;
}

/**
 * Groups the runs of each sweep under it, where its newest listed run would be; other runs stay where they are.
 * A sweep not in `sweeps` (not loaded yet) is named by its id.
 */
export function groupRuns(list: readonly RunSummary[], sweeps: readonly Pick<SweepSummary, 'id' | 'name'>[]): RunListEntry[] {
  const entries: RunListEntry[] = [];
  const bySweep = new Map<string, Extract<RunListEntry, { kind: 'sweep' }>>();
  for (const run of list) {
    if (!run.sweepId) {
      entries.push({ kind: 'run', run });
      continue;
    }
    let group = bySweep.get(run.sweepId);
    if (!group) {
      const name = sweeps.find((s) => s.id === run.sweepId)?.name || `Sweep ${run.sweepId}`;
      group = { kind: 'sweep', sweepId: run.sweepId, name, runs: [] };
      bySweep.set(run.sweepId, group);
      entries.push(group);
    }
    group.runs.push(run);
  }
  return entries;
}

/** Every tag on the listed runs, sorted, once each: the tag filter's choices. */
export function tagsOf(list: readonly RunSummary[]): string[] {
  return [...new Set(list.flatMap((r) => r.tags ?? []))].sort((a, b) => a.localeCompare(b));
}

/** A sweep run's name inside its group, without the sweep's name it repeats ("Learning rates: lr=0.1" → "lr=0.1"). */
export function nameInSweep(runName: string, sweepName: string): string {
  for (const separator of [': ', ' · ', ' - ', ' ']) {
    const prefix = sweepName + separator;
    if (runName.startsWith(prefix) && runName.length > prefix.length) return runName.slice(prefix.length);
  }
  return runName;
}
