import type { LabApi } from '../../../../src-core/contract/api';
import type { TrainingDiagnostics } from '../../../../src-core/nn/index';

/**
 * Every run's diagnostics snapshots the window holds, keyed by run id: the stored ones read page by page
 * (`runs.diagnostics`) on demand, merged with those `run.diagnostics` streams in while a run trains, in epoch order
 * (a repeated epoch keeps the newer). Arrays are replaced, never mutated.
 */
export class RunDiagnosticsCache {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a fresh map, published whole
  private held = $state.raw<ReadonlyMap<string, readonly TrainingDiagnostics[]>>(new Map());
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- never rendered
  private readonly loading = new Map<string, Promise<void>>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- never rendered
  private readonly stored = new Set<string>();

  // Streamed snapshots not yet published, per run. Never rendered.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly pending = new Map<string, TrainingDiagnostics[]>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * `publishEveryMs`: streamed snapshots are published together at most this often (a fast run sends dozens a second,
   * and every view redraws on each publication); 0 publishes each at once.
   */
  constructor(
    private readonly api: Pick<LabApi, 'runs.diagnostics'> | null = null,
    private readonly publishEveryMs = 250,
  ) {}

  /** A run's snapshots known so far, oldest first. */
  of(runId: string): readonly TrainingDiagnostics[] {
    return this.held.get(runId) ?? [];
  }

  /** A snapshot from `run.diagnostics`. */
  append(runId: string, snapshot: TrainingDiagnostics): void {
    if (this.publishEveryMs <= 0) return this.write(runId, [snapshot]);
    const queued = this.pending.get(runId);
    if (queued) queued.push(snapshot);
    else this.pending.set(runId, [snapshot]);
    this.timer ??= setTimeout(() => this.flush(), this.publishEveryMs);
  }

  /** Publishes the streamed snapshots waiting. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const [runId, snapshots] of this.pending) this.write(runId, snapshots);
    this.pending.clear();
  }

  /** Loads a run's stored snapshots unless they are in (or on the way). */
  ensure(runId: string): Promise<void> {
    if (this.stored.has(runId) || !this.api) return Promise.resolve();
    let pending = this.loading.get(runId);
    if (!pending) {
      const api = this.api;
      pending = (async () => {
        const pages: TrainingDiagnostics[] = [];
        for (let from: number | undefined = 1; from !== undefined; ) {
          // Pages of 250 (the API's default is 20): a 1,000-epoch run's 200 diagnostics come in one round trip, not ten.
          const page: Awaited<ReturnType<LabApi['runs.diagnostics']>> = await api['runs.diagnostics']({ id: runId, from, limit: 250 });
          pages.push(...page.diagnostics);
          from = page.next;
        }
        this.stored.add(runId);
        this.write(runId, pages, true);
      })().finally(() => this.loading.delete(runId));
      this.loading.set(runId, pending);
    }
    return pending;
  }

  /** A run deleted: its snapshots go too. */
  forget(runId: string): void {
    if (!this.held.has(runId)) return;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a fresh copy, published whole
    const next = new Map(this.held);
    next.delete(runId);
    this.stored.delete(runId);
    this.held = next;
  }

  /** Merges by epoch; `older`: the snapshots given are stored ones, so those already held (streamed) win. */
  private write(runId: string, snapshots: readonly TrainingDiagnostics[], older = false): void {
    const held = this.of(runId);
    const last = held[held.length - 1];
    // The usual case, streamed snapshots after the held ones: appended without a merge.
    if (!older && snapshots.every((s, i) => s.epoch > (i === 0 ? (last?.epoch ?? 0) : snapshots[i - 1]!.epoch))) {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a fresh copy, published whole
      const next = new Map(this.held);
      next.set(runId, [...held, ...snapshots]);
      this.held = next;
      return;
    }
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- local, sorted into an array at once
    const byEpoch = new Map<number, TrainingDiagnostics>();
    const [first, second] = older ? [snapshots, this.of(runId)] : [this.of(runId), snapshots];
    for (const s of first) byEpoch.set(s.epoch, s);
    for (const s of second) byEpoch.set(s.epoch, s);
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a fresh copy, published whole
    const next = new Map(this.held);
    next.set(runId, [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch));
    this.held = next;
  }
}
