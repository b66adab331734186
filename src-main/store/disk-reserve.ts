import { closeSync, openSync, rmSync, writeSync } from 'node:fs';

/** How much room is kept: a run's ending (status, reason) takes a few pages; small weights fit too. */
const reserveBytes = 512 * 1024;

/**
 * Room kept on the database's disk while a store has it open (`lab.db-reserve`, removed on close), so that
 * when the disk fills, the ending of the run that found it full can still be written: the reserve is given
 * back to the disk, the ending committed, and the reserve made again as far as there is room.
 */
export class DiskReserve {
  constructor(private readonly path: string) {}

  /** Makes the reserve, as much of it as the disk has room for. */
  fill(): void {
    let fd: number | undefined;
    try {
      fd = openSync(this.path, 'w');
      const chunk = Buffer.alloc(64 * 1024);
      for (let written = 0; written < reserveBytes; written += chunk.length) writeSync(fd, chunk);
    } catch {
      // A full disk keeps what was written: it is room all the same.
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** Gives the room back to the disk; false when there was none. */
  release(): boolean {
    try {
      rmSync(this.path);
      return true;
    } catch {
      return false;
    }
  }
}
