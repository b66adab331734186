import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RequestHandlers } from '../../../src-core/contract/api';
import type { RunSummary } from '../../../src-core/contract/training';
import { appBusyTimeoutMs } from '../../../src-main/app/create-lab';
import { EventBus } from '../../../src-main/app/event-bus';
import { TrainingPool } from '../../../src-main/pool/training-pool';
import { createLabService } from '../../../src-main/service/lab-service';
import { openStore, type LabStore } from '../../../src-main/store/lab-store';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { callRequest as call, callWholeRun } from '../../support/call-request';
import { nextStatus } from '../../support/run-status';
import { useTempDir } from '../../support/temp-dir';
import { nnLab } from '../cli/cli-harness';
import { blobsConfig, blobsCsv } from '../cli/runs-fixtures';
import { buildCli, removeBuiltCli } from '../durability/build-cli';
import { twoMoonsSpec, twoMoonsTrain } from '../pool/two-moons-run';

/**
 * The app beside other processes on the same database, all real: a CLI run killed with SIGKILL while the app is
 * open, and another program holding SQLite's write lock longer than the old 5 s busy timeout.
 */

const trainWorker = useBuiltTrainWorker();
const temp = useTempDir('nn-lab-others-');
const cleanups: (() => Promise<void> | void)[] = [];
let cli = '';

