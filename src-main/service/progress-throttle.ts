import type { EpochMetrics } from '../../src-core/contract/training';
import type { EventBus } from '../app/event-bus';

/** At most one `run.progress` per run per this many ms (about 10 a second): 8 fast runs cannot flood a renderer. */
export const progressIntervalMs = 100;

/**
 * Coalesces `run.progress` per run. Every epoch is stored before it gets here; what is throttled is only the
 * telling. An event carries the newest epoch in `metrics` and the ones since the previous event in `earlier`,
 * so nothing is lost to a renderer that reads both. `flush` sends what is pending at once (before a run's
 * final status, so the last epoch always arrives first).
 */
export class ProgressThrottle {
  private readonly pending = new Map<string, { epochs: EpochMetrics[]; timer?: NodeJS.Timeout }>();
  private readonly lastSent = new Map<string, number>();

  constructor(
    private readonly bus: EventBus,
    private readonly intervalMs = progressIntervalMs,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** An epoch is committed: tell now, or soon with the others that follow. */
  epoch(runId: string, metrics: EpochMetrics): void {
    const entry = this.pending.get(runId) ?? { epochs: [] };
    entry.epochs.push(metrics);
    this.pending.set(runId, entry);
    const wait = (this.lastSent.get(runId) ?? -Infinity) + this.intervalMs - this.now();
    if (wait <= 0) this.flush(runId);
    else entry.timer ??= setTimeout(() => this.flush(runId), wait);
  }

  flush(runId: string): void {
    const entry = this.pending.get(runId);
    this.pending.delete(runId);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    if (entry.epochs.length === 0) return;
    this.lastSent.set(runId, this.now());
    const metrics = entry.epochs[entry.epochs.length - 1]!;
    const earlier = entry.epochs.slice(0, -1);
    this.bus.emit('run.progress', earlier.length ? { runId, metrics, earlier } : { runId, metrics });
  }

  /** The run is over: send what is pending and forget it. */
  finish(runId: string): void {
    this.flush(runId);
    this.lastSent.delete(runId);
  }
}
