import type { LabApi } from '../../../../src-core/contract/api';
import type { EventPayloads } from '../../../../src-core/contract/api';
import type { RunSnapshot, SnapshotFrame } from '../../../../src-core/contract/snapshots';
import type { LabHub } from '../../../shared/hub/event-hub';
import { mergeSnapshots } from './snapshot-replay';

/** One run's stored view of what its network computes: the frame, and its snapshots in epoch order. */
export interface RunInside {
  frame?: SnapshotFrame;
  snapshots: readonly RunSnapshot[];
  loaded: boolean;
}

const empty: RunInside = { snapshots: [], loaded: false };

/**
 * Every run's snapshots the window holds: stored ones loaded on demand (`runs.snapshots`, page by page), merged
 * with those `run.snapshot` streams in while a run trains. Replaced, never mutated.
 */
export class InsideStore {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole on each write
  private runs = $state.raw<ReadonlyMap<string, RunInside>>(new Map());
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly loading = new Map<string, Promise<void>>();

  constructor(
    private readonly api: Pick<LabApi, 'runs.snapshots'>,
    private readonly hub?: LabHub,
  ) {}

  of(runId: string): RunInside {
    return this.runs.get(runId) ?? empty;
  }

  /** Loads a run's stored frame and snapshots unless they are in (or on the way). */
  ensure(runId: string): Promise<void> {
    if (this.of(runId).loaded) return Promise.resolve();
    let pending = this.loading.get(runId);
    if (!pending) {
      pending = this.load(runId).finally(() => this.loading.delete(runId));
      this.loading.set(runId, pending);
    }
    return pending;
  }

  private async load(runId: string): Promise<void> {
    try {
      let frame: SnapshotFrame | undefined;
      const stored: RunSnapshot[] = [];
      for (let from: number | undefined = 1; from !== undefined; ) {
        // Pages of 250: a run's snapshots fill its budget (4 MiB by default) in one or two round trips.
        const page: Awaited<ReturnType<LabApi['runs.snapshots']>> = await this.api['runs.snapshots']({ id: runId, from, limit: 250, frame: from === 1 });
        frame ??= page.frame;
        stored.push(...page.snapshots);
        from = page.next;
      }
      const held = this.of(runId);
      this.write(runId, { frame: held.frame ?? frame, snapshots: mergeSnapshots(stored, held.snapshots), loaded: true });
    } catch (error) {
      void this.hub?.emit('notice.error', { context: 'Could not load what the network computed', error });
    }
  }

  /** A `run.snapshot` event: the frame (first) or one more snapshot. */
  receive(event: EventPayloads['run.snapshot']): void {
    const held = this.of(event.runId);
    if ('frame' in event) this.write(event.runId, { ...held, frame: event.frame, snapshots: [] });
    else this.write(event.runId, { ...held, snapshots: mergeSnapshots(held.snapshots, [event.snapshot]) });
  }

  forget(runId: string): void {
    if (!this.runs.has(runId)) return;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a fresh copy, published whole
    const next = new Map(this.runs);
    next.delete(runId);
    this.runs = next;
  }

  private write(runId: string, inside: RunInside): void {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a fresh copy, published whole
    const next = new Map(this.runs);
    next.set(runId, inside);
    this.runs = next;
  }
}
