import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FullRun, RunSummary } from '../../../src-core/contract/training';
import { openStore } from '../../../src-main/store/lab-store';
import { nnLab, tempFolder } from './cli-harness';
import { blobsConfig, blobsCsv, deadRun } from './runs-fixtures';

let tmp: ReturnType<typeof tempFolder>;
beforeEach(() => {
  tmp = tempFolder();
  tmp.write('blobs.csv', blobsCsv(80));
});
afterEach(() => tmp.cleanup());

async function trainInto(db: string, epochs: number, name?: string): Promise<string> {
  tmp.write('run.json', JSON.stringify(blobsConfig(epochs, name)));
  const result = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--db', db);
  expect(result.err).toBe('');
  return /run ([0-9a-f-]{36}) recorded/.exec(result.out)![1]!;
}

describe('nn-lab runs', () => {
  it('lists runs with id, status, name, dataset and key metrics, as a table and as JSON', async () => {
    const first = await trainInto('lab.db', 3, 'first');
    const second = await trainInto('lab.db', 2, 'second');
    const table = await nnLab(tmp.dir, 'runs', 'list', '--db', 'lab.db');
    expect(table.code).toBe(0);
    const lines = table.out.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+STATUS\s+NAME\s+DATASET\s+EPOCHS\s+LOSS\s+ACC/);
    expect(lines[1]).toMatch(new RegExp(`^${second}\\s+completed\\s+second\\s+blobs\\.csv\\s+2/2\\s+\\d\\.\\d{4}\\s+\\d\\.\\d{4}`));
    expect(lines[2]).toContain(first);
    const json = JSON.parse((await nnLab(tmp.dir, 'runs', 'list', '--db', 'lab.db', '--json')).out) as RunSummary[];
    expect(json.map((r) => [r.id, r.status, r.name, r.epochsDone])).toEqual([
      [second, 'completed', 'second', 2],
      [first, 'completed', 'first', 3],
    ]);
    expect(json[0]!.lastLoss).toBeGreaterThan(0);
    const filtered = JSON.parse((await nnLab(tmp.dir, 'runs', 'list', '--db', 'lab.db', '--json', '--search', 'fir')).out) as RunSummary[];
    expect(filtered.map((r) => r.id)).toEqual([first]);
  });

  it('shows a run: config, status and every epoch with its epoch number', async () => {
    const id = await trainInto('lab.db', 4);
    const json = JSON.parse((await nnLab(tmp.dir, 'runs', 'show', id, '--db', 'lab.db', '--json')).out) as FullRun;
    expect(json).toMatchObject({ id, status: 'completed', seed: 3, train: { epochs: 4 } });
    expect(json.metrics.map((m) => m.epoch)).toEqual([1, 2, 3, 4]);
    expect(json.datasetHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    // As the app records them: diagnostics every 5 epochs and after the last, the confusion matrix at the end.
    expect(json.diagnostics!.map((d) => d.epoch)).toEqual([4]);
    expect(json.confusion!.split).toBe('validation');
    expect(json.confusion!.matrix.flat().reduce((a, b) => a + b, 0)).toBe(20);
    const text = await nnLab(tmp.dir, 'runs', 'show', id, '--db', 'lab.db');
    expect(text.out).toContain(`run ${id}: blobs`);
    expect(text.out.split('\n').filter((l) => /^epoch [1-4]\/4/.test(l))).toHaveLength(4);
    const missing = await nnLab(tmp.dir, 'runs', 'show', 'nope', '--db', 'lab.db');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('There is no run with id "nope"');
  });

  it('deletes a run only with --yes', async () => {
    const id = await trainInto('lab.db', 2);
    const refused = await nnLab(tmp.dir, 'runs', 'delete', id, '--db', 'lab.db');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--yes');
    expect(JSON.parse((await nnLab(tmp.dir, 'runs', 'list', '--db', 'lab.db', '--json')).out)).toHaveLength(1);
    const done = await nnLab(tmp.dir, 'runs', 'delete', id, '--db', 'lab.db', '--yes');
    expect(done.code).toBe(0);
    expect(JSON.parse((await nnLab(tmp.dir, 'runs', 'list', '--db', 'lab.db', '--json')).out)).toEqual([]);
  });

  it('marks a run whose process died interrupted when the CLI opens the database', async () => {
    const path = join(tmp.dir, 'lab.db');
    const store = openStore(path);
    store.createRun({ ...deadRun, createdAt: new Date().toISOString() });
    store.connection.prepare(`UPDATE runs SET status = 'running', owner_pid = 999999999 WHERE id = 'dead'`).run();
    store.close();
    const json = JSON.parse((await nnLab(tmp.dir, 'runs', 'list', '--db', 'lab.db', '--json')).out) as RunSummary[];
    expect(json[0]).toMatchObject({ id: 'dead', status: 'interrupted' });
  });

  it('refuses a missing database for reading, and sets a corrupt one aside with a message', async () => {
    const missing = await nnLab(tmp.dir, 'runs', 'list', '--db', 'none.db');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('There is no run database here');
    expect(existsSync(join(tmp.dir, 'none.db'))).toBe(false);
    tmp.write('bad.db', 'garbage '.repeat(1000));
    const result = await nnLab(tmp.dir, 'runs', 'list', '--db', 'bad.db');
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/could not be read .* kept as .*bad\.db\.corrupt-/);
    expect(readdirSync(tmp.dir).some((f) => f.startsWith('bad.db.corrupt-'))).toBe(true);
  });

  it('says what is wrong with the command line', async () => {
    expect((await nnLab(tmp.dir, 'runs')).err).toContain('missing an action');
    expect((await nnLab(tmp.dir, 'runs', 'frob')).err).toContain("unknown action 'frob'");
    expect((await nnLab(tmp.dir, 'runs', 'show', '--db', 'x.db')).err).toContain('missing ID');
    expect((await nnLab(tmp.dir, 'runs', 'list', '--status', 'happy')).code).toBe(2);
  });
});
