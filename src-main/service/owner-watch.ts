import type { EventBus } from '../app/event-bus';
import type { LabStore } from '../store/lab-store';

/** How often a running app looks for live runs whose owner (another process) has died. */
export const ownerCheckEveryMs = 5_000;

/**
 * Runs trained by another process (the CLI, a second app) read `running` in the database until someone notices
 * that process is gone. The app notices: every `everyMs`, and before it answers a request about runs, it marks
 * the runs whose owner died `interrupted` (see run-owner.ts) and tells every window, as for its own runs.
 */
export class OwnerWatch {
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: LabStore,
    private readonly bus: EventBus,
    everyMs = ownerCheckEveryMs,
  ) {
    this.timer = setInterval(() => this.check(), everyMs);
    this.timer.unref();
  }

  check(): void {
    if (!this.store.isOpen) {
      clearInterval(this.timer);
      return;
    }
    try {
      for (const run of this.store.interruptDeadRuns(0)) this.bus.emit('run.status', run);
    } catch {
      // Another program holds the write lock (not waited for: the event loop keeps serving); the next check marks them.
    }
  }
}
