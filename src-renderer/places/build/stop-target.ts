import type { RunSummary } from '../../../src-core/contract/training';
import { runActionStates, type ActionState } from '../../lib/runs/run-action-state';

/**
 * What Stop acts on: the run shown, else the run training. A shown run that has ended (another window may have
 * stopped it) keeps the button, disabled with the reason; `stoppable` is the target only while Stop is enabled.
 */
export function stopTarget(
  shown: RunSummary | null,
  active: RunSummary | null,
  readOnly: boolean,
): { target: RunSummary | null; state: ActionState; stoppable: RunSummary | null } {
  const target = shown ?? active;
  const state = runActionStates(target, false, readOnly).stop;
  return { target, state, stoppable: target && state.enabled ? target : null };
}
