import type { DatasetImportResult } from '../../../src-core/contract/datasets';
import type { NoticeAction } from '../toasts/notices.svelte';

/** What the renderer's stores tell each other, by name (the hub is how they talk: none imports another to tell it). */
export interface LabEvents {
  /** Something went wrong that the person should read (a toast): `context` says what was being done. */
  'notice.error': { context: string; error: unknown; persistent?: boolean; action?: NoticeAction | undefined };
  /** An import finished (or found the file imported before): list and select the dataset, show its doctor. */
  'dataset.imported': DatasetImportResult;
  /** Import a run's data file: its path when the run names one, else let the person pick it. */
  'dataset.import-wanted': { file: string | undefined };
}

type Handler<T> = (payload: T) => void | Promise<void>;

/** A typed publish/subscribe hub: `emit` calls every handler of that name in order of subscription. */
export class EventHub<Events extends object = LabEvents> {
  // Bookkeeping, never rendered.
  private readonly handlers: { [K in keyof Events]?: Handler<Events[K]>[] } = {};

  /** Calls `handler` on every `name` emitted from now on; the returned function unsubscribes. */
  on<K extends keyof Events>(name: K, handler: Handler<Events[K]>): () => void {
    (this.handlers[name] ??= []).push(handler);
    return () => {
      this.handlers[name] = this.handlers[name]?.filter((h) => h !== handler);
    };
  }

  /** Tells every subscriber; resolves once the asynchronous ones are done (a handler that throws rejects it). */
  async emit<K extends keyof Events>(name: K, payload: Events[K]): Promise<void> {
    await Promise.all((this.handlers[name] ?? []).map((handler) => handler(payload)));
  }
}

/** The renderer's hub type: the stores' events. */
export type LabHub = EventHub<LabEvents>;
