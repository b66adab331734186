import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src-main/store/lab-store';
import { ownerAlive, processEnded, processStartTicks, staleAfterMs } from '../../../src-main/store/run-owner';
import { smallRun } from '../../support/small-run';
import { useTempDir } from '../../support/temp-dir';

const temp = useTempDir('nn-lab-owner-');
let child: ChildProcess | undefined;

afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

/**
 * A real zombie: a shell starts a node child, then `exec`s a sleep that never waits for it, so once the child
 * is killed it stays <defunct> (state Z) until the sleep ends. Resolves with the grandchild's pid while it lives.
 */
async function childOfANonReapingParent(): Promise<number> {
  child = spawn('sh', ['-c', `"${process.execPath}" -e "setTimeout(() => {}, 60000)" & echo $!; exec sleep 60`], { stdio: ['ignore', 'pipe', 'ignore'] });
  const line = await new Promise<string>((resolve) => child!.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8'))));
  return Number(line.trim());
}

function procState(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]!;
}

/** A live process that is not this one: what a second app or CLI looks like from here. */
function liveProcess(): ChildProcess {
  child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  return child;
}

/** A run whose owner columns say (pid, token, heartbeat), as another process would have written them. */
function runOwnedBy(path: string, pid: number, token: string, heartbeatAt: number): void {
  const store = openStore(path);
  store.createRun(smallRun('r'));
  store.markRunning('r', new Date().toISOString());
  store.connection.prepare(`UPDATE runs SET owner_pid = ?, owner_token = ?, heartbeat_at = ? WHERE id = 'r'`).run(pid, token, heartbeatAt);
  store.close();
}

describe('run owners', () => {
  it('leaves a run alone while its owner process lives (pid and start time match)', () => {
    const owner = liveProcess();
    const ticks = processStartTicks(owner.pid!);
    expect(ticks).toBeDefined();
    const path = join(temp.dir, 'lab.db');
    runOwnedBy(path, owner.pid!, `start:${ticks}/some-store`, Date.now() - 10 * staleAfterMs);
    const store = openStore(path);
    expect(store.interruptedOnOpen).toEqual([]);
    expect(store.findRun('r')!.status).toBe('running');
    store.close();
  });

  it('does not mistake a reused pid for the owner: a live process with another start time', () => {
    const stranger = liveProcess();
    const path = join(temp.dir, 'lab.db');
    runOwnedBy(path, stranger.pid!, 'start:1/the-old-owner', Date.now());
    const store = openStore(path);
    expect(store.interruptedOnOpen).toEqual(['r']);
    expect(store.findRun('r')!.status).toBe('interrupted');
    store.close();
  });

  it('marks the run interrupted once its owner process is gone', async () => {
    const owner = liveProcess();
    const path = join(temp.dir, 'lab.db');
    runOwnedBy(path, owner.pid!, `start:${processStartTicks(owner.pid!)}/s`, Date.now());
    const exited = new Promise((resolve) => owner.once('exit', resolve));
    owner.kill('SIGKILL');
    await exited;
    const store = openStore(path);
    expect(store.interruptedOnOpen).toEqual(['r']);
    store.close();
  });

  it.runIf(process.platform === 'linux')('a killed owner that is still a zombie (<defunct>, not reaped) owns nothing', async () => {
    const pid = await childOfANonReapingParent();
    const path = join(temp.dir, 'lab.db');
    runOwnedBy(path, pid, `start:${processStartTicks(pid)}/s`, Date.now());
    const alive = openStore(path);
    expect(alive.findRun('r')!.status).toBe('running');
    alive.close();

    process.kill(pid, 'SIGKILL');
    while (procState(pid) !== 'Z') await new Promise((resolve) => setTimeout(resolve, 10));
    expect(() => process.kill(pid, 0)).not.toThrow(); // what fooled the store: the pid still answers
    expect(processEnded(pid)).toBe(true);
    const store = openStore(path);
    expect(store.interruptedOnOpen).toEqual(['r']);
    expect(store.findRun('r')!.status).toBe('interrupted');
    store.close();
  });

  it('without a start time (other systems) trusts a live pid only with a fresh heartbeat', () => {
    const owner = liveProcess();
    const now = Date.now();
    expect(ownerAlive(owner.pid!, 'beat/s', now - 1000, now)).toBe(true);
    expect(ownerAlive(owner.pid!, 'beat/s', now - staleAfterMs - 1, now)).toBe(false);
    expect(ownerAlive(null, null, now, now)).toBe(false);
  });

  it('a store closed in this process has orphaned its live runs; an open one owns them', () => {
    const path = join(temp.dir, 'lab.db');
    const first = openStore(path);
    first.createRun(smallRun('mine'));
    const beside = openStore(path);
    expect(beside.interruptedOnOpen).toEqual([]);
    beside.close();
    first.close();
    const after = openStore(path);
    expect(after.interruptedOnOpen).toEqual(['mine']);
    after.close();
  });
});
