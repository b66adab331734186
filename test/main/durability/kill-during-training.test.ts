import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../../src-core/data/random';
import { openStore } from '../../../src-main/store/lab-store';
import { buildCli, removeBuiltCli } from './build-cli';

/**
 * The durability promise, tested on the real thing: `nn-lab train --db` in a child process, killed with SIGKILL
 * at seeded random moments. Every epoch it printed must be in the database, the file must pass SQLite's
 * integrity check, and the run must read `interrupted` when the database is next opened.
 */

let cli: string;
let dir: string;

beforeAll(async () => {
  cli = await buildCli();
  dir = mkdtempSync(join(tmpdir(), 'nn-lab-durability-'));
  const random = new Random(3);
  const rows: string[] = ['x,y,label'];
  for (let i = 0; i < 120; i++) {
    const label = i % 2;
    rows.push(`${(random.normal() + label * 2).toFixed(4)},${(random.normal() - label).toFixed(4)},${label === 1 ? 'b' : 'a'}`);
  }
  writeFileSync(join(dir, 'points.csv'), `${rows.join('\n')}\n`);
  writeFileSync(
    join(dir, 'run.json'),
    JSON.stringify({
      name: 'durable',
      data: { path: 'points.csv', target: 'label', validation: 0.25 },
      model: { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 2 }, { type: 'softmax' }] },
      train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 16, epochs: 100000, seed: 1 },
    }),
  );
});
afterAll(() => {
  if (cli) removeBuiltCli(cli);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Starts `nn-lab train --db lab.db` and resolves once it has printed `epochs` epoch lines; `seen` keeps every one. */
function startTraining(epochs: number): { child: ChildProcess; seen: number[]; reached: Promise<void>; exited: Promise<void> } {
  const child = spawn(process.execPath, [cli, 'train', '--config', 'run.json', '--db', 'lab.db'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const seen: number[] = [];
  let buffered = '';
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const reached = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const match = /^epoch\s+(\d+)\//.exec(line);
        if (match) seen.push(Number(match[1]));
      }
      if (seen.length >= epochs) resolve();
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`nn-lab train exited (${code}) before ${epochs} epochs: ${stderr}`)));
  });
  return { child, seen, reached, exited };
}

describe('nn-lab train --db killed with SIGKILL', () => {
  it('keeps every printed epoch, an intact file and reads interrupted, kill after kill (25 seeded kills)', async () => {
    const random = new Random(20261121);
    const dbPath = join(dir, 'lab.db');
    for (let kill = 0; kill < 25; kill++) {
      const { child, seen, reached, exited } = startTraining(1 + random.int(30));
      await reached;
      // A few more epochs may be committed after the last line read: the kill lands at an arbitrary point.
      child.kill('SIGKILL');
      await exited;
      const printed = [...seen];

      const store = openStore(dbPath);
      try {
        expect(store.connection.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(store.interruptedOnOpen).toHaveLength(1);
        const run = store.getRun(store.interruptedOnOpen[0]!);
        expect(run.status).toBe('interrupted');
        const stored = new Set(run.metrics.map((m) => m.epoch));
        expect(printed.filter((epoch) => !stored.has(epoch))).toEqual([]);
        // Stored epochs are 1..n with no gap.
        expect(run.metrics.map((m) => m.epoch)).toEqual(run.metrics.map((_, i) => i + 1));
        expect(store.listRuns()).toHaveLength(kill + 1);
      } finally {
        store.close();
      }
    }
  });

  it('leaves a run that a live process is training alone, and marks it interrupted once that process is killed', async () => {
    const { child, reached, exited } = startTraining(3);
    await reached;
    const beside = openStore(join(dir, 'lab.db'));
    const live = beside.listRuns().find((run) => run.status === 'running');
    try {
      expect(beside.interruptedOnOpen).toEqual([]);
      expect(live).toBeDefined();
    } finally {
      beside.close();
    }
    child.kill('SIGKILL');
    await exited;
    const after = openStore(join(dir, 'lab.db'));
    try {
      expect(after.interruptedOnOpen).toEqual([live!.id]);
      expect(after.findRun(live!.id)!.status).toBe('interrupted');
    } finally {
      after.close();
    }
  });
});