beforeAll(async () => {
  cli = await buildCli();
});
afterAll(() => {
  if (cli) removeBuiltCli(cli);
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function app(options: { ownerCheckEveryMs: number }): { store: LabStore; handlers: RequestHandlers; bus: EventBus } {
  // As createLab opens it: a write waits a moment for a lock, then the commit is retried.
  const store = openStore(join(temp.dir, 'lab.db'), { busyTimeoutMs: appBusyTimeoutMs });
  const pool = new TrainingPool({ threads: 1, workerFile: trainWorker() });
  cleanups.push(() => store.close(), () => pool.close());
  const bus = new EventBus();
  const info = { name: 'NN Lab', version: 'test', host: 'browser' as const, databasePath: store.path, threads: 1 };
  return { store, bus, handlers: createLabService({ store, pool, bus, info, ...options, log: () => {} }) };
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** `nn-lab train --db lab.db` in a child process, resolved once it has printed its first epoch. */
async function cliTraining(): Promise<ChildProcess> {
  writeFileSync(join(temp.dir, 'blobs.csv'), blobsCsv(80));
  writeFileSync(join(temp.dir, 'run.json'), JSON.stringify(blobsConfig(100_000, 'from the cli')));
  const child = spawn(process.execPath, [cli, 'train', '--config', 'run.json', '--db', 'lab.db'], { cwd: temp.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(async () => {
    child.kill('SIGKILL');
    await exited(child);
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (/^epoch\s+\d+\//m.test(chunk.toString('utf8'))) resolve();
    });
    child.once('exit', (code) => reject(new Error(`nn-lab train exited (${code}) before its first epoch`)));
  });
  return child;
}

/** Another program (a second SQLite connection in its own process) holding the write lock for `ms`. */
async function holdWriteLock(ms: number): Promise<{ released: Promise<void> }> {
  const script = `const db = new (require('better-sqlite3'))(process.argv[1]); db.exec('BEGIN IMMEDIATE'); console.log('locked');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[2]));`;
  const child = spawn(process.execPath, ['-e', script, join(temp.dir, 'lab.db'), String(ms)], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(async () => {
    child.kill('SIGKILL');
    await exited(child);
  });
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  return { released: exited(child) };
}

describe('a CLI run killed with SIGKILL while the app is open', () => {
  it('reads interrupted in the app within one owner check, and every window is told', async () => {
    const { handlers, bus } = app({ ownerCheckEveryMs: 250 });
    const child = await cliTraining();
    const [run] = await call(handlers, 'runs.list', undefined);
    expect(run).toMatchObject({ name: 'from the cli', status: 'running' });
    const told = nextStatus(bus, run!.id, ['interrupted']);
    child.kill('SIGKILL');
    await exited(child);
    const summary = await told; // no request made: the periodic check found it
    expect(summary.status).toBe('interrupted');
    expect(summary.error).toMatch(/ended before the run did/);
  });

  it('reads interrupted as soon as a person acts on it (get, stop), whatever the period', async () => {
    const { handlers, bus } = app({ ownerCheckEveryMs: 3_600_000 });
    const child = await cliTraining();
    const [run] = await call(handlers, 'runs.list', undefined);
    expect(run!.status).toBe('running');
    const told = nextStatus(bus, run!.id, ['interrupted']);
    child.kill('SIGKILL');
    await exited(child);
    expect((await callWholeRun(handlers, run!.id)).status).toBe('interrupted');
    expect((await told).status).toBe('interrupted');
    await expect(call(handlers, 'runs.stop', { id: run!.id })).rejects.toThrow(/is not training \(it is interrupted\)/);
  });
});

describe('a CLI run killed while its parent does not reap it (a zombie, as under npx for a while)', () => {
  it.runIf(process.platform === 'linux')('reads interrupted in `nn-lab runs list` right away', async () => {
    writeFileSync(join(temp.dir, 'blobs.csv'), blobsCsv(80));
    writeFileSync(join(temp.dir, 'run.json'), JSON.stringify(blobsConfig(100_000, 'zombie')));
    // The shell starts the CLI, then becomes a sleep that never waits for it.
    const parent = spawn('sh', ['-c', `"${process.execPath}" "${cli}" train --config run.json --db lab.db > train.log 2>&1 & echo $!; exec sleep 60`], {
      cwd: temp.dir,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    cleanups.push(async () => {
      parent.kill('SIGKILL');
      await exited(parent);
    });
    const pid = Number(await new Promise<string>((resolve) => parent.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8')))));
    const state = (): string => {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]!;
    };
    const log = join(temp.dir, 'train.log'); // the shell makes it, maybe after echoing the pid
    while (!(existsSync(log) && /^epoch\s+\d+\//m.test(readFileSync(log, 'utf8')))) await new Promise((resolve) => setTimeout(resolve, 20));
    process.kill(pid, 'SIGKILL');
    while (state() !== 'Z') await new Promise((resolve) => setTimeout(resolve, 10));
    const listed = await nnLab(temp.dir, 'runs', 'list', '--db', 'lab.db', '--json');
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.out) as RunSummary[]).map((r) => [r.name, r.status])).toEqual([['zombie', 'interrupted']]);
    expect(state()).toBe('Z'); // still unreaped when the list was made
  });
});

describe('another program holding the write lock for 6 s (longer than the old 5 s busy timeout)', () => {
  it("keeps the app's run training: its epochs wait for the lock, nothing fails, none is lost", async () => {
    const { handlers, bus } = app({ ownerCheckEveryMs: 3_600_000 });
    const run = await call(handlers, 'runs.start', { datasetId: 'two-moons', name: 'moons', spec: twoMoonsSpec, train: twoMoonsTrain(100_000) });
    await nextStatus(bus, run.id, ['running']);
    const lock = await holdWriteLock(6_000);
    // The app keeps answering while the lock is held (its writes wait off the event loop).
    const first = await Promise.race([
      callWholeRun(handlers, run.id).then((whole) => whole.status),
      lock.released.then(() => 'released' as const),
    ]);
    expect(first).toBe('running'); // answered before the lock was let go
    await lock.released;
    const after = (await callWholeRun(handlers, run.id)).epochsDone;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ended = nextStatus(bus, run.id);
    await call(handlers, 'runs.stop', { id: run.id });
    const summary: RunSummary = await ended;
    expect(summary.status).toBe('stopped');
    expect(summary.error).toBeUndefined();
    const detail = await callWholeRun(handlers, run.id);
    expect(detail.epochsDone).toBeGreaterThan(after);
    expect(detail.metrics.map((m) => m.epoch)).toEqual(Array.from({ length: detail.epochsDone }, (_, i) => i + 1));
    expect(detail.hasWeights).toBe(true);
  });

  it('`nn-lab train --db` waits for the lock and trains on, its epochs stored without a gap', async () => {
    const child = await cliTraining();
    let printed = 0;
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8').match(/^epoch\s+\d+\//gm)?.length ?? 0));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const lock = await holdWriteLock(6_000);
    await lock.released;
    const atRelease = printed;
    while (printed < atRelease + 5 && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stderr).toBe('');
    expect(child.exitCode).toBeNull();
    child.kill('SIGKILL');
    await exited(child);
    const store = openStore(join(temp.dir, 'lab.db'));
    cleanups.push(() => store.close());
    const [run] = store.listRuns();
    const epochs = store.getRun(run!.id).metrics.map((m) => m.epoch);
    expect(epochs.length).toBeGreaterThanOrEqual(atRelease + 5);
    expect(epochs).toEqual(Array.from({ length: epochs.length }, (_, i) => i + 1));
  });

  it('`nn-lab runs list` waits for the lock and answers', async () => {
    writeFileSync(join(temp.dir, 'blobs.csv'), blobsCsv(80));
    writeFileSync(join(temp.dir, 'run.json'), JSON.stringify(blobsConfig(2, 'before the lock')));
    expect((await nnLab(temp.dir, 'train', '--config', 'run.json', '--db', 'lab.db')).code).toBe(0);
    const lock = await holdWriteLock(6_000);
    const listed = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn(process.execPath, [cli, 'runs', 'list', '--db', 'lab.db'], { cwd: temp.dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
      child.once('exit', (code) => resolve({ code, out, err }));
    });
    await lock.released;
    expect(listed.err).toBe('');
    expect(listed.code).toBe(0);
    expect(listed.out).toContain('before the lock');
  });
});
