import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { TrainConfig } from '../../../src-core/contract/run-config';
import type { PreprocessorState } from '../../../src-core/data/preprocess/preprocessor-state';
import type { OptimizerState, RngState } from '../../../src-core/nn/index';
import { openStore, type LabStore, type NewRun } from '../../../src-main/store/lab-store';
import { migrations, schemaVersion } from '../../../src-main/store/migrations';
import { useTempDir } from '../../support/temp-dir';

/** Migration 4: a run's optimizer and generator state at its end, and its fitted preprocessor. */

const spec: ModelSpec = { input: [2], layers: [{ type: 'dense', units: 3 }, { type: 'relu' }, { type: 'dense', units: 2 }] };
const train: TrainConfig = { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32, epochs: 5 };
const run = (id: string, extra: Partial<NewRun> = {}): NewRun => ({
  id,
  name: `run ${id}`,
  datasetId: 'two-moons',
  datasetName: 'Two moons',
  task: 'classification',
  spec,
  train,
  seed: 1,
  createdAt: '2026-11-21T09:00:00.000Z',
  ...extra,
});

// Values float32 holds exactly but decimal text would not round-trip: subnormals, -0, the largest float.
const optimizer: OptimizerState = {
  type: 'adam',
  steps: 40,
  epochs: 5,
  schedule: { lr: 0.005, best: 0.3125, badEpochs: 1 },
  tensors: {
    '0.weight': { exp_avg: new Float32Array([1e-40, -0, 3.4028234663852886e38, 0.1, -2.5, 7]), exp_avg_sq: new Float32Array([1, 2, 3, 4, 5, 6]) },
    '0.bias': { exp_avg: new Float32Array([Math.fround(1 / 3), 0, 0]), exp_avg_sq: new Float32Array([0.5, 0.25, 0.125]) },
  },
};
const rng: RngState = { generator: 0xfedcba98, order: new Int32Array([4, 0, 3, 1, 2]) };

const temp = useTempDir('nn-lab-resume-');
let store: LabStore | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
});

describe('a run’s resume state', () => {
  it('is stored with the ending of a run and read back bit for bit (uint32 generator, every moment, the row order)', () => {
    store = openStore(join(temp.dir, 'lab.db'));
    store.createRun(run('a'));
    expect(store.getResume('a')).toBeUndefined();
    store.finishRun('a', { status: 'completed', finishedAt: '2026-11-21T09:01:00.000Z', resume: { optimizer, rng } });
    store.close();
    store = openStore(join(temp.dir, 'lab.db'));
    const back = store.getResume('a')!;
    expect(back).toEqual({ optimizer, rng });
    expect(Object.is(back.optimizer.tensors['0.weight']!.exp_avg![1], -0)).toBe(true);
    expect(back.rng.generator).toBe(0xfedcba98);
    store.deleteRun('a');
    expect(store.getResume('a')).toBeUndefined();
  });

  it('keeps the fitted preprocessor with the run', () => {
    store = openStore(join(temp.dir, 'lab.db'));
    const preprocessor = { inputShape: [1], features: [{ kind: 'numeric', column: 'a', scaling: 'standard', mean: 2, std: 0.5, fill: 2 }] } as unknown as PreprocessorState;
    store.createRun(run('p', { preprocessor }));
    store.createRun(run('q'));
    expect(store.getPreprocessor('p')).toEqual(preprocessor);
    expect(store.getPreprocessor('q')).toBeUndefined();
  });

  it('migration 4 upgrades a schema-3 database with runs in it, in one transaction with its version bump', () => {
    const path = join(temp.dir, 'old.db');
    const old = new Database(path);
    for (let version = 0; version < 3; version++) {
      old.exec(migrations[version]!);
      old.pragma(`user_version = ${version + 1}`);
    }
    old.prepare(
      `INSERT INTO runs (id, name, status, dataset_id, dataset_name, task, config, seed, epochs, created_at)
       VALUES ('old', 'old run', 'completed', 'two-moons', 'Two moons', 'classification', ?, 1, 5, '2026-01-01T00:00:00.000Z')`,
    ).run(JSON.stringify({ spec, train }));
    old.close();
    expect(schemaVersion).toBeGreaterThanOrEqual(4);
    store = openStore(path);
    expect(store.findRun('old')?.name).toBe('old run');
    expect(store.getResume('old')).toBeUndefined();
    expect(store.getPreprocessor('old')).toBeUndefined();
    expect(store.connection.pragma('user_version', { simple: true })).toBe(schemaVersion);
  });
});
