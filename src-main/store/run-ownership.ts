import type Database from 'better-sqlite3';
import type { RunStatus } from '../../src-core/contract/training';
import { newOwner, ownerAlive, releaseOwner, type RunOwner } from './run-owner';
import type { RunRow } from './run-rows';

/** Statuses that only a live process can be in. */
export const liveStatuses: RunStatus[] = ['queued', 'running', 'paused'];

/** Why a live run whose process died is `interrupted`. */
export const interruptedReason = 'The process training this run ended before the run did (the app or the CLI closed or crashed).';

/**
 * Which process owns which live run (the runs table's owner columns): this store's owner, its heartbeat, and the
 * runs whose owner died, marked `interrupted`. See run-owner.ts for what makes an owner alive.
 */
export class RunOwnership {
  /** This store as the owner of the runs it creates. */
  readonly owner: RunOwner = newOwner();

  constructor(private readonly db: Database.Database) {}

  /** Refreshes the heartbeat of every live run this store owns. */
  beat(): void {
    this.db
      .prepare(`UPDATE runs SET heartbeat_at = ? WHERE owner_token = ? AND status IN ('queued', 'running', 'paused')`)
      .run(Date.now(), this.owner.token);
  }

  /** Refreshes one run's heartbeat (with each stored epoch). */
  touch(id: string): void {
    this.db.prepare(`UPDATE runs SET heartbeat_at = ? WHERE id = ?`).run(Date.now(), id);
  }

  ownedByLiveProcess(id: string): boolean {
    const row = this.db.prepare(`SELECT owner_pid, owner_token, heartbeat_at FROM runs WHERE id = ?`).get(id) as
      | Pick<RunRow, 'owner_pid' | 'owner_token' | 'heartbeat_at'>
      | undefined;
    return row !== undefined && ownerAlive(row.owner_pid, row.owner_token, row.heartbeat_at);
  }

  /** Marks live runs whose owner is gone `interrupted`; a run a live process owns is left alone. */
  markDeadRunsInterrupted(): string[] {
    const placeholders = liveStatuses.map(() => '?').join(', ');
    const deadRuns = (): string[] =>
      (
        this.db
          .prepare(`SELECT id, owner_pid, owner_token, heartbeat_at FROM runs WHERE status IN (${placeholders})`)
          .all(...liveStatuses) as { id: string; owner_pid: number | null; owner_token: string | null; heartbeat_at: number | null }[]
      )
        .filter((row) => !ownerAlive(row.owner_pid, row.owner_token, row.heartbeat_at))
        .map((row) => row.id);
    // Read first, without a lock (the common case, checked often by a running app, finds none).
    if (deadRuns().length === 0) return [];
    return this.db.transaction(() => {
      const dead = deadRuns();
      const mark = this.db.prepare(
        `UPDATE runs SET status = 'interrupted', finished_at = ?,
           error = ?,
           duration_seconds = (SELECT sum(seconds) FROM epoch_metrics WHERE run_id = runs.id)
         WHERE id = ?`,
      );
      const now = new Date().toISOString();
      for (const id of dead) mark.run(now, interruptedReason, id);
      return dead;
    }).immediate();
  }

  release(): void {
    releaseOwner(this.owner);
  }
}
