import type { LabStore } from '../store/lab-store';

interface Item {
  write: () => void;
  /** After the commit (the write is on disk): announce it. */
  then?: () => void;
  /** The write failed (and was undone); the others of its batch are not affected. */
  fail?: (error: unknown) => void;
}

/**
 * Group commit across runs: the writes that arrive in one turn of the event loop (epochs of every running run,
 * their diagnostics, status changes) are committed in one transaction, one fsync, and only then announced, in the
 * order they came. A commit costs milliseconds (synchronous=FULL); one per report would keep the main thread busy
 * with fsyncs while 8 runs train, and the renderer waiting.
 */
export class CommitBatcher {
  private items: Item[] = [];
  private scheduled = false;

  constructor(private readonly store: LabStore) {}

  add(item: Item): void {
    this.items.push(item);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    const items = this.items.splice(0);
    if (items.length === 0) return;
    const failed = new Map<Item, unknown>();
    try {
      this.store.batch(() => {
        for (const item of items) {
          try {
            item.write();
          } catch (error) {
            failed.set(item, error);
          }
        }
      });
    } catch {
      // The transaction itself failed (SQLite may roll back all of it on a full disk): each write alone.
      failed.clear();
      for (const item of items) {
        try {
          this.store.batch(item.write);
        } catch (error) {
          failed.set(item, error);
        }
      }
    }
    for (const item of items) {
      if (failed.has(item)) item.fail?.(failed.get(item));
      else item.then?.();
    }
  }
}
