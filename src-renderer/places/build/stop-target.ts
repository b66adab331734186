import type { RunSummary } from '../../../src-core/contract/training';
import { runActionStates, type ActionState } from '../../lib/runs/run-action-state';

/**
 * What Stop acts on: the run shown, else the one run training. With several active and none shown, Stop waits for
 * a run to be picked (it never guesses which). A shown run that has ended (another window may have stopped it)
 * keeps the button, disabled with the reason; `stoppable` is the target only while Stop is enabled.
 */
export function stopTarget(
  shown: RunSummary | null,
  activeRuns: readonly RunSummary[],
  readOnly: boolean,
): { target: RunSummary | null; state: ActionState; stoppable: RunSummary | null } {
  const target = shown ?? (activeRuns.length === 1 ? activeRuns[0]! : null);
  const state =
    !target && activeRuns.length > 1
      ? { enabled: false, reason: `${activeRuns.length} runs are training: pick the one to stop` }
      : runActionStates(target, false, readOnly).stop;
  return { target, state, stoppable: target && state.enabled ? target : null };
}
