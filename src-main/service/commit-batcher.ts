import type { LabStore } from '../store/lab-store';
import { isBusy } from '../store/store-errors';

interface Item {
  write: () => void;
  /** After the commit (the write is on disk): announce it. */
  then?: () => void;
  /** The write failed (and was undone): thrown by `write`, or its commit refused (a full disk). The others of its batch are not affected. */
  fail?: (error: unknown) => void;
}

/** How long a commit waits for another program's lock on the event loop before it is tried again later. */
export const commitWaitMs = 200;
/** The first wait after another program's lock refused a commit; it doubles up to `lastRetryMs`. */
const firstRetryMs = 50;
const lastRetryMs = 2_000;

/**
 * Group commit across runs: the writes that arrive in one turn of the event loop (epochs of every running run,
 * their diagnostics, status changes) are committed in one transaction, one fsync, and only then announced, in the
 * order they came. A commit costs milliseconds (synchronous=FULL); one per report would keep the main thread busy
 * with fsyncs while 8 runs train, and the renderer waiting.
 *
 * While another program holds the database's write lock, nothing is lost or failed: the writes wait, in order,
 * and the commit is tried again later (off the event loop, which keeps serving), until the lock clears.
 */
export class CommitBatcher {
  private items: Item[] = [];
  private scheduled = false;
  private retry: NodeJS.Timeout | undefined;
  private retryMs = firstRetryMs;

  constructor(private readonly store: LabStore) {}

  add(item: Item): void {
    this.items.push(item);
    if (!this.scheduled && !this.retry) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Commits what is queued; false when a lock held it back (it is retried, and announced once committed). */
  flush(): boolean {
    this.scheduled = false;
    if (this.retry) clearTimeout(this.retry);
    this.retry = undefined;
    const items = this.items.splice(0);
    if (items.length === 0) return true;
    if (!this.store.isOpen) return true; // closed under a lock: the runs read interrupted when next opened
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
      }, commitWaitMs);
    } catch (error) {
      if (isBusy(error)) return this.retryLater(items);
      // The transaction itself failed (on a full disk SQLite refuses the commit and rolls all of it back): each
      // write alone, in order, its failure told at once so the writes after it know (a run's later epochs are
      // then dropped rather than stored past a gap).
      this.retryMs = firstRetryMs;
      for (const [index, item] of items.entries()) {
        try {
          this.store.batch(item.write, commitWaitMs);
        } catch (error) {
          if (isBusy(error)) return this.retryLater(items.slice(index));
          item.fail?.(error);
          continue;
        }
        item.then?.();
      }
      return true;
    }
    this.retryMs = firstRetryMs;
    for (const item of items) {
      if (failed.has(item)) item.fail?.(failed.get(item));
      else item.then?.();
    }
    return true;
  }

  /** Another program's lock refused `items`: they keep their place, first in the queue, and are tried again later. */
  private retryLater(items: Item[]): false {
    this.items.unshift(...items);
    this.retry = setTimeout(() => this.flush(), this.retryMs);
    this.retryMs = Math.min(2 * this.retryMs, lastRetryMs);
    return false;
  }
}
