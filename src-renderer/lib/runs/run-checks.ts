import type { RunSummary } from '../../../src-core/contract/training';

/** The runs checked for comparison, and the anchor a Shift-click extends from. */
export interface RunChecks {
  ids: readonly string[];
  anchor: string | null;
}

export const noChecks: RunChecks = { ids: [], anchor: null };

/** How a click on a run changes the checks: plain or Ctrl/Cmd toggles it, Shift checks the range from the anchor. */
export function clickCheck(checks: RunChecks, order: readonly string[], id: string, shift: boolean): RunChecks {
  const from = checks.anchor === null ? -1 : order.indexOf(checks.anchor);
  const to = order.indexOf(id);
  if (shift && from >= 0 && to >= 0) {
    const [low, high] = from <= to ? [from, to] : [to, from];
    return { ids: union(checks.ids, order.slice(low, high + 1)), anchor: checks.anchor };
  }
  const ids = checks.ids.includes(id) ? checks.ids.filter((x) => x !== id) : [...checks.ids, id];
  return { ids, anchor: id };
}

/** Checks every run of `ids` (a sweep's, a tag's); unchecks them all when every one was checked already. */
export function checkAll(checks: RunChecks, ids: readonly string[]): RunChecks {
  if (ids.length > 0 && ids.every((id) => checks.ids.includes(id))) return { ids: checks.ids.filter((x) => !ids.includes(x)), anchor: checks.anchor };
  return { ids: union(checks.ids, ids), anchor: checks.anchor };
}

/** The ids of the runs carrying `tag`, in list order. */
export function runsTagged(runs: readonly Pick<RunSummary, 'id' | 'tags'>[], tag: string): string[] {
  return runs.filter((r) => r.tags?.includes(tag)).map((r) => r.id);
}

/** Every tag of the listed runs, sorted, once each. */
export function allTags(runs: readonly Pick<RunSummary, 'tags'>[]): string[] {
  return [...new Set(runs.flatMap((r) => r.tags ?? []))].sort((a, b) => a.localeCompare(b));
}

/** Checked ids still listed (a deleted run leaves the comparison). */
export function keepListed(checks: RunChecks, listed: readonly string[]): RunChecks {
  const ids = checks.ids.filter((id) => listed.includes(id));
  return ids.length === checks.ids.length ? checks : { ids, anchor: checks.anchor };
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...a, ...b.filter((x) => !a.includes(x))];
}
