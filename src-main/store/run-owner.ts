import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Who is training a run. A run in a live status (queued, running, paused) records its owner's pid and token;
 * whoever opens the database later marks it `interrupted` only when that owner is gone. A pid alone is not
 * enough (the OS reuses pids), so the token pins the process and the store connection within it:
 *   `start:<ticks>/<uuid>` on Linux: the process's start time from /proc/<pid>/stat (unique per pid until reboot);
 *   `beat/<uuid>` elsewhere: the owner refreshes `heartbeat_at`, and a heartbeat older than `staleAfterMs` is dead.
 * The uuid names one open store, so a store closed without finishing its runs (its process still alive) has
 * orphaned them too.
 */
export interface RunOwner {
  pid: number;
  token: string;
}

/** A heartbeat older than this means its owner is gone (owners refresh every `heartbeatEveryMs`). */
export const staleAfterMs = 60_000;
export const heartbeatEveryMs = 5_000;

/** The fields of /proc/<pid>/stat from field 3 (the state) on, or undefined off Linux or when there is no such process. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count the fields after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** The start time of `pid` in clock ticks since boot (field 22 of /proc/<pid>/stat), or undefined off Linux. */
export function processStartTicks(pid: number): string | undefined {
  return statFields(pid)?.[19]; // field 22 overall
}

/**
 * True when `pid` has ended but its parent has not reaped it yet: state Z (zombie) or X (dead) in /proc/<pid>/stat.
 * A SIGKILLed `nn-lab` under `npx` stays a zombie until npx reaps it, and `kill(pid, 0)` still succeeds on it.
 */
export function processEnded(pid: number): boolean {
  const state = statFields(pid)?.[0];
  return state === 'Z' || state === 'X' || state === 'x';
}

/** Tokens of the stores open in this process. */
const openHere = new Set<string>();

/** A new owner: this process and one store connection in it; `release` it when the store closes. */
export function newOwner(): RunOwner {
  const ticks = processStartTicks(process.pid);
  const token = `${ticks ? `start:${ticks}` : 'beat'}/${randomUUID()}`;
  openHere.add(token);
  return { pid: process.pid, token };
}

export function releaseOwner(owner: RunOwner): void {
  openHere.delete(owner.token);
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the owner that recorded (pid, token, heartbeat) still runs. */
export function ownerAlive(pid: number | null, token: string | null, heartbeatAt: number | null, now = Date.now()): boolean {
  if (pid === null || token === null) return false; // written before owners were recorded
  // This process (only one process holds a pid at a time): alive while that store is open.
  if (pid === process.pid) return openHere.has(token);
  if (!processExists(pid) || processEnded(pid)) return false; // a zombie owns nothing
  const started = /^start:(\d+)\//.exec(token);
  if (started) {
    const ticks = processStartTicks(pid);
    if (ticks !== undefined) return ticks === started[1];
  }
  return heartbeatAt !== null && now - heartbeatAt < staleAfterMs;
}
