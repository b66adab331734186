import { execFile } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FullRun, RunSummary } from '../../../src-core/contract/training';
import { Random } from '../../../src-core/data/random';
import { createLab } from '../../../src-main/app/create-lab';
import { openStore } from '../../../src-main/store/lab-store';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { callRequest } from '../../support/call-request';
import { smallRun } from '../../support/small-run';
import { mountSmallDisk, smallDiskUnavailable, type SmallDisk } from '../../support/small-disk';
import { buildCli, removeBuiltCli } from '../durability/build-cli';

/**
 * `nn-lab train --db` on a disk that fills up, for real: the database on a small tmpfs, `--out` on a healthy disk,
 * the built CLI in its own process. Needs root to mount; skipped with the reason otherwise.
 */

const unavailable = smallDiskUnavailable();
const trainWorker = useBuiltTrainWorker();
let cli: string;
let dir: string;
let disk: SmallDisk | undefined;

beforeAll(async () => {
  if (unavailable) return;
  cli = await buildCli();
  dir = mkdtempSync(join(tmpdir(), 'nn-lab-disk-full-cli-'));
  const random = new Random(5);
  const rows: string[] = ['x,y,label'];
  for (let i = 0; i < 120; i++) {
    const label = i % 2;
    rows.push(`${(random.normal() + label * 2).toFixed(4)},${(random.normal() - label).toFixed(4)},${label === 1 ? 'b' : 'a'}`);
  }
  writeFileSync(join(dir, 'points.csv'), `${rows.join('\n')}\n`);
  writeFileSync(
    join(dir, 'run.json'),
    JSON.stringify({
      name: 'filling',
      data: { path: 'points.csv', target: 'label', validation: 0.25 },
      model: { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 2 }, { type: 'softmax' }] },
      train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 16, epochs: 100000, seed: 1 },
    }),
  );
  disk = mountSmallDisk(1024);
}, 120_000);

afterAll(() => {
  disk?.remove();
  if (cli) removeBuiltCli(cli);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function nnLab(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd: dir, maxBuffer: 64 * 1024 * 1024 }, (error, out, err) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out, err });
    });
  });
}

describe.skipIf(unavailable !== undefined)(`nn-lab train --db on a full disk${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  it('ends the run failed with the last weights, writes --out, and the full database still opens to view', async () => {
    const db = join(disk!.dir, 'lab.db');
    const trained = await nnLab('train', '--config', 'run.json', '--db', db, '--out', 'm.json');
    expect(trained.code).toBe(1);
    expect(trained.err).toMatch(/disk is full/);
    expect(trained.err).not.toMatch(/\n\s+at /); // no stack
    const printed = [...trained.out.matchAll(/^epoch\s+(\d+)\//gm)].map((m) => Number(m[1]));
    expect(printed.length).toBeGreaterThan(0);
    // --out is on a healthy disk: the last weights are there.
    expect(existsSync(join(dir, 'm.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'm.json'), 'utf8'))).toHaveProperty('state');

    // Still full: the database opens for viewing, and the run does not read as still training.
    const listed = await nnLab('runs', 'list', '--db', db, '--json');
    expect(listed.err).not.toMatch(/\n\s+at /);
    expect(listed.code).toBe(0);
    const [run] = JSON.parse(listed.out) as RunSummary[];
    expect(run!.status).toBe('failed');
    expect(run!.error).toMatch(/disk is full/);

    // Room again: every printed epoch is stored, with no gap, and the weights are kept.
    disk!.resize(64 * 1024);
    const shown = await nnLab('runs', 'show', run!.id, '--db', db, '--json');
    expect(shown.code).toBe(0);
    const detail = JSON.parse(shown.out) as FullRun & { weights?: unknown };
    expect(detail.status).toBe('failed');
    expect(detail.hasWeights).toBe(true);
    const stored = detail.metrics.map((m) => m.epoch);
    expect(stored).toEqual(Array.from({ length: stored.length }, (_, i) => i + 1));
    expect(stored.slice(0, printed.length)).toEqual(printed);
  });

  it('opens a full database that cannot even mark its dead runs read-only, for runs list and for the app (serve)', async () => {
    const small = mountSmallDisk(1024);
    try {
      const db = join(small.dir, 'lab.db');
      const setup = openStore(db);
      setup.createRun(smallRun('dead', { name: 'orphan' }));
      setup.connection.prepare(`UPDATE runs SET status = 'running', owner_pid = 999999999 WHERE id = 'dead'`).run();
      setup.close();
      // Fill the disk to the last byte.
      const fd = openSync(join(small.dir, 'filler'), 'w');
      try {
        for (;;) writeSync(fd, Buffer.alloc(64 * 1024));
      } catch {
        // ENOSPC: full
      } finally {
        closeSync(fd);
      }
      const listed = await nnLab('runs', 'list', '--db', db, '--json');
      expect(listed.code).toBe(0);
      expect(listed.err).toMatch(/^nn-lab: The disk (is full|refused to write).*open for viewing only/);
      expect(JSON.parse(listed.out)).toMatchObject([{ id: 'dead', status: 'interrupted' }]);
      const lab = await createLab({ databasePath: db, host: 'browser', threads: 1, workerFile: trainWorker() });
      try {
        const info = await callRequest(lab.handlers, 'app.info');
        expect(info.notices).toMatchObject([{ kind: 'database-read-only', file: db }]);
        expect(await callRequest(lab.handlers, 'runs.list')).toMatchObject([{ id: 'dead', status: 'interrupted' }]);
      } finally {
        await lab.close();
      }
    } finally {
      small.remove();
    }
  });
});
