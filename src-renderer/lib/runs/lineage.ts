import type { RunSummary } from '../../../src-core/contract/training';

/**
 * How a run relates to its parent, read from what is stored (the summary has no lineage kind): a continued run
 * numbers its epochs on from the parent's, and plans the parent's epochs plus the new ones; a re-run repeats the
 * parent's plan from epoch 1. Null for a run without a parent.
 */
export function lineageOf(
  run: Pick<RunSummary, 'parentRunId' | 'epochs'>,
  parent: Pick<RunSummary, 'epochs' | 'epochsDone'> | null,
  firstEpoch: number | undefined,
): 're-run of' | 'continued from' | 'from' | null {
  if (!run.parentRunId) return null;
  if (firstEpoch !== undefined && firstEpoch > 1) return 'continued from';
  if (!parent) return 'from';
  return run.epochs === parent.epochs ? 're-run of' : 'continued from';
}
