import type { RunStatus, RunSummary } from '../../src-core/contract/training';
import type { EventBus } from '../../src-main/app/event-bus';

/** The statuses a run ends with. */
export const endStatuses: RunStatus[] = ['completed', 'stopped', 'failed', 'diverged'];

/** Settles with the next `run.status` of run `runId` on `bus` whose status is one of `statuses` (by default, an ending). */
export function nextStatus(bus: EventBus, runId: string, statuses: RunStatus[] = endStatuses): Promise<RunSummary> {
  return new Promise((resolve) => {
    const unsubscribe = bus.subscribe((name, payload) => {
      const summary = payload as RunSummary;
      if (name === 'run.status' && summary.id === runId && statuses.includes(summary.status)) {
        unsubscribe();
        resolve(summary);
      }
    });
  });
}
