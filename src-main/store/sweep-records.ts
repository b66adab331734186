import type Database from 'better-sqlite3';
import type { RunStatus } from '../../src-core/contract/training';
import type { StoreWrite } from './store-errors';

export interface StoredSweep {
  id: string;
  name: string;
  config: unknown;
  createdAt: string;
  /** "Pause the rest": its queued runs are held back. */
  held?: boolean;
}

/** The `sweeps` table: one row per sweep; its runs point to it. */
export class SweepRecords {
  constructor(
    private readonly db: Database.Database,
    private readonly write: StoreWrite,
  ) {}

  createSweep(sweep: StoredSweep): void {
    this.write(`sweep "${sweep.name}"`, () => {
      this.db
        .prepare(`INSERT INTO sweeps (id, name, config, created_at) VALUES (?, ?, ?, ?)`)
        .run(sweep.id, sweep.name, JSON.stringify(sweep.config), sweep.createdAt);
    });
  }

  /** Holds a sweep's queued runs back ("Pause the rest") or lets them go; false when there is no such sweep. */
  setSweepHeld(id: string, held: boolean): boolean {
    return this.write(`sweep ${id}`, () => this.db.prepare(`UPDATE sweeps SET held = ? WHERE id = ?`).run(held ? 1 : 0, id).changes > 0);
  }

  /** Every sweep, newest first, with its runs' ids and statuses. */
  listSweeps(): (StoredSweep & { runs: { id: string; status: RunStatus }[] })[] {
    const sweeps = this.db.prepare(`SELECT id, name, config, created_at, held FROM sweeps ORDER BY created_at DESC, rowid DESC`).all() as {
      id: string;
      name: string;
      config: string;
      created_at: string;
      held: number;
    }[];
    const runsOf = this.db.prepare(`SELECT id, status FROM runs WHERE sweep_id = ? ORDER BY rowid`);
    return sweeps.map((s) => ({
      id: s.id,
      name: s.name,
      config: JSON.parse(s.config) as unknown,
      createdAt: s.created_at,
      held: s.held === 1,
      runs: runsOf.all(s.id) as { id: string; status: RunStatus }[],
    }));
  }
}
