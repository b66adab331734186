import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunDetail, RunSummary } from '../../../src-core/contract/training';
import { nnLab, tempFolder } from './cli-harness';
import { blobsConfig, blobsCsv } from './runs-fixtures';

let tmp: ReturnType<typeof tempFolder>;
beforeEach(() => {
  tmp = tempFolder();
  tmp.write('blobs.csv', blobsCsv(80));
  tmp.write('run.json', JSON.stringify(blobsConfig(2)));
});
afterEach(() => tmp.cleanup());

describe('nn-lab sweep', () => {
  it('says in --help that its runs train one after another, and has no --parallel', async () => {
    const help = await nnLab(tmp.dir, 'sweep', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('The runs train sequentially');
    tmp.write('sweep.json', JSON.stringify({ base: 'run.json', sweep: { strategy: 'grid', parameters: { 'model.layers.0.units': [4, 8] } } }));
    const parallel = await nnLab(tmp.dir, 'sweep', '--config', 'sweep.json', '--db', 'lab.db', '--parallel', '2');
    expect(parallel.code).toBe(2);
    expect(parallel.err).toContain('--parallel');
    // Sequential: each run starts after the one before it has ended.
    await nnLab(tmp.dir, 'sweep', '--config', 'sweep.json', '--db', 'lab.db');
    const runs = (JSON.parse((await nnLab(tmp.dir, 'runs', 'list', '--db', 'lab.db', '--json')).out) as RunSummary[]).reverse();
    expect(runs).toHaveLength(2);
    expect(runs[1]!.startedAt! >= runs[0]!.finishedAt!).toBe(true);
  });

  it('trains every grid point once per seed and records them as one sweep', async () => {
    tmp.write(
      'sweep.json',
      JSON.stringify({ name: 'width', base: 'run.json', sweep: { strategy: 'grid', parameters: { 'model.layers.0.units': [4, 8] }, seeds: [1, 2] } }),
    );
    const result = await nnLab(tmp.dir, 'sweep', '--config', 'sweep.json', '--db', 'lab.db');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/sweep [0-9a-f-]{36}: width, 4 runs/);
    expect(result.out).toContain('4 of 4 runs completed');
    const runs = JSON.parse((await nnLab(tmp.dir, 'runs', 'list', '--db', 'lab.db', '--json')).out) as RunSummary[];
    expect(runs).toHaveLength(4);
    expect(new Set(runs.map((r) => r.sweepId)).size).toBe(1);
    const details = await Promise.all(
      runs.map(async (r) => JSON.parse((await nnLab(tmp.dir, 'runs', 'show', r.id, '--db', 'lab.db', '--json')).out) as RunDetail),
    );
    expect(details.map((d) => [d.spec.layers[0]!.type === 'dense' ? (d.spec.layers[0] as { units: number }).units : 0, d.seed]).sort()).toEqual([
      [4, 1],
      [4, 2],
      [8, 1],
      [8, 2],
    ]);
    expect(details.map((d) => d.name).sort()[0]).toBe('width: units=4 seed=1');
  });

  it('an inline base and a random search; a bad parameter path is named before anything trains', async () => {
    tmp.write('random.json', JSON.stringify({ base: blobsConfig(1), sweep: { strategy: 'random', samples: 2, seed: 4, parameters: { 'train.optimizer.lr': { min: 0.001, max: 0.1, scale: 'log' } } } }));
    const ok = await nnLab(tmp.dir, 'sweep', '--config', 'random.json', '--db', 'lab.db');
    expect(ok.out).toContain('2 of 2 runs completed');
    tmp.write('bad.json', JSON.stringify({ base: 'run.json', sweep: { strategy: 'grid', parameters: { 'model.layers.5.units': [4] } } }));
    const bad = await nnLab(tmp.dir, 'sweep', '--config', 'bad.json', '--db', 'lab.db');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('bad.json: parameters.model.layers.5.units: the base config has nothing at model.layers.5');
    tmp.write('invalid.json', JSON.stringify({ base: 'run.json', sweep: { strategy: 'grid', parameters: { 'train.batchSize': [-1] } } }));
    const invalid = await nnLab(tmp.dir, 'sweep', '--config', 'invalid.json', '--db', 'lab.db');
    expect(invalid.err).toContain('the run batchSize=-1 seed=0 is not a valid run config: train.batchSize');
    expect(JSON.parse((await nnLab(tmp.dir, 'runs', 'list', '--db', 'lab.db', '--json')).out)).toHaveLength(2);
  });
});
