import type { RunSummary } from '../../../src-core/contract/training';

/** What the user can do to the selected run. */
export const runActions = ['pause', 'resume', 'stop', 'rerun', 'duplicate', 'continue', 'delete', 'export'] as const;
export type RunAction = (typeof runActions)[number];

/** Whether an action fits the run's state, and when it does not, why (shown as the button's title). */
export interface ActionState {
  enabled: boolean;
  reason: string | null;
}

/** Why nothing that writes can be done: the database opened read-only. */
export const readOnlyReason = 'The run database is read-only: runs can be viewed but not changed';

/** How a run that has ended ended, in words after its name. */
const endedText = { completed: 'has completed', stopped: 'was stopped', failed: 'failed', diverged: 'diverged', interrupted: 'was interrupted' } as const;

const ok: ActionState = { enabled: true, reason: null };
const no = (reason: string): ActionState => ({ enabled: false, reason });

/**
 * Each action's state for `run` (null: none selected). `anotherActive` is true while some other run trains:
 * the lab trains one run from the app at a time, so Re-run and Continue wait for it.
 */
export function runActionStates(run: RunSummary | null, anotherActive = false, readOnly = false): Record<RunAction, ActionState> {
  if (run && readOnly) {
    const no = { enabled: false, reason: readOnlyReason };
    return { pause: no, resume: no, stop: no, rerun: no, duplicate: no, continue: no, delete: no, export: runActionStates(run).export };
  }
  if (!run) {
    const none = no('Select a run first');
    return { pause: none, resume: none, stop: none, rerun: none, duplicate: none, continue: none, delete: none, export: none };
  }
  const s = run.status;
  const live = s === 'queued' || s === 'running' || s === 'paused';
  const busy = live || anotherActive;
  return {
    pause: s === 'running' ? ok : no(s === 'queued' ? 'A queued run cannot be paused until it starts' : 'Only a running run can be paused'),
    resume: s === 'paused' ? ok : no('Only a paused run can be resumed'),
    stop: live ? ok : no(`${run.name} ${endedText[s as keyof typeof endedText]}: there is nothing to stop`),
    rerun: busy ? no(live ? 'Wait for the run to end' : 'Another run is training') : ok,
    duplicate: ok,
    continue: live
      ? no('Continue is for runs that have ended')
      : anotherActive
        ? no('Another run is training')
        : run.epochsDone === 0
          ? no('The run stored no epochs to continue from')
          : ok,
    delete: live ? no('Stop the run before deleting it') : ok,
    export: run.epochsDone === 0 && !live ? no('The run stored no epochs') : ok,
  };
}
