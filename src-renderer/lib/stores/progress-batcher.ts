import type { EventPayloads } from '../../../src-core/contract/api';
import type { EpochMetrics } from '../../../src-core/contract/training';

/** The epochs one `run.progress` event carries, oldest first: the coalesced `earlier` ones, then the newest. */
export function epochsOf(event: EventPayloads['run.progress']): EpochMetrics[] {
  return [...(event.earlier ?? []), event.metrics];
}

/**
 * Gathers `run.progress` epochs and hands them on at most once per frame, grouped by run. A fast
 * run reports hundreds of epochs a second; redrawing the chart for each would starve the page.
 */
export class ProgressBatcher {
  private readonly pending = new Map<string, EpochMetrics[]>();
  private scheduled = false;

  constructor(
    private readonly deliver: (runId: string, epochs: readonly EpochMetrics[]) => void,
    private readonly schedule: (flush: () => void) => void = nextFrame,
  ) {}

  add(runId: string, metrics: EpochMetrics): void {
    let list = this.pending.get(runId);
    if (!list) this.pending.set(runId, (list = []));
    list.push(metrics);
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }

  /** Delivers everything gathered so far (also called before a status change is applied). */
  flush(): void {
    this.scheduled = false;
    const batches = [...this.pending];
    this.pending.clear();
    for (const [runId, epochs] of batches) this.deliver(runId, epochs);
  }
}

/** The next animation frame while the page is visible; a timer otherwise (frames pause in hidden tabs). */
function nextFrame(flush: () => void): void {
  if (typeof document !== 'undefined' && document.visibilityState === 'visible' && typeof requestAnimationFrame === 'function') {
    requestAnimationFrame(() => flush());
  } else {
    setTimeout(flush, 250);
  }
}
